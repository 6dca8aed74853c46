// title: Actors whose commitments reach no outcome
// description: Actors who make or are responsible for pledges or commitments, none of which reaches a
// result at outcome level or above.
MATCH (a:Actor)-[:MAKES|RESPONSIBLE_FOR]->(c:Pledge|Commitment)
WITH a, collect(c) AS promises
WHERE NONE(c IN promises WHERE EXISTS {
  (c)-[:CONTRIBUTES_TO]->+(r:Result) WHERE r.level IN $levels
})
RETURN a AS node, 'makes ' + toString(size(promises)) + ' pledge(s) or commitment(s), none reaching an outcome' AS why
ORDER BY a.id

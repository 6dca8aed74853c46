// title: Results no pledge or commitment reaches
// description: Results at the given levels that no Pledge or Commitment reaches through the chain:
// nobody has promised to work toward them.
MATCH (r:Result)
WHERE r.level IN $levels AND ($framework IS NULL OR EXISTS { (r)-[:PART_OF]->(:Framework {id: $framework}) })
  AND NOT EXISTS { (:Pledge|Commitment)-[:CONTRIBUTES_TO]->+(r) }
RETURN r AS node, 'no pledge or commitment reaches it' AS why
ORDER BY r.id

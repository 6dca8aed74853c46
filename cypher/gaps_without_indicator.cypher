// title: Results no indicator measures
// description: Results at the given levels that no Indicator MEASURES: progress there goes unseen.
MATCH (r:Result)
WHERE r.level IN $levels AND ($framework IS NULL OR EXISTS { (r)-[:PART_OF]->(:Framework {id: $framework}) })
  AND NOT EXISTS { (:Indicator)-[:MEASURES]->(r) }
RETURN r AS node, 'no indicator measures it' AS why
ORDER BY r.id

// title: Outputs with no actor
// description: Outputs that no actor implements or is responsible for, directly or through a pledge,
// commitment or lower result that contributes to them, and whose framework no actor implements.
MATCH (r:Result {level: 'output'})
WHERE ($framework IS NULL OR EXISTS { (r)-[:PART_OF]->(:Framework {id: $framework}) })
  AND NOT EXISTS { (:Actor)-[:IMPLEMENTS|RESPONSIBLE_FOR]->(r) }
  AND NOT EXISTS { (:Actor)-[:MAKES|RESPONSIBLE_FOR|IMPLEMENTS]->()-[:CONTRIBUTES_TO]->+(r) }
  AND NOT EXISTS { (r)-[:PART_OF]->(:Framework)<-[:IMPLEMENTS]-(:Actor) }
RETURN r AS node, 'no actor implements it or commits to anything that reaches it' AS why
ORDER BY r.id

// title: Results no pledge or commitment reaches
// description: Results of a framework that no Global Refugee Forum pledge and no National Action Plan commitment contributes to, directly or further down the chain: the changes nobody has committed to.
// param: framework string = mirps-rf | id of the framework to check (mirps-rf, mirps-toc, ...)
// saved: true

// A result counts as reached when any pledge or commitment has a CONTRIBUTES_TO chain to
// it; a commitment to an output therefore also reaches the outcome above it.
MATCH (r:Result)-[:PART_OF]->(:Framework {id: $framework})
WHERE NOT EXISTS { (:Pledge|Commitment)-[:CONTRIBUTES_TO*1..8]->(r) }
RETURN
  r.level AS level,
  r.id AS id,
  r.name AS name,
  COUNT { (r)<-[:CONTRIBUTES_TO]-(:Result) } AS fed_by_results,
  [(r)-[:ALIGNS_WITH]-(other) | other.id] AS aligned_with
ORDER BY level, id

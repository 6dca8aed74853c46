// title: Results no indicator measures
// description: Results (by default the upper levels: impacts, manifestations, long-term changes, goals, outcomes, lines of action and outputs) that no M&E indicator measures. `measured_aligned` lists results of other documents that speak of the same change (ALIGNS_WITH) and are measured: evidence may exist under another name.
// param: framework string = null | only results of this framework (id); null for every framework
// param: levels list = ["impact", "manifestation", "long_term_change", "goal", "outcome", "line_of_action", "output"] | the results-chain levels to check
// saved: true

// Activities and reported results are left out by default: indicators are set for what a
// plan wants to change, not for each task. Pass levels to include them.
MATCH (r:Result)
WHERE r.level IN $levels
  AND ($framework IS NULL OR EXISTS { (r)-[:PART_OF]->(:Framework {id: $framework}) })
  AND NOT EXISTS { (:Indicator)-[:MEASURES]->(r) }
OPTIONAL MATCH (r)-[:ALIGNS_WITH]-(aligned:Result)<-[:MEASURES]-(:Indicator)
WITH r, collect(DISTINCT aligned.id) AS measured_aligned
RETURN
  r.framework AS framework,
  r.level AS level,
  r.id AS id,
  r.name AS name,
  measured_aligned
ORDER BY framework, level, id

// title: Cross-framework alignments of a theme
// description: Pairs of elements from different documents that speak of the same change (ALIGNS_WITH) where at least one of the two carries the theme, with the curator's rationale. `both_tagged` is false when only one side carries the theme: a hint that the other side's tags may be incomplete.
// param: theme string = theme.skills-recognition | theme id or its exact name
// saved: true

// Each ALIGNS_WITH is stored once, in the direction it was curated; matching the stored
// direction lists every pair exactly once.
MATCH (t:Theme)
WHERE t.id = $theme OR t.name = $theme
MATCH (a)-[al:ALIGNS_WITH]->(b)
WHERE (EXISTS { (a)-[:HAS_THEME]->(t) } OR EXISTS { (b)-[:HAS_THEME]->(t) })
  AND coalesce(a.framework, a.id) <> coalesce(b.framework, b.id)
RETURN
  a.framework AS from_framework,
  a.id AS from_id,
  a.name AS from_name,
  b.framework AS to_framework,
  b.id AS to_id,
  b.name AS to_name,
  EXISTS { (a)-[:HAS_THEME]->(t) } AND EXISTS { (b)-[:HAS_THEME]->(t) } AS both_tagged,
  al.basis AS basis,
  al.rationale AS rationale
ORDER BY from_framework, from_id, to_id

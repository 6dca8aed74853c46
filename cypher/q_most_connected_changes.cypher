// title: Most-connected changes
// description: The results with the most links that carry meaning: changes feeding them and that they feed (CONTRIBUTES_TO), alignments with other documents (ALIGNS_WITH), indicators measuring them (MEASURES), pledges and commitments contributing, and actors implementing or responsible. High counts mark the hubs a plan depends on.
// param: limit int = 15 | how many results to return
// param: framework string = null | only results of this framework (id); null for every framework
// saved: true

// PART_OF, HAS_THEME and IN_COUNTRY are left out: every element has them, so they would
// measure how well a node is tagged rather than how central it is to the chain.
MATCH (r:Result)
WHERE $framework IS NULL OR EXISTS { (r)-[:PART_OF]->(:Framework {id: $framework}) }
WITH r,
  COUNT { (r)<-[:CONTRIBUTES_TO]-(:Result) } AS fed_by_results,
  COUNT { (r)<-[:CONTRIBUTES_TO]-(:Pledge|Commitment) } AS pledges_commitments,
  COUNT { (r)-[:CONTRIBUTES_TO]->() } AS feeds,
  COUNT { (r)-[:ALIGNS_WITH]-() } AS alignments,
  COUNT { (r)<-[:MEASURES]-() } AS indicators,
  COUNT { (r)<-[:IMPLEMENTS|RESPONSIBLE_FOR]-() } AS actors
WITH r, fed_by_results, pledges_commitments, feeds, alignments, indicators, actors,
  fed_by_results + pledges_commitments + feeds + alignments + indicators + actors AS links
ORDER BY links DESC, r.id
LIMIT $limit
RETURN
  r.id AS id,
  r.framework AS framework,
  r.level AS level,
  r.name AS name,
  links,
  fed_by_results,
  pledges_commitments,
  feeds,
  alignments,
  indicators,
  actors

// title: From a pledge to the impact
// description: Every chain of results a pledge contributes to, from its first step to the top of the chain (a result that contributes to nothing further, normally the impact). One row per chain, shortest first; the chains come back as a graph.
// param: pledge string | the pledge's code as printed (GRF 08068, GRF03542) or its id (pledge.grf-08068)
// saved: true

// The top is "contributes to nothing further" rather than level = impact, so a chain that
// stops early (a gap in the curated chain) is shown instead of silently dropped.
MATCH (p:Pledge)
WHERE p.code = $pledge OR p.id = $pledge
MATCH path = (p)-[:CONTRIBUTES_TO*1..8]->(top:Result)
WHERE NOT EXISTS { (top)-[:CONTRIBUTES_TO]->() }
RETURN
  p.code AS pledge,
  length(path) AS steps,
  [n IN tail(nodes(path)) | n.level + ': ' + n.name] AS chain,
  top.id AS reaches,
  path
ORDER BY steps, chain

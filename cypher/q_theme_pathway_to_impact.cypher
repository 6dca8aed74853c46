// title: From a theme to the impact, across frameworks
// description: Every change tagged with a theme (default: recognition of skills) and the shortest way from it up to an impact, climbing the results chain (CONTRIBUTES_TO, upward only) and crossing between documents where they name the same change (ALIGNS_WITH, either way). One row per change and impact reached; `chain` lists each step as framework: level: name, and the paths come back as a graph.
// param: theme string = theme.skills-recognition | theme id or its exact name
// saved: true

// Why a quantified path with a condition per step: CONTRIBUTES_TO must be followed upward
// only (from the contributing change to the one it serves), while ALIGNS_WITH has no
// meaningful direction. Checking the direction inside the pattern prunes downward steps
// while the path is built, instead of enumerating undirected paths and filtering after.
MATCH (t:Theme)
WHERE t.id = $theme OR t.name = $theme
MATCH (start:Result)-[:HAS_THEME]->(t)
MATCH path = ANY SHORTEST (start)
  ((a)-[step:CONTRIBUTES_TO|ALIGNS_WITH]-(b)
    WHERE type(step) = 'ALIGNS_WITH' OR startNode(step) = a){1,10}
  (top:Result {level: 'impact'})
RETURN
  start.id AS start,
  start.framework AS start_framework,
  start.level AS start_level,
  top.id AS impact,
  length(path) AS steps,
  [n IN nodes(path) | n.framework + ': ' + n.level + ': ' + n.name] AS chain,
  size([r IN relationships(path) WHERE type(r) = 'ALIGNS_WITH']) AS framework_crossings,
  path
ORDER BY start_framework, start, steps, impact

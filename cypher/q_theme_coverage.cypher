// title: Theme coverage across frameworks
// description: For each cross-framework theme, how many elements carry it in each document (framework: count) and in how many documents it appears. A theme present in one document only cannot be compared across frameworks yet.
// saved: true

// Frameworks tagged themselves have no `framework` property; their own id stands in.
MATCH (t:Theme)
OPTIONAL MATCH (x)-[:HAS_THEME]->(t)
WITH t, coalesce(x.framework, x.id) AS framework, count(x) AS tagged
ORDER BY framework
WITH t,
  sum(tagged) AS tagged,
  collect(CASE WHEN framework IS NULL THEN null ELSE framework + ': ' + tagged END) AS per_framework
RETURN
  t.id AS id,
  t.name AS theme,
  tagged,
  size(per_framework) AS frameworks,
  per_framework
ORDER BY frameworks DESC, tagged DESC, id

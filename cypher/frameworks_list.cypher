// title: Frameworks with counts
// description: Every framework with how many elements it holds per label and per results-chain level.
MATCH (f:Framework)
OPTIONAL MATCH (e)-[:PART_OF]->(f)
WITH f, coalesce(e.level, head([l IN labels(e) WHERE l <> 'Entity'])) AS bucket, count(e) AS n
WITH f, collect(CASE WHEN bucket IS NULL THEN null ELSE {bucket: bucket, n: n} END) AS counts
RETURN f AS framework, counts
ORDER BY f.id

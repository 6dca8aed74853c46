// title: Delete seeded nodes no longer in the seed files
// description: Seed loader. Deletes every node the loader made (origin = $origin) whose `Label:id` is not in $keep_nodes, with any relationship still attached, and counts them per label set.
MATCH (n:Entity)
WHERE n.origin = $origin AND NOT any(l IN labels(n) WHERE l + ':' + n.id IN $keep_nodes)
WITH n, labels(n) AS labels
DETACH DELETE n
RETURN labels, count(*) AS count

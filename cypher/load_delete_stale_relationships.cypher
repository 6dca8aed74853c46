// title: Delete seeded relationships no longer in the seed files
// description: Seed loader. Deletes every relationship the loader made (origin = $origin) whose id is not in $keep_relationships, or that touches a seeded node about to be deleted (its `Label:id` not in $keep_nodes), and counts them per type.
MATCH (a)-[r]->(b)
WHERE r.origin = $origin
  AND (NOT r.id IN $keep_relationships
    OR (a.origin = $origin AND NOT any(l IN labels(a) WHERE l + ':' + a.id IN $keep_nodes))
    OR (b.origin = $origin AND NOT any(l IN labels(b) WHERE l + ':' + b.id IN $keep_nodes)))
WITH r, type(r) AS type
DELETE r
RETURN type, count(*) AS count

// title: Every relationship for a backup
// description: All relationships with their type, the ids of their ends and their properties.
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS properties
ORDER BY type, start, end

// title: One node with its neighbourhood
// description: A node, all its relationships and the nodes at their other end.
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[r]-(m)
RETURN n, collect(r) AS rels, collect(m) AS neighbours

// title: Does a node exist
// description: The node's id and label, or no row.
MATCH (n:Entity {id: $id})
RETURN n.id AS id, labels(n) AS labels

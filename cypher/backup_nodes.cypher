// title: Every node for a backup
// description: All nodes with their labels and properties, in id order.
MATCH (n)
RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties, elementId(n) AS element_id
ORDER BY id

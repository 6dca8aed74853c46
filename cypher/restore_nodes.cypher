// title: Restore a batch of nodes
// description: Creates each node with its labels (dynamic labels; the backup reader has checked each
// is a plain name) and exactly its properties plus its id.
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.properties, n.id = row.id
RETURN count(n) AS created

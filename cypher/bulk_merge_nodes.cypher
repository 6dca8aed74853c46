// title: Merge a batch of nodes of one label (bulk load)
// description: Bulk loader template (__Label__ is replaced by an allow-listed label). Finds or creates each row's node by id and replaces its properties with the row, so a reload updates in place.
UNWIND $rows AS row
MERGE (n:__Label__ {id: row.id})
SET n = row, n:Entity
RETURN count(n) AS count

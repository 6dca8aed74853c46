// title: Create a batch of nodes of one label (bulk load)
// description: Bulk loader template (__Label__ is replaced by an allow-listed label). Creates one node per row, the row being its whole property map; only for an empty database, where nothing can be there already.
UNWIND $rows AS row
CREATE (n:__Label__:Entity)
SET n = row
RETURN count(n) AS count

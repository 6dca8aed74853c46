// title: Merge a batch of seed nodes of one label
// description: Seed loader template (__Label__ is replaced by an allow-listed label). Merges each row's node by id and replaces all its properties (so a property removed from the seed goes away); says per row whether the node was created, updated (its property map differed) or unchanged.
UNWIND $rows AS row
OPTIONAL MATCH (old:__Label__ {id: row.id})
WITH row,
  CASE
    WHEN old IS NULL THEN 'created'
    WHEN properties(old) = row.props THEN 'unchanged'
    ELSE 'updated'
  END AS status
MERGE (n:__Label__ {id: row.id})
// Every node also carries Entity, whose unique id lets the app find any node by id alone.
SET n = row.props, n:Entity
RETURN status, count(DISTINCT row.id) AS count

// title: Merge a batch of seed relationships of one type between two labels
// description: Seed loader template (__TYPE__, __From__ and __To__ are replaced by an allow-listed type and labels). Merges each row's relationship by (type, start, end) and replaces all its properties; says per row whether it was created, updated or unchanged.
UNWIND $rows AS row
MATCH (a:__From__ {id: row.start})
MATCH (b:__To__ {id: row.end})
OPTIONAL MATCH (a)-[old:__TYPE__]->(b)
WITH a, b, row, collect(properties(old)) AS before
MERGE (a)-[r:__TYPE__]->(b)
SET r = row.props
RETURN
  CASE
    WHEN size(before) = 0 THEN 'created'
    WHEN before = [row.props] THEN 'unchanged'
    ELSE 'updated'
  END AS status,
  count(DISTINCT row.props.id) AS count

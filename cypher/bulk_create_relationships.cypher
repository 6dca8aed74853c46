// title: Create a batch of relationships of one type between two labels (bulk load)
// description: Bulk loader template (__TYPE__, __From__ and __To__ are replaced by an allow-listed type and labels). Finds both ends through their label's unique-id index and creates the relationship; the count lets the loader notice a missing end.
UNWIND $rows AS row
MATCH (a:__From__ {id: row.start})
MATCH (b:__To__ {id: row.end})
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props
RETURN count(r) AS count

// title: Restore a batch of relationships
// description: Creates each relationship between the nodes with the given ids (every restored node has
// the Entity label, whose id is unique and indexed) with exactly its properties.
UNWIND $rows AS row
MATCH (a:Entity {id: row.start}), (b:Entity {id: row.end})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.properties
RETURN count(r) AS created

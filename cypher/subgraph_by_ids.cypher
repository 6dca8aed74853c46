// title: Subgraph of given nodes
// description: The given nodes and the relationships of the given types among them.
MATCH (n:Entity) WHERE n.id IN $ids
WITH collect(n) AS ns
UNWIND ns AS a
OPTIONAL MATCH (a)-[r]->(b:Entity)
  WHERE b IN ns AND type(r) IN $types
RETURN ns AS nodes, collect(r) AS rels

// title: Framework elements
// description: The elements of one framework, with their contributes-to links inside it. Used for the
// layered theory-of-change view.
MATCH (f:Framework {id: $id})
MATCH (e:Entity)-[:PART_OF]->(f)
WITH f, collect(e) AS elements
UNWIND elements AS a
OPTIONAL MATCH (a)-[r]->(b:Entity)
  WHERE b IN elements AND type(r) IN $types
RETURN f, elements, collect(r) AS rels

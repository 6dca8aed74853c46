// title: What hangs off a set of elements
// description: Pledges, commitments, indicators, actors, themes and aligned elements connected to the
// given elements, with the connecting relationships; $types says which relationship types to follow.
// The anchors come back too, so each relationship's ends carry their properties (ids) when read.
UNWIND $ids AS eid
MATCH (e:Entity {id: eid})-[r]-(x:Entity)
WHERE type(r) IN $types AND NOT x:Framework
RETURN collect(DISTINCT x) AS nodes, collect(DISTINCT r) AS rels, collect(DISTINCT e) AS anchors

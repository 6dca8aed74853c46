// title: One hop downstream
// description: The nodes any node of the frontier contributes to directly (one breadth-first step).
UNWIND $frontier AS fid
MATCH (s:Entity {id: fid})-[:CONTRIBUTES_TO]->(t:Entity)
RETURN DISTINCT t.id AS id

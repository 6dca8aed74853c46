// title: One hop upstream
// description: The nodes that contribute directly to any node of the frontier (one breadth-first step;
// the repository walks hop by hop so each node is visited once, never enumerating paths).
UNWIND $frontier AS fid
MATCH (t:Entity {id: fid})<-[:CONTRIBUTES_TO]-(s:Entity)
RETURN DISTINCT s.id AS id

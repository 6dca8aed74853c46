// title: Upstream walk and its subgraph
// description: Everything that contributes to a node within __DEPTH__ hops, each at its shortest
// distance, and the relationships of the given types leaving the nodes kept. One breadth-first
// search (ANY SHORTEST from one start to every reachable node expands each relationship once,
// never enumerating paths); the nearest $cap nodes are kept, by hops then id, start included.
// The repository replaces __DEPTH__ with a whole number and __TYPES__ with allow-listed types.
MATCH (s:Entity {id: $id})
OPTIONAL MATCH p = ANY SHORTEST (s)<-[:CONTRIBUTES_TO]-{1,__DEPTH__}(x:Entity)
WITH s, x, length(p) AS hops
ORDER BY hops, x.id
WITH s, collect(CASE WHEN x IS NOT NULL THEN {n: x, hops: hops} END) AS found
WITH [{n: s, hops: 0}] + found[..$cap - 1] AS kept, size(found) + 1 > $cap AS truncated
UNWIND kept AS k
WITH kept, truncated, k.n AS a
OPTIONAL MATCH (a)-[r:__TYPES__]->()
RETURN kept, truncated, collect(r) AS rels

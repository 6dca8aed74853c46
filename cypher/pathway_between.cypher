// title: Paths between two nodes
// description: Up to 50 shortest paths between two nodes along the results chain and alignments, in
// either direction, at most $max_hops long (12 at most); the caller keeps the first $max_paths.
MATCH (a:Entity {id: $source}), (b:Entity {id: $target})
MATCH p = SHORTEST 50 (a)-[:CONTRIBUTES_TO|ALIGNS_WITH]-{1,12}(b)
WHERE length(p) <= $max_hops
RETURN p
ORDER BY length(p)
LIMIT $max_paths

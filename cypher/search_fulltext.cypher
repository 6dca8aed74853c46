// title: Full-text search
// description: Nodes whose name, text, objective or quote match a Lucene query, best first.
CALL db.index.fulltext.queryNodes('toc_fulltext', $q) YIELD node, score
RETURN node, score
ORDER BY score DESC
SKIP $offset LIMIT $limit

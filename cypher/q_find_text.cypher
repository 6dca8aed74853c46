// title: Find elements by text
// description: Full-text search over the name, text, objective and quote of every element (results, pledges, commitments, indicators, actors, challenges, solutions, ...), best match first, with the framework each belongs to.
// param: text string = recognition of skills | words to look for (Lucene syntax: "exact phrase", skill*, certif~)
// param: limit int = 25 | how many matches to return
// saved: true

// The `toc_fulltext` index is made by the seed loader over every label's text properties.
CALL db.index.fulltext.queryNodes('toc_fulltext', $text) YIELD node, score
RETURN
  [l IN labels(node) WHERE l <> 'Entity'][0] AS label,
  node.id AS id,
  node.framework AS framework,
  coalesce(node.code, node.name) AS name,
  round(score, 3) AS score
ORDER BY score DESC, id
LIMIT $limit

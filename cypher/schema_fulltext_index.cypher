// title: Full-text index over the graph's text
// description: Seed loader template. The `toc_fulltext` index the search box uses, over name, text, objective and quote of every node label; the loader replaces __Labels__ with the allow-listed labels joined by `|`.
CREATE FULLTEXT INDEX toc_fulltext IF NOT EXISTS
FOR (n:__Labels__) ON EACH [n.name, n.text, n.objective, n.quote]

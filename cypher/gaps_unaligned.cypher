// title: Changes aligned with nothing elsewhere
// description: Results at the given levels with no ALIGNS_WITH link to an element of another framework:
// changes one plan pursues alone.
MATCH (r:Result)-[:PART_OF]->(f:Framework)
WHERE r.level IN $levels AND ($framework IS NULL OR f.id = $framework)
WITH r, collect(f) AS own
WHERE NOT EXISTS {
  (r)-[:ALIGNS_WITH]-(o)-[:PART_OF]->(g:Framework) WHERE NOT g IN own
}
RETURN r AS node, 'aligns with nothing in another framework' AS why
ORDER BY r.id

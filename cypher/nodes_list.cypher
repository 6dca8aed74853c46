// title: Browse nodes
// description: Nodes of one label (from the allow-list, passed as $label and used as a dynamic label),
// filtered by framework, level, country, actor type and theme, paginated and sorted by id.
MATCH (n:$($label))
WHERE ($framework IS NULL OR EXISTS { (n)-[:PART_OF]->(:Framework {id: $framework}) })
  AND ($level IS NULL OR n.level = $level)
  AND ($actor_type IS NULL OR n.actor_type = $actor_type)
  AND ($country IS NULL OR n.country = $country OR $country IN coalesce(n.countries, [])
       OR EXISTS { (n)-[:IN_COUNTRY|PROPOSES|MAKES|REPORTS]-(:Actor {id: $country}) })
  AND ($theme IS NULL OR EXISTS { (n)-[:HAS_THEME]->(:Theme {id: $theme}) })
  AND ($q IS NULL OR toLower(n.name) CONTAINS toLower($q))
WITH n ORDER BY n.id
WITH collect(n) AS matched
RETURN size(matched) AS total, matched[$offset..$offset + $limit] AS page

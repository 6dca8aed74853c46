// title: Challenges by sector and the solutions that address them
// description: The challenges named in the peer exchange, grouped by the sector that faces them, with the solutions countries proposed for each (country: solution) and the recommendations that answer them. Challenges with no solution come first within their sector: the open problems.
// param: sector string = null | cross_sector, government, migrants, private_sector, civil_society or un_agencies; null for every sector
// saved: true

// The country of a solution is the actor that PROPOSES it (made by the loader from the
// solution's `country`).
MATCH (ch:Challenge)
WHERE $sector IS NULL OR ch.sector = $sector
OPTIONAL MATCH (s:Solution)-[:ADDRESSES]->(ch)
OPTIONAL MATCH (country:Actor)-[:PROPOSES]->(s)
WITH ch, s, country
ORDER BY country.name, s.id
WITH ch, collect(CASE WHEN s IS NULL THEN null ELSE coalesce(country.name, '?') + ': ' + s.name END)
  AS solutions
RETURN
  ch.sector AS sector,
  ch.id AS id,
  ch.name AS challenge,
  size(solutions) AS solution_count,
  solutions,
  [(rec:Recommendation)-[:ADDRESSES]->(ch) | rec.name] AS recommendations
ORDER BY sector, solution_count, id

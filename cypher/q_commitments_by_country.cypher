// title: Commitments by country and the results they serve
// description: The National Action Plan commitments each country made, the institutions they name as responsible, the results they contribute to directly (`serves`) and the outcomes those lead to further up the chain (`outcomes`).
// param: country string = null | country actor id or name (actor.mexico, Mexico); null for every country
// saved: true

// `serves` is the curated first step; `outcomes` follows the chain so that commitments
// feeding medium-term changes are still seen against the results framework.
MATCH (c:Actor {actor_type: 'country'})-[:MAKES]->(k:Commitment)
WHERE $country IS NULL OR c.id = $country OR toLower(c.name) = toLower($country)
OPTIONAL MATCH (k)-[:CONTRIBUTES_TO]->(r:Result)
WITH c, k, collect(r.level + ': ' + r.name) AS serves
OPTIONAL MATCH (responsible:Actor)-[:RESPONSIBLE_FOR]->(k)
WITH c, k, serves, collect(responsible.name) AS responsible
RETURN
  c.name AS country,
  k.name AS commitment,
  k.text AS text,
  responsible,
  serves,
  [(k)-[:CONTRIBUTES_TO*1..6]->(o:Result {level: 'outcome'}) | o.name] AS outcomes
ORDER BY country, commitment

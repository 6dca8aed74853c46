// title: Commitments by country and the results they serve
// description: The National Action Plan commitments each country made, the institutions they name as responsible, the results they contribute to directly (`serves`) and the outcomes those lead to further up the chain (`outcomes`).
// param: country string = null | country actor id or name (actor.mexico, Mexico); null for every country
// saved: true

// `serves` is the curated first step; `outcomes` follows the chain so that commitments
// feeding medium-term changes are still seen against the results framework.
// Each list is sorted and distinct, so the same graph always gives the same answer.
MATCH (c:Actor {actor_type: 'country'})-[:MAKES]->(k:Commitment)
WHERE $country IS NULL OR c.id = $country OR toLower(c.name) = toLower($country)
RETURN
  c.name AS country,
  k.name AS commitment,
  k.text AS text,
  COLLECT {
    MATCH (responsible:Actor)-[:RESPONSIBLE_FOR]->(k)
    RETURN DISTINCT responsible.name AS name ORDER BY name
  } AS responsible,
  COLLECT {
    MATCH (k)-[:CONTRIBUTES_TO]->(r:Result)
    RETURN DISTINCT r.level + ': ' + r.name AS served ORDER BY served
  } AS serves,
  COLLECT {
    MATCH (k)-[:CONTRIBUTES_TO]->{1,6}(o:Result {level: 'outcome'})
    RETURN DISTINCT o.name AS outcome ORDER BY outcome
  } AS outcomes
ORDER BY country, commitment

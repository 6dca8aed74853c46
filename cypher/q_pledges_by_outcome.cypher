// title: Pledges reaching each outcome
// description: For every outcome of a results framework, the Global Refugee Forum pledges whose results chain reaches it (directly, or through outputs and changes below it) and the countries or bodies that made them. Outcomes no pledge reaches are listed too, with no pledges: they are where commitments are missing.
// param: framework string = mirps-rf | id of the results framework whose outcomes to list
// saved: true

// Only CONTRIBUTES_TO counts: a pledge reaches an outcome when the curated chain says its
// effects add up to it. ALIGNS_WITH (two documents naming the same change) is not followed
// here, or a pledge would be credited with other frameworks' outcomes; the theme pathway
// query does that on purpose. Chains in the seed are at most four steps; 6 leaves room.
MATCH (o:Result {level: 'outcome'})-[:PART_OF]->(:Framework {id: $framework})
OPTIONAL MATCH (p:Pledge)-[:CONTRIBUTES_TO*1..6]->(o)
// Several routes from one pledge to one outcome are one fact.
WITH DISTINCT o, p
OPTIONAL MATCH (maker:Actor)-[:MAKES]->(p)
WITH o, p, collect(maker.name) AS makers
ORDER BY p.code
WITH o, collect(p.code) AS pledges, collect(makers) AS makers_per_pledge
RETURN
  o.id AS outcome,
  o.name AS outcome_name,
  size(pledges) AS pledge_count,
  pledges,
  reduce(acc = [], m IN makers_per_pledge | acc + [x IN m WHERE NOT x IN acc]) AS made_by
ORDER BY outcome

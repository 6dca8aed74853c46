// title: Project outcomes and their reported results
// description: For each outcome of a project, the results the project reports against it (year, countries, text). An outcome with no reported result is listed with none: progress not yet evidenced.
// param: project string = null | id of the project framework (sida-ilo-venezuela); null for every project
// saved: true

// Reported results are linked to the outcome they evidence by CONTRIBUTES_TO; the
// countries come from IN_COUNTRY, which the loader makes from each result's `country`.
MATCH (f:Framework {kind: 'project'})
WHERE $project IS NULL OR f.id = $project
MATCH (o:Result {level: 'outcome'})-[:PART_OF]->(f)
OPTIONAL MATCH (rr:Result {level: 'reported_result'})-[:CONTRIBUTES_TO]->(o)
OPTIONAL MATCH (rr)-[:IN_COUNTRY]->(c:Actor)
WITH f, o, rr, collect(c.name) AS countries
ORDER BY rr.id
WITH f, o, collect(
  CASE WHEN rr IS NULL THEN null
  ELSE {year: rr.year, countries: countries, result: rr.name} END) AS reported
RETURN
  f.name AS project,
  o.number AS outcome,
  o.name AS outcome_name,
  size(reported) AS reported_count,
  reported
ORDER BY project, outcome

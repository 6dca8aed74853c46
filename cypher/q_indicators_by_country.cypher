// title: Indicators per country and what they measure
// description: The M&E indicators each country reports, under the heading they are printed with, and the results each one measures (level: name, with the framework).
// param: country string = null | country actor id or name (actor.guatemala, Guatemala); null for every country
// saved: true

// REPORTS (not IN_COUNTRY) is the country that reports the figure, which is what a
// monitoring officer needs to know.
MATCH (c:Actor)-[:REPORTS]->(i:Indicator)
WHERE $country IS NULL OR c.id = $country OR toLower(c.name) = toLower($country)
OPTIONAL MATCH (i)-[:MEASURES]->(r:Result)
WITH c, i, r
ORDER BY r.id
RETURN
  c.name AS country,
  i.theme AS heading,
  i.name AS indicator,
  collect(r.framework + ': ' + r.level + ': ' + r.name) AS measures
ORDER BY country, heading, indicator

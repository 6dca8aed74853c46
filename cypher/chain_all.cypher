// title: The whole results chain
// description: Every element that takes part in a results chain (results, pledges, commitments) and
// the contributes-to links among them, for analysis across all frameworks.
MATCH (n:Result|Pledge|Commitment)
WITH collect(n) AS ns
UNWIND ns AS a
OPTIONAL MATCH (a)-[r:CONTRIBUTES_TO]->(b)
RETURN ns AS nodes, collect(r) AS rels

// title: One index by name
// description: Seed loader. What an index covers, so that a full-text index made from an older label list is rebuilt.
SHOW INDEXES YIELD name, type, labelsOrTypes, properties
WHERE name = $name
RETURN name, type, labelsOrTypes, properties

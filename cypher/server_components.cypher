// title: Server components
// description: The Neo4j product, version and edition the app is really talking to.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition

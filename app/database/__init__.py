"""Where the Neo4j server comes from: a given URI, a Docker engine, or a local server."""

"""The only layer that talks to Neo4j: functions take a `Db` handle, run named queries in
`cypher/`, and return Pydantic models."""

"""The only layer that talks to Neo4j. Functions take a driver, run named queries, return models."""

"""Theory-of-change explorer: FastAPI app, loader, and the local Neo4j it can run."""

"""What several test modules share that is not a fixture (the fixtures are in tests/conftest.py):
the test Neo4j server, the browser harness, the facts read from the documents by hand, the
sample payloads of the export tests, and the folders the tests read."""

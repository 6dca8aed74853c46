// title: Wait for indexes
// description: Seed loader. Waits until every index is online, so searches work as soon as the load returns.
CALL db.awaitIndexes($timeout_seconds)

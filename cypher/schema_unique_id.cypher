// title: Unique id per label
// description: Seed loader template. A uniqueness constraint on `id` for one label; the loader replaces __Label__ with an allow-listed label and __name__ with the constraint's name before running it.
CREATE CONSTRAINT __name__ IF NOT EXISTS
FOR (n:__Label__) REQUIRE n.id IS UNIQUE

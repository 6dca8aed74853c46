// title: Drop an index by name
// description: Seed loader template. Drops an outdated index the loader made; __name__ is replaced by the loader's own index name.
DROP INDEX __name__ IF EXISTS

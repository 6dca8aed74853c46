// title: Range index on one property of one label
// description: Seed loader template. Speeds up filtering (Result.level, the framework of each element); the loader replaces __Label__, __property__ and __name__ with allow-listed values before running it.
CREATE INDEX __name__ IF NOT EXISTS
FOR (n:__Label__) ON (n.__property__)

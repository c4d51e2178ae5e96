// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// A compact copy of a vote's frozen roll, written once when the vote opens (the roll cannot change
// after that): one row per vote holding its entries' voter keys (one a line), the distinct sets of
// owners (one a line, ids comma-separated) and, as a JSON array of three arrays, each entry's set of
// owners, area and developer flag. Closing's tally reads this one row instead of 100,000 rows of
// vote_electorate, which stays the roll every other reader uses.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('vote_packed_rolls')
    .addColumn('vote_id', 'text', (c) => c.primaryKey().references('votes.id'))
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addColumn('keys_text', 'text', (c) => c.notNull())
    .addColumn('owner_sets_text', 'text', (c) => c.notNull())
    .addColumn('numbers_json', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('vote_packed_rolls').execute();
}

// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// Anchored ledgers: the heads of each hash chain (a compound's sign-off ledger, a vote's ballot
// log) as published on the board — append-only, one row per chain each time it changed.
import type { Kysely } from 'kysely';
import { createAppendOnlyTriggers, dropAppendOnlyTriggers } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('published_heads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** ledger | ballot_log */
    .addColumn('chain', 'text', (c) => c.notNull())
    /** The compound (ledger) or the vote (ballot_log). */
    .addColumn('scope_id', 'text', (c) => c.notNull())
    /** The compound it is shown for on the board. */
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    /** The China date (YYYY-MM-DD). */
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('published_heads_scope_idx').on('published_heads').columns(['chain', 'scope_id', 'seq']).execute();
  await db.schema.createIndex('published_heads_compound_idx').on('published_heads').columns(['compound_id', 'published_at']).execute();
  await createAppendOnlyTriggers(db, 'published_heads', 'published heads are append-only');
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropAppendOnlyTriggers(db, 'published_heads');
  await db.schema.dropTable('published_heads').execute();
}

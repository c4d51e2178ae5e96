// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// Retried writes (the web app's offline question queue) carry an Idempotency-Key header; the first
// request with a key stores its answer here, in the transaction of the write it guards, and a repeat
// with the same key (and the same request) is answered from this row without writing again. Keys are
// per account. A row's response is filled in by the same transaction that claims it, so a committed
// row always has one. Old rows are swept (created_at) after a week.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
}

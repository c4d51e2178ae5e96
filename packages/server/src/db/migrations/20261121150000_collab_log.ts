// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
//
// The live-document store, made safe for several server instances writing the same document:
// - the update log's order is assigned by the database (an integer row id: SQLite's rowid,
//   PostgreSQL's bigserial), not by a counter in one process;
// - updates and snapshots are bytes (blob / bytea) rather than base64 text;
// - the snapshot row is keyed `id` (the document name) so compaction can lock it like any other row.
// Existing documents are carried over: snapshot as is, log rows after the snapshot in their order.
import type { Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

const CHUNK = 200;

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const bytes = pg ? 'bytea' : 'blob';
  await db.schema
    .createTable('collab_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Y.encodeStateAsUpdate of everything folded so far; empty until the first compaction.
    .addColumn('snapshot', bytes, (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('collab_log')
    // SQLite: `integer primary key` is the rowid, assigned max+1 by the one writer.
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('update_bytes', bytes, (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('collab_log_doc_idx').on('collab_log').columns(['doc_name', 'id']).execute();

  const heads = await db.selectFrom('collab_documents').select(['name', 'snapshot', 'snapshot_seq', 'updated_at']).execute();
  const folded = new Map<string, number>();
  for (const head of heads) {
    folded.set(head.name, head.snapshot_seq);
    await db
      .insertInto('collab_snapshots')
      .values({ id: head.name, snapshot: Buffer.from(head.snapshot, 'base64'), updated_at: head.updated_at })
      .execute();
  }
  const rows = await db
    .selectFrom('collab_updates')
    .select(['doc_name', 'seq', 'update_b64', 'user_id', 'created_at'])
    .orderBy('doc_name')
    .orderBy('seq')
    .execute();
  const kept = rows
    .filter((r) => r.seq > (folded.get(r.doc_name) ?? 0))
    .map((r) => ({ doc_name: r.doc_name, update_bytes: Buffer.from(r.update_b64, 'base64'), user_id: r.user_id, created_at: r.created_at }));
  for (let i = 0; i < kept.length; i += CHUNK)
    await db
      .insertInto('collab_log')
      .values(kept.slice(i, i + CHUNK))
      .execute();

  await db.schema.dropTable('collab_updates').execute();
  await db.schema.dropTable('collab_documents').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('collab_documents')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('snapshot_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('collab_updates')
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('update_b64', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('collab_updates_pk', ['doc_name', 'seq'])
    .execute();
  const b64 = (value: Uint8Array) => Buffer.from(value).toString('base64');
  for (const head of await db.selectFrom('collab_snapshots').selectAll().execute()) {
    if (head.snapshot.length === 0) continue;
    await db
      .insertInto('collab_documents')
      .values({ name: head.id, snapshot: b64(head.snapshot), snapshot_seq: 0, updated_at: head.updated_at })
      .execute();
  }
  const rows = await db.selectFrom('collab_log').selectAll().orderBy('id').execute();
  const seqs = new Map<string, number>();
  for (const row of rows) {
    const seq = (seqs.get(row.doc_name) ?? 0) + 1;
    seqs.set(row.doc_name, seq);
    await db
      .insertInto('collab_updates')
      .values({ doc_name: row.doc_name, seq, update_b64: b64(row.update_bytes), user_id: row.user_id, created_at: row.created_at })
      .execute();
  }
  await db.schema.dropTable('collab_log').execute();
  await db.schema.dropTable('collab_snapshots').execute();
}

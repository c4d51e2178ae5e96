// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// Residents' photos of their concerns. The bytes live in the database, not in files: every server
// instance behind the load balancer sees the same photos without a shared volume, a backup of the
// database carries them, and attaching photos to a new concern commits in one transaction with the
// concern. They are small (re-encoded to at most 1600 px, a few hundred KB) and few (4 per concern).
// The column type is the one place the dialects differ: BLOB on SQLite, BYTEA on PostgreSQL.
import type { Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('concern_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    // Null until the concern is sent; photos never sent are deleted after a day.
    .addColumn('action_item_id', 'text', (c) => c.references('action_items.id'))
    .addColumn('uploaded_by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    // 1 when the resident agreed to show it on the public notice board.
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('bytes', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('concern_photos_item_idx').on('concern_photos').columns(['action_item_id', 'position']).execute();
  await db.schema.createIndex('concern_photos_pending_idx').on('concern_photos').columns(['uploaded_by_user_id', 'action_item_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('concern_photos').execute();
}

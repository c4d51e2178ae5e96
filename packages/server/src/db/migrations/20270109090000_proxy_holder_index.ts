// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// The home page lists the flats a person may vote for as an owner's proxy (proxy_user_id, confirmed)
// on every load: an index on the holder and the status, so that is a range of it, not a scan of every
// authorisation of every vote.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('vote_proxies_holder_idx').on('vote_proxies').columns(['proxy_user_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('vote_proxies_holder_idx').execute();
}

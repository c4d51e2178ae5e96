// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// Whoever reported an item resolved (办结) must not sign it off themselves: the numbered sign-off is
// the station's check of their work. The item keeps the account that resolved it last; the items
// already resolved get it from their timeline, the author of their latest 'resolved' entry.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('action_items').addColumn('resolved_by_user_id', 'text').execute();
  await sql`update action_items set resolved_by_user_id = (
      select u.author_user_id from action_item_updates u
      where u.action_item_id = action_items.id and u.kind = 'resolved'
      order by u.created_at desc, u.id desc limit 1
    ) where resolved_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('action_items').dropColumn('resolved_by_user_id').execute();
}

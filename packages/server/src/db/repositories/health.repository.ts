import { sql } from 'kysely';
import type { Db } from './places.repository.js';

/** Whether the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<boolean> {
  return sql`select 1`
    .execute(db)
    .then(() => true)
    .catch(() => false);
}

/** The stored answers of writes sent with an Idempotency-Key (services/idempotency.ts). */
import type { Db } from './places.repository.js';

export function findIdempotencyKey(db: Db, userId: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['operation', 'request_hash', 'response_status', 'response_json'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Claims the key (fails with a unique violation when another request holds it; on PostgreSQL waits for that one's commit first). */
export async function claimIdempotencyKey(db: Db, row: { user_id: string; key: string; operation: string; request_hash: string; created_at: string }) {
  await db
    .insertInto('idempotency_keys')
    .values({ ...row, response_status: null, response_json: null })
    .execute();
}

export async function storeIdempotentResponse(db: Db, userId: string, key: string, status: number, json: string) {
  await db.updateTable('idempotency_keys').set({ response_status: status, response_json: json }).where('user_id', '=', userId).where('key', '=', key).execute();
}

/** Forgets keys created before `before`; answers how many. */
export async function deleteIdempotencyKeysBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

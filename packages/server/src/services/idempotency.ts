/**
 * Writes that may be sent again (the web app's offline queue retries after a lost answer, a reload
 * mid-flush, a second tab) carry an Idempotency-Key. The first request with a key claims it in the
 * transaction of its write and stores its answer there; a repeat with the same key and request gets
 * that answer and writes nothing; the same key with another request is refused (422). Two requests
 * with one key at once: the second's claim waits for the first's commit (PostgreSQL) or runs after it
 * (SQLite's single writer), fails as a unique violation, and the second answers what the first stored.
 * Keys are per account and swept after a week.
 */
import { DomainError } from '@yishi/core';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { claimIdempotencyKey, deleteIdempotencyKeysBefore, findIdempotencyKey, storeIdempotentResponse } from '../db/repositories/idempotency.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import type { Deps } from '../deps.js';
import { startPeriodic, type Periodic } from './periodic.js';

/** A keyed write: the client's key, the operation, its success status and the hash of method, path and body (http/idempotency.ts). */
export interface IdempotentRequest {
  key: string;
  operation: string;
  status: number;
  requestHash: string;
}

/** How long a key is kept: a phone that was offline longer sends its queue as new writes. */
export const IDEMPOTENCY_KEEP_MS = 7 * 24 * 3600_000;

/** Runs a write in a transaction; `idempotent` wraps it with the key's claim and stored answer. */
export type InTransaction<T> = (write: (trx: Transaction<Database>) => Promise<T>) => Promise<T>;

/** The stored answer for this user's key, or undefined; the same key with another request is refused. */
async function storedAnswer(db: Db, userId: string, request: IdempotentRequest): Promise<{ body: unknown } | undefined> {
  const row = await findIdempotencyKey(db, userId, request.key);
  if (!row || row.response_json === null) return undefined;
  if (row.request_hash !== request.requestHash || row.operation !== request.operation) throw new DomainError('idempotency_key_reused');
  return { body: JSON.parse(row.response_json) };
}

/**
 * Performs a write at most once per key. `perform` does its checks and then its write through the
 * `inTransaction` it is given, returning the answer (computed inside the transaction, so that the
 * stored answer is the one given). Without a key it is a plain transaction.
 */
export async function idempotent<T>(
  deps: Deps,
  userId: string,
  request: IdempotentRequest | undefined,
  perform: (inTransaction: InTransaction<T>) => Promise<T>,
): Promise<T> {
  if (!request) return perform((write) => deps.db.transaction().execute(write));
  const earlier = await storedAnswer(deps.db, userId, request);
  if (earlier) return earlier.body as T;
  try {
    return await perform((write) =>
      deps.db.transaction().execute(async (trx) => {
        await claimIdempotencyKey(trx, {
          user_id: userId,
          key: request.key,
          operation: request.operation,
          request_hash: request.requestHash,
          created_at: deps.clock().toISOString(),
        });
        const answer = await write(trx);
        await storeIdempotentResponse(trx, userId, request.key, request.status, JSON.stringify(answer));
        return answer;
      }),
    );
  } catch (error) {
    // A request with the same key committed meanwhile: its claim refused ours (unique violation), or
    // its write made ours fail a check (the question it answered is no longer open). Answer as it did.
    const stored = await storedAnswer(deps.db, userId, request);
    if (stored) return stored.body as T;
    if (isUniqueViolation(error)) throw new DomainError('idempotency_key_reused');
    throw error;
  }
}

/** Forgets keys older than IDEMPOTENCY_KEEP_MS; answers how many. */
export function sweepIdempotencyKeys(deps: Deps): Promise<number> {
  return deleteIdempotencyKeysBefore(deps.db, new Date(deps.clock().getTime() - IDEMPOTENCY_KEEP_MS).toISOString());
}

export function startIdempotencySweeper(deps: Deps, intervalMs = 3600_000): Periodic {
  return startPeriodic('idempotency key sweeper', () => sweepIdempotencyKeys(deps), intervalMs);
}

/**
 * Counting attempts in the database (so several instances count together) for the limits that
 * protect codes: SMS sends per phone and per address, wrong codes per address. An address is only
 * ever limited on failures, never on successes, because a whole compound can share one.
 */
import { DomainError } from '@yishi/core';
import { newId } from '../db/ids.js';
import { countRateEvents, insertRateEvent, pruneRateEvents } from '../db/repositories/accounts.repository.js';
import type { Deps } from '../deps.js';

export interface Limit {
  bucket: string;
  max: number;
  windowMs: number;
}

/** Wrong activation codes from one address: 20 per 15 minutes (a real person mistypes a few). */
export const CODE_GUESSES_PER_ADDRESS: Limit = { bucket: 'code_guess_ip', max: 20, windowMs: 15 * 60_000 };
/** SMS codes asked for from one address: 30 an hour (a building head helping many neighbours). */
export const SMS_PER_ADDRESS: Limit = { bucket: 'sms_ip', max: 30, windowMs: 3_600_000 };

/** Throws too_many_attempts when `key` has used up `limit` in its window. */
export async function assertWithinLimit(deps: Deps, limit: Limit, key: string): Promise<void> {
  const now = deps.clock().getTime();
  const { count, oldest } = await countRateEvents(deps.db, limit.bucket, key, new Date(now - limit.windowMs).toISOString());
  if (Number(count) >= limit.max && oldest) {
    const minutes = Math.max(1, Math.ceil((new Date(oldest).getTime() + limit.windowMs - now) / 60_000));
    throw new DomainError('too_many_attempts', { minutes });
  }
}

export async function countAttempt(deps: Deps, limit: Limit, key: string): Promise<void> {
  const now = deps.clock();
  await insertRateEvent(deps.db, { id: newId(), bucket: limit.bucket, key, at: now.toISOString() });
  // Old events are worth nothing; sweeping on a write keeps the table small without a timer.
  if (Math.random() < 0.05) await pruneRateEvents(deps.db, new Date(now.getTime() - 86_400_000).toISOString());
}

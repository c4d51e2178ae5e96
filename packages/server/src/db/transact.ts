/**
 * A transaction run again, whole, when the database gave it up because of another connection:
 * PostgreSQL's deadlock (40P01) or serialization failure (40001), SQLite's busy snapshot. Every
 * statement of the first try was rolled back, so running the same function again is safe as long
 * as it does nothing outside the transaction, which is the rule for services' transaction bodies.
 *
 * The services that change action items run in it. Their known cycle, two changes taking the
 * sign-off tallies' shared rows in opposite orders, is prevented by lockSignOffTallies (dialect.ts);
 * this is the backstop for any cycle nobody has thought of, so a rare loser runs again instead of
 * answering 500.
 */
import type { Kysely, Transaction } from 'kysely';
import { isTransientConflict } from './errors.js';

const ATTEMPTS = 6;

export async function transact<DB, T>(db: Kysely<DB>, body: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(body);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isTransientConflict(error)) throw error;
      // A short random pause, growing with each try, so the two losers of a cycle do not meet again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * attempt));
    }
  }
}

/**
 * Shared commits for writes that queue on one row lock (casting ballots on one vote: each appends to
 * the vote's hash-chained ballot log, so each holds the log head from its read to its commit).
 *
 * - SQLite: a group commit (./group-commit.ts). The one connection runs one transaction at a time
 *   anyway; the waiting lies in the fsync, which the transactions committed beside each other share.
 * - PostgreSQL: transactions under the same key (the vote) are run by one runner per key and process.
 *   The first runs alone. Those that arrive while a transaction runs wait and then run together in
 *   ONE transaction, each inside its own savepoint, and are answered after its COMMIT. On one vote,
 *   appends are one at a time whatever we do (the chain needs the previous hash); batching makes them
 *   share the head lock, the round trips of BEGIN and COMMIT, and the WAL flush, instead of each
 *   paying for them with the lock held.
 *
 * A batched work that fails (a refusal in words, a unique violation from another instance, any
 * error) is rolled back to its savepoint and rejected alone; the others go on. Nothing is answered
 * before the COMMIT that makes it durable, and if that COMMIT fails every work of the batch is
 * rejected with its error, as each would have been alone. Savepoints are not released (a RELEASE
 * would be one statement more per ballot); at most MAX_BATCH are nested, below the 64
 * subtransactions PostgreSQL keeps in each backend's cache.
 *
 * The row locks a work takes in its savepoint (the casting read's, on the vote and its log head) it
 * can note (noteBatchLocks); once it succeeds they are the transaction's until the COMMIT, and the
 * batch's later works need not take them again (batchHoldsLocks). Taken again in each savepoint, each
 * made PostgreSQL create a multixact for the row: about a fifth of the ballots a vote took per second.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database.js';
import { dialectOf } from './dialect.js';
import { groupCommitTransaction } from './group-commit.js';

/** Most works in one transaction: bounds the wait of the last one and the nesting of savepoints. */
export const MAX_BATCH = 32;

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Waiting {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Row locks a work of a batch took (`noteBatchLocks`), kept by the batch's transaction once the work
 * succeeds (a work rolled back to its savepoint releases its locks). A later work of the batch that
 * would take the same locks need not: on PostgreSQL, a row locked again in each savepoint costs a
 * multixact per lock.
 */
const batchLocks = new WeakMap<object, { taken: Set<string>; held: Set<string> }>();

/** Notes that the current work of the batch running in `trx` has locked `what` (no effect outside a batch). */
export function noteBatchLocks(trx: object, what: string): void {
  batchLocks.get(trx)?.taken.add(what);
}

/** Whether an earlier work of the batch running in `trx` took the locks `what` and succeeded (so they are held). */
export function batchHoldsLocks(trx: object, what: string): boolean {
  return batchLocks.get(trx)?.held.has(what) ?? false;
}

/** Per database, the works waiting under each key; a key is present while its runner runs. */
const queues = new WeakMap<Kysely<Database>, Map<string, Waiting[]>>();

/** Runs `work` in a transaction that returns once it is durable, sharing the commit with the works of the same key run beside it. */
export function batchedCommitTransaction<T>(db: Kysely<Database>, key: string, work: Work<T>): Promise<T> {
  if (dialectOf(db) !== 'postgres') return groupCommitTransaction(db, work);
  let byKey = queues.get(db);
  if (!byKey) {
    byKey = new Map();
    queues.set(db, byKey);
  }
  return new Promise<T>((resolve, reject) => {
    const waiting: Waiting = { work, resolve: resolve as (value: unknown) => void, reject };
    const queue = byKey.get(key);
    if (queue) {
      queue.push(waiting);
      return;
    }
    byKey.set(key, [waiting]);
    void runQueue(db, byKey, key);
  });
}

async function runQueue(db: Kysely<Database>, byKey: Map<string, Waiting[]>, key: string): Promise<void> {
  const queue = byKey.get(key)!;
  while (queue.length > 0) await runBatch(db, queue.splice(0, MAX_BATCH));
  byKey.delete(key);
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function runBatch(db: Kysely<Database>, batch: Waiting[]): Promise<void> {
  if (batch.length === 1) {
    const [one] = batch as [Waiting];
    await db.transaction().execute(one.work).then(one.resolve, one.reject);
    return;
  }
  const outcomes: Outcome[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      const locks = { taken: new Set<string>(), held: new Set<string>() };
      batchLocks.set(trx, locks);
      for (const [i, { work }] of batch.entries()) {
        locks.taken.clear();
        const savepoint = sql.id(`batched_${i}`);
        await sql`savepoint ${savepoint}`.execute(trx);
        try {
          outcomes.push({ ok: true, value: await work(trx) });
          for (const what of locks.taken) locks.held.add(what);
        } catch (error) {
          await sql`rollback to savepoint ${savepoint}`.execute(trx);
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    for (const waiting of batch) waiting.reject(error);
    return;
  }
  batch.forEach((waiting, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) waiting.resolve(outcome.value);
    else waiting.reject(outcome.error);
  });
}

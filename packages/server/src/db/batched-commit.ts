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
 * would be one statement more per ballot); at most MAX_BATCH are nested (twice that in the rare
 * batch whose group failed and ran again one by one), about the 64 subtransactions PostgreSQL keeps
 * in each backend's cache.
 *
 * Works of one kind can also be run as a group (batchedCommitGroup): the batch hands all of that kind
 * that arrived together to one function, which settles each of them, reading and writing for all
 * at once (online casts: one read and one write for a batch, where each cast in its savepoint was
 * three statements). A group that throws is rolled back (to its savepoint, or with the transaction
 * when it is all the batch holds) and its works are run again one by one, each in a savepoint or a
 * transaction of its own, so an error still fails only the work it belongs to. A batch of one part (a
 * work, or one group) has no savepoint at all.
 *
 * A key's batches run one after another on one connection, kept while works wait (runQueue).
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

export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; error: unknown };

/** Settles works of one kind together: one outcome per input, in their order; a throw fails them all (then each is run alone). */
export type GroupRunner<I, T> = (trx: Transaction<Database>, inputs: readonly I[]) => Promise<Outcome<T>[]>;

interface Waiting {
  /** A work of its own, or one input of a group. */
  work: Work<unknown> | null;
  group: { runner: GroupRunner<unknown, unknown>; input: unknown } | null;
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
  return enqueue<T>(db, key, work, null);
}

/**
 * Runs `input` with the others of `runner` that arrive together under the same key: `runner` gets
 * them all in one call, in the batch's transaction (on SQLite, in a group commit of its own, alone).
 */
export function batchedCommitGroup<I, T>(db: Kysely<Database>, key: string, runner: GroupRunner<I, T>, input: I): Promise<T> {
  if (dialectOf(db) !== 'postgres') return groupCommitTransaction(db, async (trx) => settled((await runner(trx, [input]))[0]!));
  return enqueue<T>(db, key, null, { runner: runner as GroupRunner<unknown, unknown>, input });
}

function settled<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}

function enqueue<T>(db: Kysely<Database>, key: string, work: Work<unknown> | null, group: Waiting['group']): Promise<T> {
  let byKey = queues.get(db);
  if (!byKey) {
    byKey = new Map();
    queues.set(db, byKey);
  }
  return new Promise<T>((resolve, reject) => {
    const waiting: Waiting = { work, group, resolve: resolve as (value: unknown) => void, reject };
    const queue = byKey.get(key);
    if (queue) {
      queue.push(waiting);
      return;
    }
    byKey.set(key, [waiting]);
    void runQueue(db, byKey, key);
  });
}

/** How many works wait under `key` behind the transaction running now (PostgreSQL; 0 on SQLite), for tests. */
export function waitingUnder(db: Kysely<Database>, key: string): number {
  // The running batch was taken out of its queue (runQueue): what is left waits.
  return queues.get(db)?.get(key)?.length ?? 0;
}

/**
 * Runs the key's batches one after another on ONE connection, kept until the queue is empty: a batch
 * does not wait for the pool between two others (under load, the requests' own statements hold the
 * pool's connections, and each wait was a third of a batch's time).
 */
async function runQueue(db: Kysely<Database>, byKey: Map<string, Waiting[]>, key: string): Promise<void> {
  const queue = byKey.get(key)!;
  // The first batch is what waits now (the first work, alone): taken before the connection is.
  let batch = queue.splice(0, MAX_BATCH);
  try {
    await db.connection().execute(async (connection) => {
      for (; batch.length > 0; batch = queue.splice(0, MAX_BATCH)) await runBatch(connection, batch);
      // Found empty and let go in the same step: a work arriving from now on starts a runner of its own.
      byKey.delete(key);
    });
  } catch (error) {
    // No connection to be had: every work not yet run fails with that error.
    if (byKey.get(key) === queue) byKey.delete(key);
    for (const waiting of [...batch, ...queue.splice(0)]) waiting.reject(error);
  }
}

/**
 * The batch's parts in order: each work alone, and each run of consecutive group inputs with the
 * same runner together.
 */
function partsOf(batch: readonly Waiting[]): Waiting[][] {
  const parts: Waiting[][] = [];
  for (const waiting of batch) {
    const last = parts.at(-1);
    if (waiting.group && last?.[0]!.group?.runner === waiting.group.runner) last.push(waiting);
    else parts.push([waiting]);
  }
  return parts;
}

/** Runs one part of a batch (no savepoint of its own): a work, or a group's inputs together. */
async function runPart(trx: Transaction<Database>, part: readonly Waiting[]): Promise<Outcome[]> {
  const [first] = part as [Waiting, ...Waiting[]];
  if (first.work) return [{ ok: true, value: await first.work(trx) }];
  const outcomes = await first.group!.runner(
    trx,
    part.map((waiting) => waiting.group!.input),
  );
  if (outcomes.length !== part.length) throw new Error(`a group runner settled ${outcomes.length} of ${part.length} inputs`);
  return outcomes;
}

/** Answers each work of `part` with its outcome. */
function answer(part: readonly Waiting[], outcomes: readonly Outcome[]): void {
  part.forEach((waiting, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) waiting.resolve(outcome.value);
    else waiting.reject(outcome.error);
  });
}

async function runBatch(db: Kysely<Database>, batch: Waiting[]): Promise<void> {
  const parts = partsOf(batch);
  if (parts.length === 1) {
    // One work, or one group: no savepoint. A group that fails is run again one by one, each alone.
    const [part] = parts as [Waiting[]];
    let outcomes: Outcome[];
    try {
      outcomes = await db.transaction().execute((trx) => runPart(trx, part));
    } catch (error) {
      if (part.length === 1) part[0]!.reject(error);
      else for (const waiting of part) await runBatch(db, [waiting]);
      return;
    }
    answer(part, outcomes);
    return;
  }
  const outcomes: Outcome[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      const locks = { taken: new Set<string>(), held: new Set<string>() };
      batchLocks.set(trx, locks);
      let savepoints = 0;
      /** Runs `part` in a savepoint; undone and answered with its error if it throws. */
      const inSavepoint = async (part: readonly Waiting[]): Promise<Outcome[] | { failed: unknown }> => {
        locks.taken.clear();
        const savepoint = sql.id(`batched_${savepoints++}`);
        await sql`savepoint ${savepoint}`.execute(trx);
        try {
          const settledPart = await runPart(trx, part);
          for (const what of locks.taken) locks.held.add(what);
          return settledPart;
        } catch (error) {
          await sql`rollback to savepoint ${savepoint}`.execute(trx);
          return { failed: error };
        }
      };
      for (const part of parts) {
        const result = await inSavepoint(part);
        if (Array.isArray(result)) outcomes.push(...result);
        else if (part.length === 1) outcomes.push({ ok: false, error: result.failed });
        else {
          // A group that failed as a whole: each of its works again, alone, so the error is only its own.
          for (const waiting of part) {
            const alone = await inSavepoint([waiting]);
            outcomes.push(...(Array.isArray(alone) ? alone : [{ ok: false as const, error: alone.failed }]));
          }
        }
      }
    });
  } catch (error) {
    for (const waiting of batch) waiting.reject(error);
    return;
  }
  answer(batch, outcomes);
}

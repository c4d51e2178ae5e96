/**
 * Batched commits (./batched-commit.ts) on the database the run uses: SQLite (a group commit per work)
 * or PostgreSQL under scripts/test-pg.sh (works of one key arriving together share a transaction).
 */
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testPostgresUrl } from '../testing/test-app.js';
import { batchedCommitGroup, batchedCommitTransaction, batchHoldsLocks, MAX_BATCH, noteBatchLocks, type GroupRunner } from './batched-commit.js';
import { openDatabase, type OpenedDatabase } from './connect.js';
import type { Database } from './database.js';

const onPostgres = testPostgresUrl() !== null;
let opened: OpenedDatabase;
let drop: () => Promise<void>;
let url: string;
/** The untyped tables of this test. */
let db: Kysely<Database>;

beforeEach(async () => {
  const created = await createTestDatabase();
  drop = created.drop;
  url = created.url;
  opened = openDatabase(created.url);
  db = opened.db;
  await sql`create table t (id text primary key, v text not null)`.execute(db);
});
afterEach(async () => {
  await opened.db.destroy();
  await drop();
});

const insert = (id: string) => sql`insert into t (id, v) values (${id}, 'x')`;
const ids = async () => (await sql<{ id: string }>`select id from t order by id`.execute(db)).rows.map((r) => r.id);
/** The transaction a work runs in (PostgreSQL: savepoints share their top-level transaction id). */
const txid = async (trx: Kysely<Database>) => (await sql<{ x: string }>`select txid_current()::text as x`.execute(trx)).rows[0]!.x;

describe('batched commits', () => {
  it('answers every work on its own: one that fails is undone alone and the others commit', async () => {
    const works = Array.from({ length: 12 }, (_, i) =>
      batchedCommitTransaction(db, 'vote-1', async (trx) => {
        await insert(`w${String(i).padStart(2, '0')}`).execute(trx);
        // A refusal after a write, and a unique violation (the id of the first work): each undone alone.
        if (i === 3) throw new Error('refused after writing');
        if (i === 5) await insert('w00').execute(trx);
        return onPostgres ? txid(trx) : `work ${i}`;
      }),
    );
    const settled = await Promise.allSettled(works);
    expect(settled.map((s) => s.status)).toEqual(settled.map((_, i) => (i === 3 || i === 5 ? 'rejected' : 'fulfilled')));
    expect(String((settled[3] as PromiseRejectedResult).reason)).toContain('refused after writing');
    expect(await ids()).toEqual(['w00', 'w01', 'w02', 'w04', 'w06', 'w07', 'w08', 'w09', 'w10', 'w11']);
    if (onPostgres) {
      // The first ran alone; the eleven that arrived meanwhile shared one transaction.
      const txids = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      expect(new Set(txids).size).toBe(2);
      expect(txids[0]).not.toBe(txids[1]);
    }
  });

  it('keeps keys apart and never puts more than MAX_BATCH works in one transaction', async () => {
    const count = MAX_BATCH * 2 + 3;
    const works = Array.from({ length: count }, (_, i) =>
      batchedCommitTransaction(db, i % 2 === 0 ? 'even' : 'odd', async (trx) => {
        await insert(`k${String(i).padStart(3, '0')}`).execute(trx);
        return onPostgres ? txid(trx) : String(i);
      }),
    );
    const txids = await Promise.all(works);
    expect(await ids()).toHaveLength(count);
    if (onPostgres) {
      const sizes = new Map<string, number>();
      for (const id of txids) sizes.set(id, (sizes.get(id) ?? 0) + 1);
      expect(Math.max(...sizes.values())).toBeLessThanOrEqual(MAX_BATCH);
      // Even and odd works never share a transaction.
      for (const id of sizes.keys()) expect(new Set(txids.flatMap((x, i) => (x === id ? [i % 2] : []))).size).toBe(1);
    }
  });

  it.skipIf(!onPostgres)('answers nobody before the commit: a batch whose COMMIT fails rejects every work in it', async () => {
    // A deferred foreign key is checked at COMMIT: the second work's dangling row fails the whole batch.
    await sql`create table r (id text primary key, t_id text not null references t (id) deferrable initially deferred)`.execute(db);
    const first = batchedCommitTransaction(db, 'vote-2', (trx) => insert('alone').execute(trx));
    const batched = [
      batchedCommitTransaction(db, 'vote-2', (trx) => insert('b1').execute(trx)),
      batchedCommitTransaction(db, 'vote-2', (trx) => sql`insert into r (id, t_id) values ('r', 'nobody')`.execute(trx)),
      batchedCommitTransaction(db, 'vote-2', (trx) => insert('b3').execute(trx)),
    ];
    await first;
    const settled = await Promise.allSettled(batched);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await ids()).toEqual(['alone']);
    // The key's runner is free again after a failed batch.
    await batchedCommitTransaction(db, 'vote-2', (trx) => insert('after').execute(trx));
    expect(await ids()).toEqual(['after', 'alone']);
  });

  it.skipIf(!onPostgres)("a lock a work took is held for the batch's later works once that work succeeds, not when it was undone", async () => {
    await sql`insert into t (id, v) values ('row', 'x')`.execute(db);
    const other = openDatabase(url);
    try {
      // From another connection: is the row locked? (55P03: lock_not_available)
      const lockedElsewhere = () =>
        sql`select id from t where id = 'row' for update nowait`.execute(other.db).then(
          () => false,
          (error: { code?: string }) => error.code === '55P03',
        );
      const seen: { held: boolean; locked?: boolean }[] = [];
      const works = Array.from({ length: 5 }, (_, i) =>
        batchedCommitTransaction(db, 'vote-locks', async (trx) => {
          seen[i] = { held: batchHoldsLocks(trx, 'row') };
          if (i >= 3) seen[i]!.locked = await lockedElsewhere();
          if (i === 0 || seen[i]!.held) return;
          await sql`select id from t where id = 'row' for update`.execute(trx);
          noteBatchLocks(trx, 'row');
          // The second batch's first work takes the lock and is undone: its lock goes with it.
          if (i === 1) throw new Error('undone');
        }),
      );
      await Promise.allSettled(works);
      // Work 0 runs alone; 1-4 share a transaction: 1 is undone, 2 locks and succeeds, 3 and 4 find the lock held.
      expect(seen.map((s) => s.held)).toEqual([false, false, false, true, true]);
      expect(seen[3]!.locked).toBe(true);
      expect(seen[4]!.locked).toBe(true);
      expect(await lockedElsewhere()).toBe(false);
    } finally {
      await other.db.destroy();
    }
  });

  it('hands the inputs of a group that arrive together to one call, in order; a failing call is run again one by one', async () => {
    const calls: string[][] = [];
    /** Inserts a row per input but for the refused ("no…") ones; "boom" throws when not alone, failing the whole call. */
    const runner: GroupRunner<string, string> = async (trx, inputs) => {
      calls.push([...inputs]);
      if (inputs.includes('boom') && inputs.length > 1) throw new Error('the whole group fails');
      for (const input of inputs) if (!input.startsWith('no')) await insert(input).execute(trx);
      return inputs.map((input) => (input.startsWith('no') ? { ok: false, error: new Error(`refused ${input}`) } : { ok: true, value: `done ${input}` }));
    };
    const group = (input: string) => batchedCommitGroup(db, 'vote-g', runner, input);
    const settled = await Promise.allSettled([
      group('g0'),
      group('g1'),
      group('no2'),
      batchedCommitTransaction(db, 'vote-g', (trx) =>
        insert('w3')
          .execute(trx)
          .then(() => 'work'),
      ),
      group('g4'),
      group('boom'),
      group('g6'),
    ]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : String(s.reason)))).toEqual([
      'done g0',
      'done g1',
      'Error: refused no2',
      'work',
      'done g4',
      'done boom',
      'done g6',
    ]);
    expect(await ids()).toEqual(['boom', 'g0', 'g1', 'g4', 'g6', 'w3']);
    if (onPostgres) {
      // The first alone; then g1 and no2 together, the plain work, and g4, boom and g6 together, which
      // failed as a whole and ran again one by one.
      expect(calls).toEqual([['g0'], ['g1', 'no2'], ['g4', 'boom', 'g6'], ['g4'], ['boom'], ['g6']]);
    } else {
      // SQLite: each input alone, in its own group commit.
      expect(calls).toEqual([['g0'], ['g1'], ['no2'], ['g4'], ['boom'], ['g6']]);
    }
  });

  it('runs a work that arrives just as the one before it is answered, however many steps later (the runner lets go of the key in the same step)', async () => {
    for (let steps = 0; steps < 12; steps += 1) {
      await batchedCommitTransaction(db, 'vote-next', (trx) => insert(`a${String(steps).padStart(2, '0')}`).execute(trx));
      for (let i = 0; i < steps; i += 1) await Promise.resolve();
      const next = batchedCommitTransaction(db, 'vote-next', (trx) =>
        insert(`b${String(steps).padStart(2, '0')}`)
          .execute(trx)
          .then(() => 'ran'),
      );
      const stuck = new Promise((resolve) => setTimeout(() => resolve('never run'), 2_000));
      expect(await Promise.race([next, stuck])).toBe('ran');
    }
    expect(await ids()).toHaveLength(24);
  });
});

/**
 * Online casts arriving together on one vote (./online-ballots.service.ts). On PostgreSQL they are
 * settled as one batch — one casting read and one write for all, a unit cast twice written in order —
 * and on SQLite each alone. On both: a refused cast is answered alone, every accepted ballot is in the
 * chained log, the replaced ones in the history, the latest counts, and a vote closed while a cast
 * waits for it refuses the cast without a trace.
 */
import { voteEndpoints } from '@yishi/core';
import { sql, type RawBuilder } from 'kysely';
import { describe, expect, it } from 'vitest';
import { waitingUnder } from '../db/batched-commit.js';
import { statementLog } from '../testing/statement-log.js';
import { useVotesApp } from '../testing/votes-app.js';
import { verifyBallotLogOf } from './ballot-log.service.js';

const { log, counted } = statementLog();
const v = useVotesApp({ log });

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500 && !(await condition()); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(await condition()).toBe(true);
}

/** A vote opened by the station chief, the three owners' sessions with their actors built, and a first ballot (the log has its head). */
async function openWithOwners() {
  const { t } = v;
  const voteId = await v.createOpenVote(await t.login('zhanzhang'));
  const [yezhu, yezhu2, loudong] = [await t.login('yezhu'), await t.login('yezhu2'), await t.login('loudong')];
  for (const cookie of [yezhu, yezhu2, loudong]) await t.ok(voteEndpoints.get, { cookie, params: { voteId } });
  const first = await v.cast(yezhu2, voteId, { choices: ['yes'] });
  expect(first.status).toBe(201);
  const [unitA, unitB] = await Promise.all([v.unitId('1-1-301'), v.unitId('2-2-502')]);
  return { voteId, yezhu, yezhu2, loudong, first: first.data!, unitA, unitB };
}

/**
 * PostgreSQL: another connection takes the row lock `lock` and holds it until `release()`, then runs
 * `then` and commits (`done`). On SQLite nothing is held.
 */
async function holdRow(lock: RawBuilder<unknown>, then?: RawBuilder<unknown>) {
  const { t } = v;
  let release = () => {};
  if (t.dialect !== 'postgres') return { release, done: Promise.resolve() };
  const held = new Promise<void>((resolve) => (release = resolve));
  let locked = () => {};
  const lockTaken = new Promise<void>((resolve) => (locked = resolve));
  const done = t.deps.db.transaction().execute(async (trx) => {
    await lock.execute(trx);
    locked();
    await held;
    if (then) await then.execute(trx);
  });
  await lockTaken;
  return { release, done };
}

/**
 * PostgreSQL: whether one casting read waits for a row lock (the pattern a parameter, so this statement is not one). By
 * the read's first columns: pg_stat_activity keeps only a query's first 1,024 bytes, where its FROM no longer fits.
 */
async function castingReadWaits(): Promise<boolean> {
  const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
    where wait_event_type = 'Lock' and query like ${'select "v"."id", "v"."status", "v"."closes_at"%'}`.execute(v.t.deps.db);
  return waiting.rows[0]!.n === 1;
}

/**
 * Sends the casts together while another connection holds the vote's log head (PostgreSQL): the first
 * one is sent alone and waits for the head in its read; then the others, which queue behind it; once
 * they all wait, the head is let go and they run as one batch. Answers the casts' answers, in order,
 * and the statements run meanwhile.
 */
async function sentTogether<T extends readonly unknown[]>(voteId: string, sends: { [K in keyof T]: () => Promise<T[K]> }) {
  const { t } = v;
  const holder = await holdRow(sql`select 1 from ballot_log_heads where vote_id = ${voteId} for update`);
  const sent = await counted(async () => {
    const [first, ...rest] = sends as unknown as (() => Promise<unknown>)[];
    const answers = [first!()];
    if (t.dialect === 'postgres') await until(castingReadWaits);
    answers.push(...rest.map((send) => send()));
    if (t.dialect === 'postgres') await until(() => waitingUnder(t.deps.db, voteId) === rest.length);
    holder.release();
    return (await Promise.all(answers)) as unknown as T;
  });
  await holder.done;
  return sent;
}

/** The statements that read the casting state, write casts, and begin a transaction. */
function kinds(statements: readonly string[]) {
  return {
    reads: statements.filter((s) => s.includes('from "votes" as "v"')).length,
    writes: statements.filter((s) => s.startsWith('with moved_head')).length,
    begins: statements.filter((s) => /^begin/i.test(s)).length,
  };
}

describe('online casts arriving together', () => {
  it('share one read and one write on PostgreSQL; a refusal is answered alone', async () => {
    const { t } = v;
    const { voteId, yezhu, yezhu2, loudong, first, unitA, unitB } = await openWithOwners();
    const { answer, statements } = await sentTogether(voteId, [
      () => v.cast(yezhu2, voteId, { choices: ['no'] }),
      () => t.api(voteEndpoints.castBallots, { cookie: yezhu, params: { voteId }, body: { choices: ['yes'], unitIds: [unitA, unitB] } }),
      () => v.cast(loudong, voteId, { choices: ['maybe'] }),
      () => v.cast(loudong, voteId, { choices: ['no'] }),
    ]);
    const [again, several, refused, other] = answer;

    expect([again.status, several.status, other.status]).toEqual([201, 201, 201]);
    expect(several.data!.receipts.map((r) => r.voterKey)).toEqual([unitA, unitB]);
    expect(refused.status).toBe(422);
    expect(refused.error?.code).toBe('ballot_invalid_choice');
    expect([again.data!.replaced, other.data!.replaced]).toEqual([true, false]);

    // Every accepted ballot is in the log, chained, one position each; the refused one is nowhere.
    const positions = [first, again.data!, other.data!, ...several.data!.receipts].map((r) => r.logPosition);
    expect(positions.toSorted((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(await verifyBallotLogOf(t.deps.db, voteId)).toMatchObject({ ok: true, entries: 5 });
    const history = await t.deps.db.selectFrom('ballot_history').select('receipt_code').where('vote_id', '=', voteId).execute();
    expect(history.map((h) => h.receipt_code)).toEqual([first.receiptCode]);
    expect(await t.deps.db.selectFrom('ballots').select('id').where('vote_id', '=', voteId).execute()).toHaveLength(4);

    // PostgreSQL: the first cast alone, then the other three together: a transaction, a read and a write each.
    if (t.dialect === 'postgres') expect(kinds(statements)).toEqual({ reads: 2, writes: 2, begins: 2 });
  });

  it('a unit cast twice in one batch: written in order, both casts kept', async () => {
    const { t } = v;
    const { voteId, yezhu2, loudong, first } = await openWithOwners();
    const { answer, statements } = await sentTogether(voteId, [
      () => v.cast(loudong, voteId, { choices: ['yes'] }),
      () => v.cast(yezhu2, voteId, { choices: ['no'] }),
      () => v.cast(yezhu2, voteId, { choices: ['abstain'] }),
    ]);
    const [, again, yetAgain] = answer;
    for (const ok of answer) expect(ok.status).toBe(201);

    // 刘洋's flat: three casts; the two replaced are in its history, the one logged last counts.
    const [earlier, later] = again.data!.logPosition < yetAgain.data!.logPosition ? [again.data!, yetAgain.data!] : [yetAgain.data!, again.data!];
    const history = await t.deps.db.selectFrom('ballot_history').select(['receipt_code', 'version']).where('vote_id', '=', voteId).orderBy('version').execute();
    expect(history.map((h) => [h.receipt_code, Number(h.version)])).toEqual([
      [first.receiptCode, 1],
      [earlier.receiptCode, 2],
    ]);
    const flat = await t.deps.db
      .selectFrom('ballots')
      .select(['receipt_code', 'version', 'log_position'])
      .where('receipt_code', '=', later.receiptCode)
      .executeTakeFirstOrThrow();
    expect([Number(flat.version), Number(flat.log_position)]).toEqual([3, later.logPosition]);
    expect(await verifyBallotLogOf(t.deps.db, voteId)).toMatchObject({ ok: true, entries: 4 });

    // PostgreSQL: the first alone (a read, a write); the two after it together: one read, and two
    // writes, the flat's first cast written before its second is planned.
    if (t.dialect === 'postgres') expect(kinds(statements)).toEqual({ reads: 2, writes: 3, begins: 2 });
  });

  it('a vote being closed while a cast waits for it: the cast is refused as closed and leaves no trace', async () => {
    const { t } = v;
    const { voteId, loudong } = await openWithOwners();
    const before = await verifyBallotLogOf(t.deps.db, voteId);
    // On PostgreSQL the close (its first step, the vote marked closed) holds the vote when the cast
    // arrives: the casting read waits for it, then finds the vote closed.
    const closedAt = new Date(v.now.getTime() - 1000).toISOString();
    const close = await holdRow(
      sql`select 1 from votes where id = ${voteId} for update`,
      sql`update votes set status = 'closed', closed_at = ${closedAt} where id = ${voteId}`,
    );
    let refused;
    if (t.dialect === 'postgres') {
      const cast = v.cast(loudong, voteId, { choices: ['yes'] });
      // The casting read waits for the vote's lock.
      await until(castingReadWaits);
      close.release();
      await close.done;
      refused = await cast;
    } else {
      await t.deps.db.updateTable('votes').set({ status: 'closed', closed_at: closedAt }).where('id', '=', voteId).execute();
      refused = await v.cast(loudong, voteId, { choices: ['yes'] });
    }
    expect(refused.error?.code).toBe('vote_closed');
    expect(await t.deps.db.selectFrom('ballots').select('id').where('vote_id', '=', voteId).execute()).toHaveLength(1);
    expect(await verifyBallotLogOf(t.deps.db, voteId)).toEqual(before);
  });
});

/**
 * Online casts arriving together on one vote (./online-ballots.service.ts): on PostgreSQL they are
 * settled as one batch — one casting read and one write for all, a refused cast answered alone, a
 * unit cast twice written in order — and on SQLite each alone; on both, every accepted ballot is in
 * the chained log, the replaced ones in the history, and the latest counts.
 */
import { voteEndpoints } from '@yishi/core';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { waitingUnder } from '../db/batched-commit.js';
import { statementLog } from '../testing/statement-log.js';
import { useVotesApp } from '../testing/votes-app.js';
import { verifyBallotLogOf } from './ballot-log.service.js';

const { log, counted } = statementLog();
const v = useVotesApp({ log });

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe('online casts arriving together', () => {
  it('share one read and one write on PostgreSQL; a refusal is answered alone; a unit cast twice keeps both in order', async () => {
    const { t } = v;
    const voteId = await v.createOpenVote(await t.login('zhanzhang'));
    const [yezhu, yezhu2, loudong] = [await t.login('yezhu'), await t.login('yezhu2'), await t.login('loudong')];
    // Each session's first request builds its actor; and the vote's log gets its head with a first ballot.
    for (const cookie of [yezhu, yezhu2, loudong]) await t.ok(voteEndpoints.get, { cookie, params: { voteId } });
    const first = await v.cast(yezhu2, voteId, { choices: ['yes'] });
    expect(first.status).toBe(201);
    const [unitA, unitB] = await Promise.all([v.unitId('1-1-301'), v.unitId('2-2-502')]);

    // On PostgreSQL, another connection holds the log head while the casts arrive: the first one
    // waits for it in its read, the others queue behind it and then run as one batch.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holding =
      t.dialect === 'postgres'
        ? t.deps.db.transaction().execute(async (trx) => {
            await sql`select 1 from ballot_log_heads where vote_id = ${voteId} for update`.execute(trx);
            locked();
            await held;
          })
        : Promise.resolve(locked());
    await lockTaken;
    const burst = counted(async () => {
      const answers = Promise.all([
        t.api(voteEndpoints.castBallots, { cookie: yezhu, params: { voteId }, body: { choices: ['yes'], unitIds: [unitA, unitB] } }),
        v.cast(yezhu2, voteId, { choices: ['no'] }),
        v.cast(loudong, voteId, { choices: ['maybe'] }),
        v.cast(yezhu2, voteId, { choices: ['abstain'] }),
        v.cast(loudong, voteId, { choices: ['no'] }),
      ]);
      if (t.dialect === 'postgres') await until(() => waitingUnder(t.deps.db, voteId) === 4);
      release();
      return answers;
    });
    const { answer, statements } = await burst;
    await holding;
    const [several, again, refused, yetAgain, other] = answer;

    expect(several.status).toBe(201);
    expect(several.data!.receipts.map((r) => r.voterKey)).toEqual([unitA, unitB]);
    expect(refused.status).toBe(422);
    expect(refused.error?.code).toBe('ballot_invalid_choice');
    for (const ok of [again, yetAgain, other]) expect(ok.status).toBe(201);
    expect([again.data!.replaced, yetAgain.data!.replaced, other.data!.replaced]).toEqual([true, true, false]);

    // Every accepted ballot is in the log, chained, one position each; the refused one is nowhere.
    const positions = [first, again, yetAgain, other].map((a) => a.data!.logPosition);
    positions.push(...several.data!.receipts.map((r) => r.logPosition));
    expect(positions.toSorted((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await verifyBallotLogOf(t.deps.db, voteId)).toMatchObject({ ok: true, entries: 6 });

    // 刘洋's flat: three casts; the two replaced are in its history, the one logged last counts.
    const [earlier, later] = again.data!.logPosition < yetAgain.data!.logPosition ? [again, yetAgain] : [yetAgain, again];
    const history = await t.deps.db.selectFrom('ballot_history').select(['receipt_code', 'version']).where('vote_id', '=', voteId).orderBy('version').execute();
    expect(history.map((h) => [h.receipt_code, Number(h.version)])).toEqual([
      [first.data!.receiptCode, 1],
      [earlier.data!.receiptCode, 2],
    ]);
    const ballots = await t.deps.db.selectFrom('ballots').select(['receipt_code', 'version', 'log_position']).where('vote_id', '=', voteId).execute();
    expect(ballots).toHaveLength(4);
    const flat = ballots.find((b) => b.receipt_code === later.data!.receiptCode)!;
    expect([Number(flat.version), Number(flat.log_position)]).toEqual([3, later.data!.logPosition]);

    if (t.dialect === 'postgres') {
      // The first cast alone, then the other four together: two casting reads, two transactions; and a
      // write each, but for the batch holding the flat's cast twice, which writes before the second.
      const reads = statements.filter((s) => s.includes('from "votes" as "v"'));
      const writes = statements.filter((s) => s.startsWith('with moved_head'));
      expect(reads).toHaveLength(2);
      expect(statements.filter((s) => /^begin/i.test(s))).toHaveLength(2);
      expect(writes.length).toBeGreaterThanOrEqual(2);
      expect(writes.length).toBeLessThanOrEqual(3);
    }
  });
});

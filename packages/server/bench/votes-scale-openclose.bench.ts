/**
 * Opening and closing a vote on a 10,000-unit compound (issue 18: ≤ 200 ms each), now against before,
 * alternating in one run, on SQLite and — with BENCH_PG — PostgreSQL. From the repository root, core built:
 *
 *   npx tsx packages/server/bench/votes-scale-openclose.bench.ts [--rounds 5]
 *   BENCH_PG=$(bench/pg-server.sh start) npx tsx packages/server/bench/votes-scale-openclose.bench.ts
 *
 * The demo's 翠苑 gets 10,000 more flats through the roster API (one owner each, with a phone: a notice
 * and an SMS owed each). Each round, in turn:
 *
 * - **open, now**: `openVote` as served — the roll frozen and packed, one fan-out row owing the
 *   owners' notices (with the CPU it took: this process's, and on PostgreSQL the backends', read from
 *   /proc — what a quiet machine would need at least); then, timed apart, the fan-out the worker runs
 *   after the commit (the notices, then their SMS rows), i.e. how long until the owners' notices are there;
 * - **open, before**: the same steps in one transaction with the owners' notices written inside it
 *   (as before this change), in a second database of the same flats where vote_electorate's three
 *   foreign keys are put back (the migration's setRollForeignKeys: on PostgreSQL `NOT VALID`, checked
 *   for new rows as before; on SQLite the table rebuilt with them);
 * - **open, now + keys**: as served, in that second database — the foreign keys' share alone;
 * - **close early, 70 % voted** (7,000 ballots written straight into the table), now (`closeVote`'s
 *   two calls timed apart: marking it closed, then the tally and the result written with one fan-out
 *   row; the tally timed again alone after) and before (the result's notices written in its last
 *   transaction).
 *
 * Closing before is measured in the second database too. Medians over the rounds (the first round
 * warms up and is not counted). The machine is shared: compare within a column, and the ratios.
 */
import { loadavg } from 'node:os';
import { createVoteSchema } from '@yishi/core';
import type { Actor } from '../src/auth/actor.js';
import { dialectOf, lockRow } from '../src/db/dialect.js';
import { setRollForeignKeys } from '../src/db/migrations/20270104090000_vote_notices_fanout.js';
import { up as addRollSortKeys } from '../src/db/migrations/20270112090000_roll_sort_keys.js';
import * as notices from '../src/db/repositories/notifications.repository.js';
import type { Db } from '../src/db/repositories/places.repository.js';
import * as repo from '../src/db/repositories/votes.repository.js';
import { loadActor } from '../src/services/auth.service.js';
import { writeOwedDeliveries, writeOwedNotices } from '../src/services/notification-worker.js';
import { enqueueNotifications, writeOwedVoteNotices } from '../src/services/notifications.service.js';
import { freezePackedRoll, tallyFromDb } from '../src/services/vote-tally.js';
import { createVote, freezeElectorate, openVote, stopAcceptingBallots, finishClosing } from '../src/services/votes.service.js';
import { bigRoster } from '../src/testing/big-roster.js';
import { insertBallotRows, syntheticBallot } from '../src/testing/synthetic-vote.js';
import { createTestApp } from '../src/testing/test-app.js';
import { backendCpu, ownCpu } from './votes-scale-cpu.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const ROUNDS = arg('rounds', 5);
const UNITS = arg('units', 10_000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The notices a fan-out row owes, written inside the caller's transaction (as opening and closing did before). */
async function noticesInside(trx: Db, eventId: string | null): Promise<void> {
  if (!eventId) return;
  const fanout = await trx.selectFrom('notification_fanouts').selectAll().where('event_id', '=', eventId).executeTakeFirstOrThrow();
  await writeOwedVoteNotices(trx, { ...fanout, notices_json: fanout.notices_json! });
}

const timed = async (work: () => Promise<unknown>) => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

/** A database with the 10,000 flats, as migrated now, or with vote_electorate's foreign keys put back (as before). */
async function storage(keys: boolean) {
  const t = await createTestApp();
  const cy = await t.compoundId('CY');
  const staff = await t.login('cuiyuan');
  const res = await t.call('POST', `/api/compounds/${cy}/roster`, { cookie: staff, headers: { 'content-type': 'text/csv' }, body: bigRoster(UNITS) });
  if (res.status !== 200) throw new Error(`roster import: ${res.status}`);
  if (keys) {
    await setRollForeignKeys(t.deps.db, true);
    // SQLite rebuilt the (empty) table with the columns of that migration's time: the roll's sort key is put back.
    if (dialectOf(t.deps.db) === 'sqlite') await addRollSortKeys(t.deps.db);
  }
  const user = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'cuiyuan').executeTakeFirstOrThrow();
  const organiser: Actor = (await loadActor(t.deps, user.id))!;
  let n = 0;
  return {
    t,
    organiser,
    draft: async () => {
      const closesAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
      const input = createVoteSchema.parse({ title: `第${++n}次表决：是否增设充电桩`, kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt });
      return (await createVote(t.deps, organiser, cy, input)).id;
    },
    fanout: () => timed(async () => (await writeOwedNotices(t.deps)) + (await writeOwedDeliveries(t.deps))),
    open: (voteId: string) => openVote(t.deps, voteId, organiser),
    /** openVote's steps, with the owners' notices written in its transaction. */
    openBefore: (voteId: string) =>
      t.deps.db.transaction().execute(async (trx) => {
        await lockRow(trx, 'votes', voteId);
        const vote = (await repo.findVote(trx, voteId))!;
        const now = t.deps.clock().toISOString();
        const electorate = await freezeElectorate(trx, vote);
        await freezePackedRoll(trx, voteId, electorate);
        await repo.updateVote(trx, voteId, 'draft', { status: 'open', opened_at: now, updated_at: now });
        const told = await enqueueNotifications(trx, t.deps, { kind: 'vote_opened', voteId, causedByUserId: organiser.userId });
        await noticesInside(trx, told.eventId);
      }),
    /** closeVote's steps, with the result's notices written in its last transaction. */
    closeBefore: async (voteId: string) => {
      const closing = (await stopAcceptingBallots(t.deps, voteId, organiser))!;
      const result = await tallyFromDb(t.deps.db, closing.vote);
      await t.deps.db.transaction().execute(async (trx) => {
        await lockRow(trx, 'votes', voteId);
        await repo.writeVoteResult(trx, voteId, JSON.stringify(result), t.deps.clock().toISOString());
        const told = await enqueueNotifications(trx, t.deps, { kind: 'vote_result', voteId, causedByUserId: organiser.userId });
        await noticesInside(trx, told.eventId);
      });
    },
    /** 70 % of the roll with a ballot, written straight into the table. */
    fill: async (voteId: string) => {
      const roll = await t.deps.db.selectFrom('vote_electorate').select('unit_id').where('vote_id', '=', voteId).execute();
      const at = new Date().toISOString();
      const rows = roll
        .slice(0, Math.floor(roll.length * 0.7))
        .map((e, i) => syntheticBallot(voteId, i, { unitId: e.unit_id, personId: null }, [i % 4 ? 'yes' : 'no'], at));
      await insertBallotRows(t.deps.db, rows);
    },
  };
}

async function column(label: string) {
  const now = await storage(false);
  const old = await storage(true);
  try {
    const times = {
      openNow: [] as number[],
      openDbCpu: [] as number[],
      openOwnCpu: [] as number[],
      openFanout: [] as number[],
      openBefore: [] as number[],
      openKeys: [] as number[],
      closeNow: [] as number[],
      closeMark: [] as number[],
      closeTally: [] as number[],
      closeFinish: [] as number[],
      closeFanout: [] as number[],
      closeBefore: [] as number[],
    };
    let noticesPerOpening = 0;
    for (let round = 0; round <= ROUNDS; round += 1) {
      const keep = round > 0;
      const push = (key: keyof typeof times, ms: number) => keep && times[key].push(ms);
      const ids = { now: await now.draft(), before: await old.draft(), keys: await old.draft() };
      // Opening: now, before, now + keys, alternating which goes first.
      const order = round % 2 ? (['before', 'now', 'keys'] as const) : (['now', 'before', 'keys'] as const);
      for (const which of order) {
        if (which === 'now') {
          const cpu = { db: await backendCpu(now.t), own: ownCpu() };
          push('openNow', await timed(() => now.open(ids.now)));
          push('openDbCpu', (await backendCpu(now.t)) - cpu.db);
          push('openOwnCpu', ownCpu() - cpu.own);
          push('openFanout', await now.fanout());
          const event = await now.t.deps.db
            .selectFrom('notification_events')
            .select('recipient_count')
            .where('subject_id', '=', ids.now)
            .executeTakeFirstOrThrow();
          noticesPerOpening = event.recipient_count;
        } else {
          push(which === 'before' ? 'openBefore' : 'openKeys', await timed(() => (which === 'before' ? old.openBefore(ids.before) : old.open(ids.keys))));
          await old.fanout();
        }
      }
      // Closing early, 70 % voted: now and before, alternating.
      await now.fill(ids.now);
      await old.fill(ids.before);
      for (const which of round % 2 ? (['before', 'now'] as const) : (['now', 'before'] as const)) {
        if (which === 'before') {
          push('closeBefore', await timed(() => old.closeBefore(ids.before)));
          continue;
        }
        // closeVote's two calls, each timed; the tally (inside finishClosing) timed again alone after.
        let closing: Awaited<ReturnType<typeof stopAcceptingBallots>>;
        const mark = await timed(async () => (closing = await stopAcceptingBallots(now.t.deps, ids.now, now.organiser)));
        const finish = await timed(() => finishClosing(now.t.deps, closing!.vote, now.organiser));
        push('closeNow', mark + finish);
        push('closeMark', mark);
        push('closeFinish', finish);
        push('closeFanout', await now.fanout());
        push('closeTally', await timed(() => tallyFromDb(now.t.deps.db, closing!.vote)));
      }
      await now.fanout();
      await old.fanout();
    }
    const pending = await notices.claimFanouts(now.t.deps.db, 1, 'notices');
    if (pending.length > 0) throw new Error('a fan-out was left owing its notices');
    return { label, noticesPerOpening, ...Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])) } as Record<keyof typeof times, number> & {
      label: string;
      noticesPerOpening: number;
    };
  } finally {
    await now.t.close();
    await old.t.close();
  }
}

const PG_ADMIN = process.env.BENCH_PG || null;
const load0 = loadavg().map((l) => l.toFixed(1));
delete process.env.YISHI_TEST_PG;
const columns = [await column('SQLite')];
if (PG_ADMIN) {
  process.env.YISHI_TEST_PG = PG_ADMIN;
  columns.push(await column('PostgreSQL'));
}
const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : `${Math.round(v)} ms`);
const ratio = (a: number, b: number | undefined) => (b ? ` (ratio ${(a / b).toFixed(2)})` : '');
console.log(
  `Opening and closing a ${UNITS.toLocaleString('en')}-unit vote — ${new Date().toISOString()}, load average at start ${load0.join(' ')}, at end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  `command: ${PG_ADMIN ? 'BENCH_PG=<admin url> ' : ''}npx tsx packages/server/bench/votes-scale-openclose.bench.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''} (medians of ${ROUNDS})`,
);
const rows: Array<[string, (c: (typeof columns)[number]) => string]> = [
  ['owners told per vote', (c) => String(c.noticesPerOpening)],
  ['open, now (roll frozen, one fan-out row)', (c) => `${ms(c.openNow)}${ratio(c.openNow, c.openBefore)}`],
  ['  its CPU: this process (the server; SQLite in it)', (c) => ms(c.openOwnCpu)],
  ['  its CPU: the PostgreSQL backends', (c) => (c.label === 'PostgreSQL' ? ms(c.openDbCpu) : '—')],
  ['  before (notices in the transaction, roll keys)', (c) => ms(c.openBefore)],
  ['  now + roll keys (as before the migration)', (c) => `${ms(c.openKeys)}${ratio(c.openNow, c.openKeys)}`],
  ['  the fan-out after it (notices + SMS rows)', (c) => ms(c.openFanout)],
  ['close early, now (70 % voted)', (c) => `${ms(c.closeNow)}${ratio(c.closeNow, c.closeBefore)}`],
  ['  step 1: mark closed', (c) => ms(c.closeMark)],
  ['  steps 2 and 3: the tally, result + one fan-out row', (c) => ms(c.closeFinish)],
  ['  of which the tally (timed again alone)', (c) => ms(c.closeTally)],
  ['  before (result notices in step 3)', (c) => ms(c.closeBefore)],
  ['  the fan-out after it', (c) => ms(c.closeFanout)],
];
const width = Math.max(...rows.map(([l]) => l.length)) + 2;
console.log(`${''.padEnd(width)}${columns.map((c) => c.label.padEnd(26)).join('')}`);
for (const [l, value] of rows) console.log(`${l.padEnd(width)}${columns.map((c) => value(c).padEnd(26)).join('')}`);

/**
 * One part of the votes-at-scale benchmark (votes-scale.bench.ts): a vote on a 10,000-unit compound —
 * opening it, the voting page's API (GET /api/votes/:voteId as an owner), and closing it with 7,000
 * ballots in — on one storage. References measured in the same run: for opening, the read of the rows
 * its roll is built from; for the page, the same API on a demo vote of a few dozen units, and the
 * turnout as it was computed before issue 18 (the whole roll reloaded); for closing, a raw SELECT of
 * the rows its tally reads.
 */
import { createVoteSchema, headKeyOf } from '@yishi/core';
import type { Actor } from '../src/auth/actor.js';
import type { Db } from '../src/db/repositories/places.repository.js';
import * as repo from '../src/db/repositories/votes.repository.js';
import type { VoteRow } from '../src/db/tables/votes.table.js';
import type { Deps } from '../src/deps.js';
import { loadActor } from '../src/services/auth.service.js';
import { closeVote, createVote, electorateEntries, openVote, voterKeyOf } from '../src/services/votes.service.js';
import { bigRoster } from '../src/testing/big-roster.js';
import { insertBallotRows, syntheticBallot } from '../src/testing/synthetic-vote.js';
import type { TestApp } from '../src/testing/test-app.js';
import { alternatingMedians } from './votes-scale-tally.js';

export interface CompoundFigures {
  units: number;
  openMs: number;
  openQuietMs: number;
  openSourceMs: number;
  viewMs: number;
  viewAfterBallotMs: number;
  viewDemoMs: number;
  turnoutBeforeMs: number;
  closeMs: number;
  closeFloorMs: number;
}

async function actorOf(t: TestApp, login: string): Promise<Actor> {
  const user = await t.deps.db.selectFrom('users').select('id').where('username', '=', login).executeTakeFirstOrThrow();
  return (await loadActor(t.deps, user.id))!;
}

/** An account for the owner of the first imported flat, with a demo account's password: login `scaleowner`. */
async function ownerLogin(t: TestApp): Promise<string> {
  const owner = await t.deps.db.selectFrom('persons').select('id').where('name', '=', '业主0').executeTakeFirstOrThrow();
  const { password_hash } = await t.deps.db.selectFrom('users').select('password_hash').where('username', '=', 'cuiyuan').executeTakeFirstOrThrow();
  const values = { id: 'scaleowner', person_id: owner.id, username: 'scaleowner', phone: null, display_name: '业主0', password_hash };
  await t.deps.db
    .insertInto('users')
    .values({ ...values, locale: 'zh-CN', disabled: 0, created_at: new Date().toISOString() })
    .execute();
  return t.login('scaleowner');
}

/** 70 % of the roll's units with a ballot, written straight into the table (casting 7,000 over HTTP is votes.bench.ts's subject). */
async function fillBallots(db: Db, voteId: string): Promise<void> {
  const roll = await db.selectFrom('vote_electorate').select('unit_id').where('vote_id', '=', voteId).execute();
  const now = new Date().toISOString();
  const rows = roll
    .slice(0, Math.floor(roll.length * 0.7))
    .map((e, i) => syntheticBallot(voteId, i, { unitId: e.unit_id, personId: null }, [i % 4 === 0 ? 'no' : 'yes'], now));
  await insertBallotRows(db, rows);
}

/** Live turnout as the voting page computed it before issue 18: the whole roll and every ballot reloaded, heads counted by text. */
async function turnoutAsBefore(db: Db, vote: VoteRow): Promise<number> {
  // The roll as it was read then, in one statement (the repository reads it in pages now: services/whole-roll.ts).
  const roll = await db.selectFrom('vote_electorate').selectAll().where('vote_id', '=', vote.id).orderBy('label').execute();
  const electorate = electorateEntries(roll);
  const byKey = new Map(electorate.map((e) => [e.voterKey, e]));
  const heads = new Set(electorate.map((e) => headKeyOf(e, vote.electorate_kind)));
  const voting = new Set<string>();
  for (const b of await repo.listBallotPresence(db, vote.id)) {
    const e = byKey.get(voterKeyOf(b));
    if (e) voting.add(headKeyOf(e, vote.electorate_kind));
  }
  return heads.size + voting.size;
}

export async function measureCompound(t: TestApp, units: number): Promise<CompoundFigures> {
  const cy = await t.compoundId('CY');
  const staff = await t.login('cuiyuan');
  const imported = await t.call('POST', `/api/compounds/${cy}/roster`, { cookie: staff, headers: { 'content-type': 'text/csv' }, body: bigRoster(units) });
  if (imported.status !== 200) throw new Error(`roster import: ${imported.status} ${await imported.text()}`);
  const organiser = await actorOf(t, 'cuiyuan');
  const owner = await ownerLogin(t);

  // Opening: three votes on the whole compound, each timed (the roll frozen, the owners' notices written).
  const votes: string[] = [];
  const draft = async () => {
    const input = createVoteSchema.parse({
      title: `第${votes.length + 1}次表决：是否增设充电桩`,
      kind: 'yes_no',
      rule: { kind: 'simple_majority' },
      closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    return (await createVote(t.deps, organiser, cy, input)).id;
  };
  // Alternating: with the owners told (as served), and with notifications off (the roll frozen alone).
  const quiet: Deps = { ...t.deps, config: { ...t.deps.config, notifications: { ...t.deps.config.notifications, enabled: false } } };
  const openTimes: number[] = [];
  const quietTimes: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    for (const [deps, times] of [
      [t.deps, openTimes],
      [quiet, quietTimes],
    ] as const) {
      const id = await draft();
      const start = performance.now();
      await openVote(deps, id, organiser);
      times.push(performance.now() - start);
      if (deps === t.deps) votes.push(id);
    }
  }
  const openMs = openTimes.sort((a, b) => a - b)[1]!;
  const openQuietMs = quietTimes.sort((a, b) => a - b)[1]!;
  const [openSourceMs] = await alternatingMedians([() => repo.listUnitsWithOwners(t.deps.db, cy, null)], 3);
  for (const id of votes) await fillBallots(t.deps.db, id);

  // The voting page's API, as the owner of a flat on the roll, through the app's HTTP stack.
  const get = async (voteId: string, cookie: string) => {
    const res = await t.app.request(`/api/votes/${voteId}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`GET vote: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  const voteId = votes[0]!;
  // A ballot cast just before each view: the turnout is counted again.
  let n = 0;
  const cast = () => t.call('POST', `/api/votes/${voteId}/ballots`, { cookie: owner, json: { choices: [n++ % 2 ? 'yes' : 'no'] } });
  const afterBallot: number[] = [];
  for (let i = 0; i < 11; i += 1) {
    const res = await cast();
    if (res.status !== 201) throw new Error(`ballot: ${res.status} ${await res.text()}`);
    const start = performance.now();
    await get(voteId, owner);
    afterBallot.push(performance.now() - start);
  }
  const viewAfterBallotMs = afterBallot.sort((a, b) => a - b)[5]!;
  const demoVote = await t.deps.db
    .selectFrom('votes')
    .select('id')
    .where('compound_id', '=', await t.compoundId('DSCT'))
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  const demoOwner = await t.login('yezhu');
  const row = (await repo.findVote(t.deps.db, voteId))!;
  const [viewMs, viewDemoMs, turnoutBeforeMs] = await alternatingMedians(
    [() => get(voteId, owner), () => get(demoVote.id, demoOwner), () => turnoutAsBefore(t.deps.db, row)],
    21,
    3,
  );

  // Closing early by the organiser: the other two votes, each with its 7,000 ballots.
  const closeTimes: number[] = [];
  for (const id of votes.slice(1)) {
    const start = performance.now();
    await closeVote(t.deps, id, organiser);
    closeTimes.push(performance.now() - start);
  }
  const closeMs = closeTimes.reduce((a, b) => a + b, 0) / closeTimes.length;
  const [closeFloorMs] = await alternatingMedians(
    [async () => (await repo.listElectorateForTally(t.deps.db, votes[1]!)).length + (await repo.listBallotsForTally(t.deps.db, votes[1]!)).length],
    5,
  );
  const voters = await repo.countElectorate(t.deps.db, voteId);
  return { units: Number(voters.voters), openMs, openQuietMs, openSourceMs, viewMs, viewAfterBallotMs, viewDemoMs, turnoutBeforeMs, closeMs, closeFloorMs };
}

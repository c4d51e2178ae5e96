/**
 * Closing in steps (votes.service closeVote): the vote stops accepting ballots in a short transaction,
 * is counted outside any transaction, and its result is written in another. A ballot arriving between
 * the steps is refused in words; a close stopped between them (a crash) is finished by the scheduler or
 * by the first read after a restart, and counted once.
 */
import { voteEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, openPeerApp, type TestApp } from '../testing/test-app.js';
import { loadActor } from './auth.service.js';
import { finishClosing, settleDueVotes, stopAcceptingBallots } from './votes.service.js';

let t: TestApp;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-16T02:00:00.000Z'); // Monday 10:00 in China
  t = await createTestApp({ clock: () => now });
}, 60_000);
afterEach(() => t.close());

/** A yes/no vote on DSCT (a simple majority, no statutory timeline), opened by the station chief, with two owners' ballots in. */
async function openVoteWithBallots() {
  const dsct = await t.compoundId('DSCT');
  const staff = await t.login('zhanzhang');
  const created = await t.ok(voteEndpoints.create, {
    cookie: staff,
    params: { compoundId: dsct },
    body: {
      ...{ title: '是否同意在东门增设快递柜', kind: 'yes_no', rule: { kind: 'simple_majority' } },
      closesAt: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
    },
  });
  await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId: created.id } });
  for (const login of ['yezhu2', 'yeweihui'])
    await t.ok(voteEndpoints.castBallot, { cookie: await t.login(login), params: { voteId: created.id }, body: { choices: ['yes'] } });
  return { voteId: created.id, staff };
}

async function stored(voteId: string) {
  return t.deps.db.selectFrom('votes').select(['status', 'closed_at', 'result_json']).where('id', '=', voteId).executeTakeFirstOrThrow();
}

describe('closing a vote in steps', () => {
  it('a ballot arriving after the vote stopped accepting, before its count is written, is refused in words and not counted', async () => {
    const { voteId } = await openVoteWithBallots();
    // Past its closing time: the scheduler's close, stopped after its first step.
    now = new Date(now.getTime() + 3 * 86_400_000 + 60_000);
    const closing = await stopAcceptingBallots(t.deps, voteId, null);
    expect(closing?.markedNow).toBe(true);
    expect(await stored(voteId)).toMatchObject({ status: 'closed', result_json: null });

    const late = await t.api(voteEndpoints.castBallot, { cookie: await t.login('loudong'), params: { voteId }, body: { choices: ['no'] } });
    expect(late.status).toBe(409);
    expect(late.error).toMatchObject({ code: 'vote_closed', message: '该表决已于 2026-11-19 10:00 截止，您的选票未被接收' });

    // The refused ballot had the vote settled on its way out (ballots.service closingAware): the close is finished.
    expect((await stored(voteId)).result_json).not.toBeNull();
    // The step that was stopped, resumed late (or another instance finishing the same close), writes nothing.
    expect(await finishClosing(t.deps, closing!.vote, null)).toBe(false);
    const result = JSON.parse((await stored(voteId)).result_json!) as { participation: { ballots: number }; options: Array<{ id: string; ballots: number }> };
    expect(result.participation.ballots).toBe(2);
    expect(result.options.find((o) => o.id === 'no')!.ballots).toBe(0);
    // Told once: one result notification for the vote.
    const events = await t.deps.db
      .selectFrom('notification_events')
      .select('kind')
      .where('subject_id', '=', voteId)
      .where('kind', '=', 'vote_result')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('a close stopped between its steps (a crash) is finished by the scheduler, with every ballot accepted before it', async () => {
    const { voteId, staff } = await openVoteWithBallots();
    const closing = await stopAcceptingBallots(t.deps, voteId, null);
    expect(closing).toBeUndefined(); // not due yet: the scheduler leaves it open
    const chief = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'zhanzhang').executeTakeFirstOrThrow();
    const early = await stopAcceptingBallots(t.deps, voteId, await loadActor(t.deps, chief.id));
    expect(early?.markedNow).toBe(true);
    // … the process dies here. The closing staff member's second click is told it is closed.
    const again = await t.api(voteEndpoints.close, { cookie: staff, params: { voteId } });
    expect(again.error?.code).toBe('vote_already_closed');
    // That click's read finished the close on its way (loadVoteSettled), counted once.
    const result = JSON.parse((await stored(voteId)).result_json!) as { participation: { ballots: number } };
    expect(result.participation.ballots).toBe(2);
    expect(await settleDueVotes(t.deps)).toMatchObject({ closed: 0 });
  });

  it('after a restart, the first read of the vote (or the scheduler) finishes it; the owners then see the result', async () => {
    const { voteId } = await openVoteWithBallots();
    now = new Date(now.getTime() + 3 * 86_400_000);
    await stopAcceptingBallots(t.deps, voteId, null);
    // Still unfinished in the database; a new server process on it:
    const restarted = openPeerApp(t, { clock: () => now });
    try {
      expect(await settleDueVotes(restarted.deps)).toMatchObject({ closed: 1 });
      const view = await restarted.ok(voteEndpoints.get, { cookie: await restarted.login('yezhu2'), params: { voteId } });
      expect(view.vote).toMatchObject({ status: 'closed', closedOnTime: true });
      expect(view.result?.participation.ballots).toBe(2);
      expect(await settleDueVotes(t.deps)).toMatchObject({ closed: 0 });
    } finally {
      await restarted.close();
    }
  });
});

import { voteEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, openPeerApp, type TestApp } from '../testing/test-app.js';
import { startVoteScheduler } from './vote-scheduler.js';

let t: TestApp;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-21T02:00:00Z');
  t = await createTestApp({ clock: () => now });
});
afterEach(() => t.close());

describe('vote scheduler', () => {
  it('opens a vote at its opening time and closes it at its closing time with nobody reading or clicking', async () => {
    const dsct = await t.compoundId('DSCT');
    const staff = await t.login('zhanzhang');
    const { id } = await t.ok(voteEndpoints.create, {
      cookie: staff,
      params: { compoundId: dsct },
      body: {
        title: '定时开始和结束的表决',
        kind: 'yes_no',
        rule: { kind: 'simple_majority' },
        opensAt: '2026-11-21T03:00:00Z',
        closesAt: '2026-11-21T05:00:00Z',
      },
    });
    const status = async () =>
      await t.deps.db.selectFrom('votes').select(['status', 'closed_at', 'result_json']).where('id', '=', id).executeTakeFirstOrThrow();
    const scheduler = startVoteScheduler(t.deps, 20);
    try {
      await new Promise((r) => setTimeout(r, 80));
      expect((await status()).status).toBe('draft');
      now = new Date('2026-11-21T03:00:00Z');
      await expect.poll(async () => (await status()).status, { timeout: 2000 }).toBe('open');
      now = new Date('2026-11-21T05:00:30Z');
      await expect.poll(async () => (await status()).status, { timeout: 2000 }).toBe('closed');
      // Closing stores the result after the status (the tally runs outside the write transaction).
      await expect.poll(async () => (await status()).result_json, { timeout: 2000 }).not.toBeNull();
      const row = await status();
      // The recorded closing instant is the set time, not when the timer happened to notice.
      expect(row.closed_at).toBe('2026-11-21T05:00:00.000Z');
      expect(JSON.parse(row.result_json!).participation.ballots).toBe(0);
    } finally {
      await scheduler.stop();
    }
  });
});

describe('vote scheduler on several server instances', () => {
  it('every instance runs one; each due vote is opened and closed once, and no instance logs an error', async () => {
    const peer = openPeerApp(t);
    const errors = vi.spyOn(console, 'error');
    const dsct = await t.compoundId('DSCT');
    const staff = await t.login('zhanzhang');
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const { id } = await t.ok(voteEndpoints.create, {
        cookie: staff,
        params: { compoundId: dsct },
        body: {
          title: `第${i + 1}项定时表决`,
          kind: 'yes_no',
          rule: { kind: 'simple_majority' },
          opensAt: '2026-11-21T03:00:00Z',
          closesAt: '2026-11-21T05:00:00Z',
        },
      });
      ids.push(id);
    }
    const statuses = async () => (await t.deps.db.selectFrom('votes').select('status').where('id', 'in', ids).execute()).map((v) => v.status);
    const schedulers = [startVoteScheduler(t.deps, 5), startVoteScheduler(peer.deps, 5)];
    try {
      now = new Date('2026-11-21T03:00:00Z');
      await expect.poll(statuses, { timeout: 3000 }).toEqual(['open', 'open', 'open', 'open']);
      // Opened once: one frozen electorate per vote, not two.
      const roll = await t.deps.db
        .selectFrom('vote_electorate')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('vote_id', '=', ids[0]!)
        .executeTakeFirstOrThrow();
      expect(Number(roll.n)).toBe(120);
      now = new Date('2026-11-21T05:00:30Z');
      await expect.poll(statuses, { timeout: 3000 }).toEqual(['closed', 'closed', 'closed', 'closed']);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      await Promise.all(schedulers.map((s) => s.stop()));
      errors.mockRestore();
      await peer.close();
    }
  });
});

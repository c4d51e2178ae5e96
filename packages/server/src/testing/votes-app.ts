/**
 * The vote route tests' set-up: for each test a demo app whose clock is 21 November 2026, 10:00
 * Beijing time, unless the test moves it (`v.now`), and the steps they share: a unit by its label,
 * a vote created and opened at once, a ballot, the roll, an early close.
 */
import { voteEndpoints, type BodyInput } from '@yishi/core';
import type { LogEvent } from 'kysely';
import { afterEach, beforeEach, expect } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';

/** Registers the hooks; `t`, `dsct` and `now` are set once they have run (inside a test). `log` gets Kysely's query log. */
export function useVotesApp(options: { log?: (event: LogEvent) => void } = {}) {
  const v = {
    t: undefined as unknown as TestApp,
    dsct: '',
    /** The app's clock: set it to move time. */
    now: new Date(0),
    async unitId(label: string): Promise<string> {
      const [b, e, r] = label.split('-');
      const row = await v.t.deps.db
        .selectFrom('units')
        .innerJoin('buildings', 'buildings.id', 'units.building_id')
        .select('units.id')
        .where('units.compound_id', '=', v.dsct)
        .where('buildings.name', '=', b!)
        .where('units.entrance', '=', e!)
        .where('units.room', '=', r!)
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async createOpenVote(cookie: string, extra: Partial<BodyInput<typeof voteEndpoints.create>> = {}): Promise<string> {
      const created = await v.t.api(voteEndpoints.create, {
        cookie,
        params: { compoundId: v.dsct },
        body: {
          title: '是否同意更换小区门禁系统',
          kind: 'yes_no',
          // Area and heads like art. 278 matter 4, without its statutory timeline (vote-timeline.routes.test.ts): it opens at once.
          rule: { kind: 'custom', basis: 'area_and_heads', participation: { num: 2, den: 3 }, approval: { num: 1, den: 2 }, approvalComparison: 'more_than' },
          closesAt: new Date(v.now.getTime() + 3 * 86_400_000).toISOString(),
          ...extra,
        },
      });
      expect(created.status).toBe(201);
      const id = created.data!.id;
      expect(await v.t.ok(voteEndpoints.open, { cookie, params: { voteId: id } })).toEqual({ ok: true });
      return id;
    },
    cast: (cookie: string, voteId: string, body: BodyInput<typeof voteEndpoints.castBallot>) =>
      v.t.api(voteEndpoints.castBallot, { cookie, params: { voteId }, body }),
    roll: (cookie: string, voteId: string, q?: string) => v.t.ok(voteEndpoints.roll, { cookie, params: { voteId }, query: { q } }),
    closeNow: (cookie: string, voteId: string) => v.t.api(voteEndpoints.close, { cookie, params: { voteId } }),
  };
  beforeEach(async () => {
    v.now = new Date('2026-11-21T02:00:00Z');
    v.t = await createTestApp({ clock: () => v.now, log: options.log });
    v.dsct = await v.t.compoundId('DSCT');
  });
  afterEach(() => v.t.close());
  return v;
}

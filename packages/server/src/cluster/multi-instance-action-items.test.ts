/**
 * Action items on two server instances over one PostgreSQL database: numbered sign-offs and
 * residents' ratings sent to both at once. The numbers stay gapless with an intact ledger, a rating
 * is kept once, and ratings of different items at once all land: the sign-off tallies' triggers
 * can deadlock two such transactions, and the loser is run again (db/transact.ts), never a 500.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, openPeerApp, testPostgresUrl, type TestApp } from '../testing/test-app.js';
import { NOW, alternate, errorCode, json, sendToBoth, statuses } from './racing.js';

let a: TestApp;
let b: TestApp;
let dsct: string;

const via = (i: number): TestApp => alternate(a, b, i);
const onBoth = (method: string, path: string, options: { cookie: string; json?: unknown }) => sendToBoth(a, b, method, path, options);

describe.skipIf(testPostgresUrl() === null)('action items on two server instances at once (PostgreSQL only)', () => {
  beforeEach(async () => {
    a = await createTestApp({ clock: () => NOW });
    b = openPeerApp(a);
    dsct = await a.compoundId('DSCT');
  });
  afterEach(async () => {
    await b.close();
    await a.close();
  });

  it('sign-offs on both instances at once: DSCT-2026-NNNN numbers stay gapless, each item signed off once, the ledger verifies', async () => {
    const cookie = await a.login('zhanzhang');
    // The property company's head resolves them; the station chief signs them off (nobody signs off what they resolved).
    const property = await a.login('wuye');
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const { id } = await json<{ id: string }>(
        await via(i).call('POST', `/api/compounds/${dsct}/action-items`, {
          cookie,
          json: { title: `${i + 1}号楼道灯不亮`, source: { kind: 'proposal' } },
        }),
        201,
      );
      await json(await via(i + 1).call('POST', `/api/action-items/${id}/resolve`, { cookie: property, json: { evidence: '已更换灯泡' } }), 200);
      ids.push(id);
    }
    const before = await a.deps.db.selectFrom('action_items').select('id').where('compound_id', '=', dsct).where('sign_off_number', 'is not', null).execute();
    const attempts = (
      await Promise.all(ids.map((id) => onBoth('POST', `/api/action-items/${id}/sign-off`, { cookie, json: { resolution: '已办结' } })))
    ).flat();
    expect(attempts.filter((r) => r.status === 200)).toHaveLength(10);
    for (const refused of attempts.filter((r) => r.status !== 200)) expect(await errorCode(refused)).toMatch(/^action_item_(conflict|bad_transition)$/);
    const numbers = (
      await a.deps.db
        .selectFrom('action_items')
        .select('sign_off_number')
        .where('compound_id', '=', dsct)
        .where('sign_off_number', 'like', 'DSCT-2026-%')
        .execute()
    )
      .map((r) => r.sign_off_number!)
      .sort();
    expect(numbers).toHaveLength(before.length + 10);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => `DSCT-2026-${String(i + 1).padStart(4, '0')}`));
    for (const instance of [a, b])
      expect(await json(await instance.call('GET', `/api/compounds/${dsct}/ledger/verify`, { cookie }), 200)).toMatchObject({ ok: true });
    const signedOffEntries = await a.deps.db
      .selectFrom('ledger_entries')
      .select('action_item_id')
      .where('kind', '=', 'signed_off')
      .where('action_item_id', 'in', ids)
      .execute();
    expect(signedOffEntries).toHaveLength(10);
  });

  it("a resident's rating tapped several times on both instances at once is kept once; the other taps are told it was already rated", async () => {
    const owner = await a.login('yezhu');
    const me = await a.deps.db.selectFrom('users').select('id').where('username', '=', 'yezhu').executeTakeFirstOrThrow();
    const rated = a.deps.db.selectFrom('action_item_ratings').select('action_item_id').where('user_id', '=', me.id);
    const item = await a.deps.db
      .selectFrom('action_items')
      .select('id')
      .where('compound_id', '=', dsct)
      .where('status', '=', 'signed_off')
      .where('raised_by_user_id', 'is', null)
      .where('id', 'not in', rated)
      .executeTakeFirstOrThrow();
    const taps = (
      await Promise.all(
        [0, 1, 2].map(() => onBoth('POST', `/api/action-items/${item.id}/rating`, { cookie: owner, json: { rating: 'satisfied', comment: '修得及时' } })),
      )
    ).flat();
    expect(statuses(taps)).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await errorCode(taps.find((r) => r.status === 409)!)).toBe('rating_duplicate');
    expect(
      await a.deps.db.selectFrom('action_item_ratings').select('id').where('action_item_id', '=', item.id).where('user_id', '=', me.id).execute(),
    ).toHaveLength(1);
  });

  it("ratings of items signed off the same day, sent at once to both instances, all land, and the day's counts stay true", async () => {
    const staff = await a.login('zhanzhang');
    const property = await a.login('wuye');
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const { id } = await json<{ id: string }>(
        await a.call('POST', `/api/compounds/${dsct}/action-items`, { cookie: staff, json: { title: `${i + 1}号楼电梯异响`, source: { kind: 'proposal' } } }),
        201,
      );
      await json(await b.call('POST', `/api/action-items/${id}/resolve`, { cookie: property, json: { evidence: '已维保' } }), 200);
      await json(await a.call('POST', `/api/action-items/${id}/sign-off`, { cookie: staff, json: { resolution: '已办结' } }), 200);
      ids.push(id);
    }
    // Three residents rate all twelve at once. Each new latest rating moves an item's count from one
    // row of the day's tallies to another, so these transactions take shared rows in varying orders.
    const residents = await Promise.all(['yezhu', 'yezhu2', 'jumin'].map((login) => a.login(login)));
    const taps = await Promise.all(
      residents.flatMap((cookie, r) =>
        ids.map((id, i) =>
          via(r + i).call('POST', `/api/action-items/${id}/rating`, {
            cookie,
            json: { rating: (r + i) % 2 === 0 ? 'satisfied' : 'basically_satisfied', comment: '' },
          }),
        ),
      ),
    );
    expect(statuses(taps)).toEqual(taps.map(() => 201));
    const ratings = await a.deps.db
      .selectFrom('action_item_ratings')
      .select(['action_item_id', 'rating', 'created_at', 'id'])
      .where('action_item_id', 'in', ids)
      .execute();
    expect(ratings).toHaveLength(36);
    // The tallies' rows for the day hold each of the twelve under its latest rating, once.
    const latest = new Map<string, (typeof ratings)[number]>();
    for (const r of ratings) {
      const held = latest.get(r.action_item_id);
      if (!held || r.created_at > held.created_at || (r.created_at === held.created_at && r.id > held.id)) latest.set(r.action_item_id, r);
    }
    const expected = { satisfied: 0, basically_satisfied: 0 } as Record<string, number>;
    for (const r of latest.values()) expected[r.rating]! += 1;
    const day = await a.deps.db.selectFrom('action_items').select('signed_off_at').where('id', '=', ids[0]!).executeTakeFirstOrThrow();
    const signedOn = new Date(Date.parse(day.signed_off_at!) + 8 * 3_600_000).toISOString().slice(0, 10);
    const tallies = await a.deps.db
      .selectFrom('sign_off_tallies')
      .select(['rating', 'count'])
      .where('compound_id', '=', dsct)
      .where('signed_on', '=', signedOn)
      .where('rating', 'in', ['satisfied', 'basically_satisfied'])
      .execute();
    const kept = { satisfied: 0, basically_satisfied: 0 } as Record<string, number>;
    for (const t of tallies) kept[t.rating]! += Number(t.count);
    expect(kept).toEqual(expected);
  });
});

/**
 * The navigator's missing units page by page (issue 18): walking every page gives the list computed
 * from the whole roll — each unit once, in the same order, with the same head figures — and a page of
 * an owners' vote reads the buildings it reaches, not the roll: its statements are the same on a
 * compound of 120 flats as with 300 more, and the one reading units names the page's building only.
 */
import { navigatorEndpoints, navigatorMissing, voteEndpoints, type NavigatorMissingPage } from '@yishi/core';
import type { LogEvent } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadActor } from '../services/auth.service.js';
import { openRoll, rollOf, sightOf } from '../services/vote-navigator.service.js';
import { placeOfVote } from '../services/vote-place.service.js';
import { insertBallotRows, syntheticBallot } from '../testing/synthetic-vote.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let staff: string;
let statements: Array<{ sql: string; parameters: readonly unknown[] }> | null = null;
const now = new Date('2026-11-21T02:00:00Z');
const log = (event: LogEvent) => {
  if (event.level === 'query') statements?.push({ sql: event.query.sql, parameters: event.query.parameters });
};
beforeEach(async () => {
  t = await createTestApp({ clock: () => now, log });
  dsct = await t.compoundId('DSCT');
  staff = await t.login('zhanzhang');
});
afterEach(() => t.close());

/** Flats in buildings 9 and 10 (sorted after the demo's 1–3): an owner of one flat in each, the developer's flats, equal rooms. */
function roster(extra: number): string {
  const lines = [
    '楼栋,单元,房号,面积,面积类型,业主,手机,开发商持有',
    '9,1,101,60.00,登记,甲一鸣,13966660001,否',
    '10,1,101,20.00,登记,甲一鸣,13966660001,否',
    '9,1,1001,40.00,登记,乙二芳,13966660002,否',
    '9,1,201,30.00,登记,,,是',
    '10,1,201,30.00,登记,,,是',
    '10,1,202,45.50,登记,丙三强,13966660003,否',
  ];
  for (let n = 0; n < extra; n++) lines.push(`${20 + Math.floor(n / 100)},1,${101 + (n % 100)},80.00,登记,业主${n},1377777${String(n).padStart(4, '0')},否`);
  return lines.join('\r\n');
}

async function importRoster(extra: number) {
  const res = await t.call('POST', `/api/compounds/${dsct}/roster`, {
    cookie: staff,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
    body: roster(extra),
  });
  expect(res.status).toBe(200);
}

async function openVote(): Promise<string> {
  const closesAt = new Date(now.getTime() + 3 * 86_400_000).toISOString();
  const body = { title: '加装电梯', kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt } as const;
  const { id } = await t.ok(voteEndpoints.create, { cookie: staff, params: { compoundId: dsct }, body });
  await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId: id } });
  return id;
}

/** Ballots of every third unit of the demo's buildings and of 甲's flat in 9栋, written straight into the table. */
async function someBallots(voteId: string): Promise<void> {
  const roll = await t.deps.db.selectFrom('vote_electorate').select(['unit_id', 'label']).where('vote_id', '=', voteId).orderBy('voter_key').execute();
  const voted = roll.filter((e, i) => (i % 3 === 0 && !/^(9|10)栋/.test(e.label)) || e.label === '9栋1单元101');
  await insertBallotRows(
    t.deps.db,
    voted.map((e, i) => syntheticBallot(voteId, i, { unitId: e.unit_id, personId: null }, ['yes'], now.toISOString())),
  );
}

async function walk(voteId: string, cookie: string, limit: number) {
  const items: NavigatorMissingPage['items'] = [];
  let after: string | undefined;
  do {
    const page = await t.ok(navigatorEndpoints.missing, { cookie, params: { voteId }, query: { after, limit } });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return items;
}

/** The missing list as computed from the whole roll (core navigatorMissing), as the caller sees it. */
async function fromWholeRoll(voteId: string, login: string) {
  const vote = await openRoll(t.deps, voteId);
  const user = await t.deps.db.selectFrom('users').select('id').where('username', '=', login).executeTakeFirstOrThrow();
  const actor = (await loadActor(t.deps, user.id))!;
  const sight = sightOf(actor, vote, (await placeOfVote(t.deps.db, voteId))!, undefined);
  return navigatorMissing(vote.electorate_kind, await rollOf(t.deps.db, vote, 'zh-CN'), sight.buildings).flatMap((g) =>
    g.units.map((u) => ({ ...u, buildingId: g.id, buildingName: g.name })),
  );
}

describe("the missing units of an owners' vote, page by page", () => {
  it('walking the pages gives the whole roll’s list: each unit once, same order, same heads', async () => {
    await importRoster(0);
    const voteId = await openVote();
    await someBallots(voteId);
    for (const [login, limit] of [
      ['zhanzhang', 5],
      ['zhanzhang', 1],
      ['loudong', 4],
    ] as const) {
      const cookie = await t.login(login);
      const pages = (await walk(voteId, cookie, limit)).map(({ people: _, ...u }) => u);
      const expected = await fromWholeRoll(voteId, login);
      expect(pages).toEqual(expected);
      expect(new Set(pages.map((u) => u.voterKey)).size).toBe(pages.length);
    }
    const all = await fromWholeRoll(voteId, 'zhanzhang');
    // 甲 voted in 9栋: his flat in 10栋 adds area only; the developer's flats are one head across buildings.
    expect(all.find((u) => u.label === '10栋1单元101')).toMatchObject({ headCounted: true, headUnits: 2 });
    const developer = all.filter((u) => u.developerHeld);
    expect(new Set(developer.map((u) => u.buildingName)).size).toBeGreaterThan(1);
    expect(new Set(developer.map((u) => u.headUnits))).toEqual(new Set([developer[0]!.headUnits]));
    // Rooms as people count them: 201 before 1001.
    const nine = all.filter((u) => u.buildingName === '9栋').map((u) => u.label);
    expect(nine.indexOf('9栋1单元201')).toBeLessThan(nine.indexOf('9栋1单元1001'));
    expect(nine.indexOf('9栋1单元201')).toBeGreaterThanOrEqual(0);
  });

  it('a page reads the buildings it reaches: the same statements with 300 more flats, units of its one building', async () => {
    const firstPage = async (voteId: string) => {
      await t.ok(navigatorEndpoints.missing, { cookie: staff, params: { voteId }, query: { limit: 7 } });
      statements = [];
      try {
        await t.ok(navigatorEndpoints.missing, { cookie: staff, params: { voteId }, query: { limit: 7 } });
        return statements;
      } finally {
        statements = null;
      }
    };
    const small = await firstPage(await openVote());
    await importRoster(300);
    const bigVote = await openVote();
    const big = await firstPage(bigVote);
    expect(big.map((s) => s.sql)).toEqual(small.map((s) => s.sql));
    const building1 = (await t.deps.db.selectFrom('buildings').select('id').where('compound_id', '=', dsct).where('name', '=', '1').executeTakeFirstOrThrow())
      .id;
    const units = big.filter((s) => s.sql.includes('from "units"') && s.sql.includes('"building_id" in'));
    expect(units).toHaveLength(1);
    expect(units[0]!.parameters).toContain(building1);
    expect(units[0]!.parameters.filter((p) => typeof p === 'string' && p !== bigVote && p !== building1)).toEqual([]);
    // The roll itself is read once per vote (the turnout's kept index), not by every page.
    expect(big.some((s) => /from "vote_electorate" where "vote_id" = \S+$/.test(s.sql.trim()))).toBe(false);
  });
});

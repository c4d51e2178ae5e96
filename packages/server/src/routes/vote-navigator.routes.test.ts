/**
 * The turnout navigator through the API: the gauge says exactly what is missing to 2/3 of the heads
 * and of the area (a multi-unit owner one head, the developer's units one head), organisers see every
 * building and building heads only their own, nobody ever sees a choice, and the visiting list holds
 * the units still to visit with a box to tick and no phone numbers.
 */
import { endpointUrl, groupMissingPages, navigatorEndpoints, rosterEndpoints, voteEndpoints, type BodyInput } from '@yishi/core';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let staff: string;
const now = new Date('2026-11-21T02:00:00Z');
beforeEach(async () => {
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
  staff = await t.login('zhanzhang');
});
afterEach(() => t.close());

/**
 * A new building 9栋 of 300.00 m² and 6 heads: 甲 owns 101 and 102 (one head), the developer holds 401
 * and 402 (one head together). 2/3 is exactly 200.00 m² and 4 heads.
 */
const BUILDING_9 = [
  '楼栋,单元,房号,面积,面积类型,业主,手机,开发商持有',
  '9,1,101,60.00,登记,甲一鸣,13966660001,否',
  '9,1,102,20.00,登记,甲一鸣,13966660001,否',
  '9,1,201,60.00,登记,乙二芳,13966660002,否',
  '9,1,202,40.01,登记,丙三强,13966660003,否',
  '9,1,301,40.00,登记,丁四海,13966660004,否',
  '9,1,302,19.99,登记,戊五娟,13966660005,否',
  '9,1,401,30.00,登记,,,是',
  '9,1,402,30.00,登记,,,是',
].join('\r\n');

async function importBuilding9() {
  const res = await t.call('POST', `/api/compounds/${dsct}/roster`, {
    cookie: staff,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
    body: BUILDING_9,
  });
  expect(res.status).toBe(200);
  const { items: units } = await t.ok(rosterEndpoints.units, { cookie: staff, params: { compoundId: dsct }, query: { limit: 200 } });
  const mine = units.filter((u) => u.building === '9');
  const building = await t.deps.db.selectFrom('buildings').select('id').where('compound_id', '=', dsct).where('name', '=', '9').executeTakeFirstOrThrow();
  return { buildingId: building.id, unit: (room: string) => mine.find((u) => u.room === room)! };
}

/** An owner of the roster with an account: a code issued at the service station, activated with a password, logged in. */
async function ownerLogin(unitId: string, personId: string, phone: string): Promise<string> {
  const issued = await t.call('POST', `/api/units/${unitId}/access-codes`, { cookie: staff, json: { personId } });
  expect(issued.status).toBe(201);
  const { code } = (await issued.json()) as { code: string };
  const password = `elevator-vote-${unitId.slice(-6)}`;
  const activated = await t.call('POST', '/api/activation', { json: { code, consent: true, password } });
  expect(activated.status, await activated.clone().text()).toBe(200);
  return t.login(phone, password);
}

/**
 * Art. 278's participation thresholds — 2/3 of the area and 2/3 of the heads — on a rule that opens
 * at once (an art. 278 matter first goes through its notice period: vote-timeline tests).
 */
const TWO_THIRDS = {
  kind: 'custom',
  basis: 'area_and_heads',
  participation: { num: 2, den: 3 },
  approval: { num: 1, den: 2 },
  approvalComparison: 'more_than',
} as const;

async function createVote(body: Partial<BodyInput<typeof voteEndpoints.create>>, open = true): Promise<string> {
  const { id } = await t.ok(voteEndpoints.create, {
    cookie: staff,
    params: { compoundId: dsct },
    body: {
      title: '9栋加装电梯',
      kind: 'yes_no',
      rule: TWO_THIRDS,
      closesAt: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
      ...body,
    },
  });
  if (open) await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId: id } });
  return id;
}

/** The demo's open vote on the whole compound. */
async function demoVote(): Promise<string> {
  const vote = t.deps.db.selectFrom('votes').select('id').where('compound_id', '=', dsct).where('title', '=', '利用小区共有场地建设电动自行车充电棚');
  return (await vote.executeTakeFirstOrThrow()).id;
}

const summary = (voteId: string, cookie = staff) => t.ok(navigatorEndpoints.summary, { cookie, params: { voteId } });
/** The whole missing list, read in pages of 7 (every test here pages through it) and grouped by building again. */
async function missing(voteId: string, cookie = staff, buildingId?: string) {
  const pages = [];
  let after: string | undefined;
  do {
    const page = await t.ok(navigatorEndpoints.missing, { cookie, params: { voteId }, query: { buildingId, after, limit: 7 } });
    expect(page.items.length).toBeLessThanOrEqual(7);
    pages.push(page);
    after = page.next ?? undefined;
  } while (after);
  return groupMissingPages(pages);
}

async function csvOf(voteId: string, cookie: string, buildingId?: string): Promise<string[][]> {
  const res = await t.call('GET', endpointUrl(navigatorEndpoints.visitingListCsv, { params: { voteId }, query: { buildingId } }), { cookie });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('走访清单')}`);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
}

describe('the gauge and the buildings', () => {
  it('says exactly how many heads and how much area are missing, down to reaching 2/3 exactly', async () => {
    const b9 = await importBuilding9();
    const voteId = await createVote({ buildingId: b9.buildingId, secret: false });
    const vote = async (room: string) => {
      const u = b9.unit(room);
      const owner = u.owners[0]!;
      const cookie = await ownerLogin(u.id, owner.personId, owner.phone!);
      expect((await t.api(voteEndpoints.castBallot, { cookie, params: { voteId }, body: { unitId: u.id, choices: ['yes'] } })).status).toBe(201);
    };
    const state = async () => {
      const s = await summary(voteId);
      return [s.gauge.headline['zh-CN'], s.buildings.map((b) => [b.name, b.voted, b.missingHeads, b.missingAreaCenti])];
    };

    const start = await summary(voteId);
    expect(start.gauge.electorate).toEqual({ voters: 8, heads: 6, areaCenti: 30_000 });
    expect(start.scope).toBe('all');
    // 1栋's building head has no say in 9栋's vote.
    expect((await t.api(navigatorEndpoints.summary, { cookie: await t.login('loudong'), params: { voteId } })).status).toBe(403);
    expect(await state()).toEqual(['还差 4 人 / 200.00 ㎡，才达到 2/3', [['9栋', 0, 6, 30_000]]]);

    await vote('101');
    expect(await state()).toEqual(['还差 3 人 / 140.00 ㎡，才达到 2/3', [['9栋', 1, 5, 24_000]]]);
    // 甲's second flat brings area but no head: he counts once.
    const afterFirst = await missing(voteId);
    expect(afterFirst.buildings[0]!.units.find((u) => u.label === '9栋1单元102')).toMatchObject({ headCounted: true, headUnits: 2 });
    await vote('102');
    expect(await state()).toEqual(['还差 3 人 / 120.00 ㎡，才达到 2/3', [['9栋', 2, 5, 22_000]]]);
    await vote('201');
    await vote('202');
    // 180.01 of 300.00 m² and 3 of 6 heads.
    expect(await state()).toEqual(['还差 1 人 / 19.99 ㎡，才达到 2/3', [['9栋', 4, 3, 11_999]]]);

    // The navigator's figures are the vote's own turnout.
    const view = await t.ok(voteEndpoints.get, { cookie: staff, params: { voteId } });
    const nav = await summary(voteId);
    expect(nav.gauge.participation).toEqual({ ballots: 4, heads: 3, areaCenti: 18_001 });
    expect(nav.gauge.progress).toEqual(view.turnout!.progress);

    // 200.00 m² and 4 heads: exactly 2/3 of each, which is enough (以上 includes the threshold).
    await vote('302');
    const reached = await summary(voteId);
    expect(reached.gauge.reached).toBe(true);
    expect(reached.gauge.progress.map((p) => p.missing)).toEqual([0, 0]);
    expect(reached.gauge.headline['zh-CN']).toBe('已达到参与门槛（面积和人数均 ≥ 2/3）');
    expect(reached.gauge.headline.en).toBe('Participation threshold reached (area and headcount both ≥ 2/3)');

    // The developer's two flats are one head, still missing; 丁 is the other.
    const left = await missing(voteId);
    expect(left.buildings[0]!.units.map((u) => [u.label, u.developerHeld, u.headUnits, u.people.map((p) => p.name)])).toEqual([
      ['9栋1单元301', false, 1, ['丁四海']],
      ['9栋1单元401', true, 2, []],
      ['9栋1单元402', true, 2, []],
    ]);
    expect((await summary(voteId)).buildings[0]!.missingHeads).toBe(2);

    // Never a choice, nor when or how anyone voted — not even for this named ballot once closed.
    expect((await t.api(voteEndpoints.close, { cookie: staff, params: { voteId } })).status).toBe(200);
    const roll = await t.ok(voteEndpoints.roll, { cookie: staff, params: { voteId }, query: { q: '9栋1单元101' } });
    expect(roll.items.find((e) => e.label === '9栋1单元101')?.choices).toEqual(['yes']);
    for (const path of [`/api/votes/${voteId}/navigator`, `/api/votes/${voteId}/navigator/missing`, `/api/votes/${voteId}/navigator/visiting-list.csv`]) {
      const text = await (await t.call('GET', path, { cookie: staff })).text();
      expect(text).not.toMatch(/choice|"yes"|同意|反对|channel|online|paper|castAt|cast_at|receipt|网上|纸质/i);
    }
  });

  it("places a residents' poll's persons in their buildings; a draft has no roll to visit yet", async () => {
    const draft = await createVote({}, false);
    const refused = await t.api(navigatorEndpoints.summary, { cookie: staff, params: { voteId: draft } });
    expect(refused.status).toBe(409);
    expect(refused.error?.message).toBe('该表决还是草稿，投票人名单尚未冻结，暂时没有可走访的名单');

    const voteId = await createVote({ electorateKind: 'residents', rule: { kind: 'simple_majority' } });
    const s = await summary(voteId);
    expect(s.buildings.map((b) => b.name)).toEqual(['1栋', '2栋', '3栋']);
    expect(s.buildings.reduce((sum, b) => sum + b.voters, 0)).toBe(s.gauge.electorate.voters);
    expect(s.gauge.headline['zh-CN']).toBe(`本规则不设参与门槛；已投票 0 / ${s.gauge.electorate.voters} 人`);
    const people = (await missing(voteId)).buildings.flatMap((b) => b.units.map((u) => u.people.length));
    expect(people.every((n) => n === 1)).toBe(true);
  });
});

describe('who sees what', () => {
  async function buildingId(name: string): Promise<string> {
    return (await t.deps.db.selectFrom('buildings').select('id').where('compound_id', '=', dsct).where('name', '=', name).executeTakeFirstOrThrow()).id;
  }

  it('organisers see every building with phones; a building head only their own, with names to ask for and no phones', async () => {
    const voteId = await demoVote();
    const all = await summary(voteId);
    expect(all.buildings.map((b) => b.name)).toEqual(['1栋', '2栋', '3栋']);
    expect(all.buildings.reduce((sum, b) => sum + b.voters, 0)).toBe(120);
    const staffList = await missing(voteId);
    expect(staffList.phones).toBe(true);
    // Pages of 7 hold what one page of 200 does, each unit once, in the same order (building, then label).
    const whole = await t.ok(navigatorEndpoints.missing, { params: { voteId }, cookie: staff, query: { limit: 200 } });
    expect(whole.next).toBeNull();
    expect(staffList).toEqual(groupMissingPages([whole]));
    const keys = staffList.buildings.flatMap((b) => b.units.map((u) => u.voterKey));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(all.buildings.reduce((sum, b) => sum + b.voters - b.voted, 0));
    expect(staffList.buildings.flatMap((b) => b.units.flatMap((u) => u.people)).some((p) => /^1\d{10}$/.test(p.phone ?? ''))).toBe(true);

    const loudong = await t.login('loudong');
    const mine = await summary(voteId, loudong);
    expect(mine.scope).toBe('own');
    expect(mine.buildings.map((b) => b.name)).toEqual(['1栋']);
    expect(mine.buildings[0]).toEqual(all.buildings[0]);
    // The gauge is the compound's (public turnout, as on the notice board).
    expect(mine.gauge).toEqual(all.gauge);
    const list = await missing(voteId, loudong);
    expect(list.phones).toBe(false);
    expect(list.buildings.map((b) => b.name)).toEqual(['1栋']);
    const people = list.buildings[0]!.units.flatMap((u) => u.people);
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((p) => p.phone === null && p.name.length > 0)).toBe(true);
    expect(JSON.stringify(list)).not.toMatch(/1[3-9]\d{9}/);

    // Another building, by name in the query: refused, as JSON and as a file.
    const other = await buildingId('2');
    expect((await t.api(navigatorEndpoints.missing, { cookie: loudong, params: { voteId }, query: { buildingId: other } })).status).toBe(403);
    const file = await t.call('GET', endpointUrl(navigatorEndpoints.visitingListXlsx, { params: { voteId }, query: { buildingId: other } }), {
      cookie: loudong,
    });
    expect(file.status).toBe(403);
    // A building of another compound is not one of this vote's.
    const elsewhere = await t.deps.db
      .selectFrom('buildings')
      .select('id')
      .where('compound_id', '=', await t.compoundId('CY'))
      .executeTakeFirstOrThrow();
    expect((await t.api(navigatorEndpoints.missing, { cookie: staff, params: { voteId }, query: { buildingId: elsewhere.id } })).status).toBe(404);

    // Owners and the four parties' representatives have no navigator.
    for (const who of ['yezhu', 'zhujian'])
      expect((await t.api(navigatorEndpoints.summary, { cookie: await t.login(who), params: { voteId } })).status).toBe(403);
  });
});

describe('the visiting list', () => {
  it('lists the units still to visit, grouped by building, with a box to tick and never a phone', async () => {
    const b9 = await importBuilding9();
    const voteId = await createVote({});
    const u = b9.unit('101');
    const cookie = await ownerLogin(u.id, u.owners[0]!.personId, u.owners[0]!.phone!);
    await t.ok(voteEndpoints.castBallot, { cookie, params: { voteId }, body: { unitId: u.id, choices: ['no'] } });

    const rows = await csvOf(voteId, staff, b9.buildingId);
    expect(rows[0]).toEqual(['楼栋', '房屋', '面积（平方米）', '业主', '说明', '已走访（打勾）', '走访情况']);
    expect(rows.slice(1)).toEqual([
      ['9栋', '9栋1单元102', '20.00', '甲一鸣', '业主已通过其他房屋参与：此户投票只增加面积', '☐', ''],
      ['9栋', '9栋1单元201', '60.00', '乙二芳', '', '☐', ''],
      ['9栋', '9栋1单元202', '40.01', '丙三强', '', '☐', ''],
      ['9栋', '9栋1单元301', '40.00', '丁四海', '', '☐', ''],
      ['9栋', '9栋1单元302', '19.99', '戊五娟', '', '☐', ''],
      ['9栋', '9栋1单元401', '30.00', '开发商', '开发商持有（未售或未交付）：所有此类房屋合计 1 人', '☐', ''],
      ['9栋', '9栋1单元402', '30.00', '开发商', '开发商持有（未售或未交付）：所有此类房屋合计 1 人', '☐', ''],
    ]);
    // Even the organiser's download carries no phone: the list goes to building heads.
    expect(rows.flat().join()).not.toMatch(/1396666/);

    // All buildings: grouped by building in the order people count them.
    const everything = await csvOf(voteId, staff);
    const buildings = everything.slice(1).map((r) => r[0]);
    expect([...new Set(buildings)]).toEqual(['1栋', '2栋', '3栋', '9栋']);
    expect(buildings.length).toBe((await summary(voteId)).buildings.reduce((sum, b) => sum + b.voters - b.voted, 0));

    // In English for an English reader.
    const res = await t.call('GET', endpointUrl(navigatorEndpoints.visitingListCsv, { params: { voteId }, query: { buildingId: b9.buildingId } }), {
      cookie: staff,
      headers: { 'accept-language': 'en' },
    });
    expect((await res.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Building,Unit,Area (m²),Owners,Note,Visited (tick),Outcome of the visit');
  });

  it('as Excel: one sheet per building, headed by the vote, areas as numbers', async () => {
    const voteId = await demoVote();
    const loudong = await t.login('loudong');
    const res = await t.call('GET', endpointUrl(navigatorEndpoints.visitingListXlsx, { params: { voteId } }), { cookie: loudong });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(navigatorEndpoints.visitingListXlsx.produces);
    const sheets = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
    expect(sheets.map((s) => s.sheet)).toEqual(['1栋']);
    const [title, header, ...units] = sheets[0]!.data;
    expect(String(title![0])).toMatch(/^利用小区共有场地建设电动自行车充电棚 · 1栋未投票 \d+ 户 · 截至 2026-11-21 10:00$/);
    expect(header).toEqual(['楼栋', '房屋', '面积（平方米）', '业主', '说明', '已走访（打勾）', '走访情况']);
    const navigator = await summary(voteId, loudong);
    expect(units).toHaveLength(navigator.buildings[0]!.voters - navigator.buildings[0]!.voted);
    expect(units.every((row) => row[0] === '1栋' && typeof row[2] === 'number' && row[5] === '☐')).toBe(true);
    const area = units.reduce((sum, row) => sum + Math.round((row[2] as number) * 100), 0);
    expect(area).toBe(navigator.buildings[0]!.missingAreaCenti);
  });
});

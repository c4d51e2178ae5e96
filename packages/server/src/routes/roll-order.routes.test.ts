/**
 * A vote's frozen roll in the order people count, as the roster is (roster-order.routes.test.ts): 2栋
 * before 10栋, room 101 before 1001 — on the roll a page at a time (the management page's table and the
 * flat finder of the paper-ballot and proxy forms), narrowed to the text typed, in the roll's CSV and on
 * the published roll check, across page boundaries (small pages, the cursor carrying the sort key); and
 * grids in number order (第二网格 before 第十网格), on SQLite and on PostgreSQL (scripts/test-pg.sh).
 * Text order had 1001 before 101, 10栋 before 2栋 and 第十二网格 before 第十网格.
 */
import { endpointUrl, objectionEndpoints, proxyEndpoints, staffEndpoints, voteEndpoints, voteTimelineEndpoints } from '@yishi/core';
import { uploadVotePhoto } from '../testing/paper-slips.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let cy: string;
let staff: string;
const now = new Date('2026-11-21T02:00:00Z');
beforeEach(async () => {
  t = await createTestApp({ clock: () => now });
  cy = await t.compoundId('CY'); // the demo's 翠苑: building 1 (第一网格), entrance 1, rooms 101–602
  staff = await t.login('cuiyuan'); // its station chief
  // Listed out of order, so the import's order proves nothing.
  const rows = [
    '楼栋,单元,房号,面积,业主,手机,网格',
    '10,1,1001,90,甲一,13911120001,第十网格',
    '10,1,201,90,甲二,13911120002,第十网格',
    '12,1,101,90,甲三,13911120003,第十二网格',
    '10,1,101,90,甲四,13911120004,第十网格',
    '2,12,1001,90,乙一,13911120005,第二网格',
    '2,12,101,90,乙二,13911120006,第二网格',
    '3,1,101,90,乙三,13911120007,第三网格',
    '2,3,1001,90,乙四,13911120008,第二网格',
    '2,3,201,90,乙五,13911120010,第二网格',
    '2,3,101,90,乙六,13911120011,第二网格',
  ];
  const imported = await t.call('POST', `/api/compounds/${cy}/roster`, { cookie: staff, body: rows.join('\n'), headers: { 'content-type': 'text/csv' } });
  expect(imported.status, await imported.clone().text()).toBe(200);
}, 60_000);
afterEach(() => t.close());

const DEMO = ['101', '102', '201', '202', '301', '302', '401', '402', '501', '502', '601', '602'].map((room) => `1栋1单元${room}`);
const OURS = [
  '2栋3单元101',
  '2栋3单元201',
  '2栋3单元1001',
  '2栋12单元101',
  '2栋12单元1001',
  '3栋1单元101',
  '10栋1单元101',
  '10栋1单元201',
  '10栋1单元1001',
  '12栋1单元101',
];

async function openVote(): Promise<string> {
  const { id } = await t.ok(voteEndpoints.create, {
    cookie: staff,
    params: { compoundId: cy },
    body: { title: '是否同意更换小区门禁系统', kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt: '2026-11-24T02:00:00.000Z' },
  });
  await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId: id } });
  return id;
}

/** Every label of the roll, read `limit` at a time as the flat finder does, and how many pages that took. */
async function rollLabels(voteId: string, limit: number, q?: string) {
  const labels: string[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const page = await t.ok(voteEndpoints.roll, { cookie: staff, params: { voteId }, query: { limit, after, q } });
    labels.push(...page.items.map((e) => e.label));
    after = page.next ?? undefined;
    pages++;
  } while (after);
  return { labels, pages };
}

describe('roll order', () => {
  it('the roll a page at a time lists buildings, entrances and rooms in number order, and so does the flat finder', async () => {
    const voteId = await openVote();
    const all = await rollLabels(voteId, 3);
    expect(all.labels).toEqual([...DEMO, ...OURS]);
    expect(all.pages).toBe(Math.ceil((DEMO.length + OURS.length) / 3));

    // The flat finder of the paper-ballot and proxy forms: the labels holding the text typed, two a page.
    expect((await rollLabels(voteId, 2, '1001')).labels).toEqual(['2栋3单元1001', '2栋12单元1001', '10栋1单元1001']);
    expect((await rollLabels(voteId, 1, '单元101')).labels).toEqual([
      '1栋1单元101',
      '2栋3单元101',
      '2栋12单元101',
      '3栋1单元101',
      '10栋1单元101',
      '12栋1单元101',
    ]);
  });

  it('the whole roll (its CSV) comes in the same order', async () => {
    const voteId = await openVote();
    const res = await t.call('GET', endpointUrl(voteEndpoints.rollCsv, { params: { voteId } }), { cookie: staff });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([...DEMO, ...OURS]);
  });

  it('the published roll check pages in the same order, its heads numbered in it', async () => {
    const { id: voteId } = await t.ok(voteEndpoints.create, {
      cookie: staff,
      params: { compoundId: cy },
      body: { title: '是否同意使用专项维修资金', kind: 'yes_no', rule: { kind: 'art278', matter: 5 }, closesAt: '2026-12-21T02:00:00.000Z' },
    });
    await t.ok(voteTimelineEndpoints.announce, { cookie: staff, params: { voteId } });
    const seen: Array<[string, number]> = [];
    let after: string | undefined;
    do {
      const page = await t.ok(objectionEndpoints.rollCheck, { params: { voteId }, query: { limit: 4, after } });
      seen.push(...page.entries.map((e): [string, number] => [e.label, e.headNumber]));
      after = page.next ?? undefined;
    } while (after);
    expect(seen.map(([label]) => label)).toEqual([...DEMO, ...OURS]);
    // Every owner here holds one flat: the heads are numbered 1, 2, 3 … down the roll.
    expect(seen.map(([, head]) => head)).toEqual(seen.map((_, i) => i + 1));
  });
  it("an authorisation's flats are listed in number order on staff's list of authorisations", async () => {
    const voteId = await openVote();
    const roll = await t.deps.db.selectFrom('vote_electorate').select(['unit_id', 'label']).where('vote_id', '=', voteId).execute();
    const unitOf = (label: string) => roll.find((e) => e.label === label)!.unit_id!;
    await t.ok(proxyEndpoints.createInPerson, {
      cookie: staff,
      params: { voteId },
      body: {
        unitIds: [unitOf('10栋1单元1001')],
        principalPhone: '13911120001',
        proxyPhone: '13800000002',
        formPhotoId: await uploadVotePhoto(t, staff, voteId),
      },
    });
    // Two more flats of the same authorisation (an owner of several flats; the roster here gives each owner one).
    const proxy = await t.deps.db.selectFrom('vote_proxies').select('id').where('vote_id', '=', voteId).executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto('vote_proxy_units')
      .values(
        ['2栋12单元101', '10栋1单元201'].map((label) => ({ proxy_id: proxy.id, vote_id: voteId, unit_id: unitOf(label), label, withdrawn_receipt_code: null })),
      )
      .execute();
    const listed = await t.ok(proxyEndpoints.list, { cookie: staff, params: { voteId }, query: {} });
    // Text order had 10栋1单元1001 first and 2栋 last.
    expect(listed.items[0]!.units.map((u) => u.label)).toEqual(['2栋12单元101', '10栋1单元201', '10栋1单元1001']);
  });
});

describe('grid order', () => {
  it("the staff page's places list a compound's grids in number order, Chinese numerals read as numbers", async () => {
    const { places } = await t.ok(staffEndpoints.overview, { cookie: staff });
    expect(places.filter((p) => p.kind === 'grid').map((p) => p.label)).toEqual(
      ['第一网格', '第二网格', '第三网格', '第十网格', '第十二网格'].map((grid) => `翠苑小区 ${grid}`),
    );
    expect(places.filter((p) => p.kind === 'building').map((p) => p.label)).toEqual(['1栋', '2栋', '3栋', '10栋', '12栋'].map((b) => `翠苑小区 ${b}`));
  });
});

import { actionItemEndpoints, ledgerEndpoints, meetingEndpoints, type BodyInput } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let cy: string;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-16T02:00:00.000Z'); // Monday 10:00 in China
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
  cy = await t.compoundId('CY');
});
afterEach(() => t.close());

const item = (itemId: string) => ({ params: { itemId } });

// Numbering and list tests run in 翠苑 (CY), which the demo seed leaves empty; 都市春天 has seeded items.
function listItem(cookie: string, title = '3栋门口路灯不亮', extra: Partial<BodyInput<typeof actionItemEndpoints.create>> = {}, compoundId = cy) {
  return t.ok(actionItemEndpoints.create, {
    cookie,
    params: { compoundId },
    body: {
      title,
      description: '居民夜谈提出',
      source: { kind: 'council_outcome' },
      responsibleUnit: 'property_manager',
      ...extra,
    },
  });
}

/** One account reports the item resolved, another checks and signs it off (the resolver may not: sign_off_by_resolver). */
async function resolveAndSign(resolver: string, signer: string, id: string) {
  await t.ok(actionItemEndpoints.resolve, { cookie: resolver, ...item(id), body: { evidence: '已更换灯泡' } });
  return t.ok(actionItemEndpoints.signOff, { cookie: signer, ...item(id), body: { resolution: '路灯已修复，居民确认' } });
}

describe('action items', () => {
  it('lists an item due in 5 working days and signs it off with CY-2026-0001, then 0002', async () => {
    const cookie = await t.login('cuiyuan');
    const community = await t.login('shequ');
    const listed = await listItem(cookie);
    expect(listed).toMatchObject({ status: 'open', dueDate: '2026-11-23', dueDateProvisional: false, overdue: false });

    const progressed = await t.api(actionItemEndpoints.progress, { cookie, ...item(listed.id), body: { text: '已联系物业电工' } });
    expect(progressed.status).toBe(201);
    expect(progressed.data?.status).toBe('in_progress');

    expect((await resolveAndSign(cookie, community, listed.id)).signOffNumber).toBe('CY-2026-0001');
    const second = await listItem(cookie, '垃圾桶破损');
    expect((await resolveAndSign(cookie, community, second.id)).signOffNumber).toBe('CY-2026-0002');

    // Signing off twice is refused and uses up no number.
    const again = await t.api(actionItemEndpoints.signOff, { cookie: community, ...item(listed.id), body: { resolution: 'x' } });
    expect(again.status).toBe(422);
    const third = await listItem(cookie, '楼道堆物');
    expect((await resolveAndSign(cookie, community, third.id)).signOffNumber).toBe('CY-2026-0003');
  });

  it('refuses to sign off an item that is not resolved, and lets only station officials sign', async () => {
    const chief = await t.login('zhanzhang');
    const listed = await listItem(chief, '路灯', {}, dsct);
    const signOff = async (login: string) =>
      t.api(actionItemEndpoints.signOff, { cookie: await t.login(login), ...item(listed.id), body: { resolution: '好了' } });
    const early = await t.api(actionItemEndpoints.signOff, { cookie: chief, ...item(listed.id), body: { resolution: '好了' } });
    expect(early.status).toBe(422);
    expect(early.error?.code).toBe('action_item_bad_transition');
    await t.ok(actionItemEndpoints.resolve, { cookie: chief, ...item(listed.id), body: { evidence: '已修' } });
    // wangge is a deputy as well; the owners' representative party_rep alone may not sign.
    expect((await signOff('zhujian')).status).toBe(403);
    expect((await signOff('yezhu')).status).toBe(403);
    expect((await signOff('cuiyuan')).status).toBe(403); // station chief of the other compound
    expect((await signOff('wangge')).status).toBe(200);
  });

  it('refuses the sign-off to whoever reported the item resolved, writing nothing; another official of the station signs it off', async () => {
    const property = await t.login('wuye'); // 副站长（物业负责人）: a station official, who may sign off others' work
    const chief = await t.login('zhanzhang');
    const listed = await listItem(chief, '4栋单元门禁损坏', {}, dsct);
    await t.ok(actionItemEndpoints.resolve, { cookie: property, ...item(listed.id), body: { evidence: '门禁已更换' } });
    expect(await t.ok(actionItemEndpoints.get, { cookie: property, ...item(listed.id) })).toMatchObject({ view: 'staff', resolvedByMe: true });
    expect(await t.ok(actionItemEndpoints.get, { cookie: chief, ...item(listed.id) })).toMatchObject({ view: 'staff', resolvedByMe: false });

    const db = t.deps.db;
    const written = async () => ({
      counters: await db.selectFrom('sign_off_counters').selectAll().orderBy('compound_id').orderBy('year').execute(),
      heads: await db.selectFrom('ledger_heads').selectAll().orderBy('compound_id').execute(),
      entries: (await db.selectFrom('ledger_entries').select('kind').where('action_item_id', '=', listed.id).orderBy('seq').execute()).map((e) => e.kind),
    });
    const before = await written();
    expect(before.entries).toEqual(['listed']);
    const refused = await t.api(actionItemEndpoints.signOff, { cookie: property, ...item(listed.id), body: { resolution: '门禁正常' } });
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe('sign_off_by_resolver');
    expect(refused.error?.message).toBe('这件事是您报的办结，不能由您自己销号：销号是对办理结果的核实，请由服务站、社区或街道的其他工作人员核实后销号。');
    // Nor may they send it back to themselves (退回重办 is the checker's finding).
    const sentBack = await t.api(actionItemEndpoints.return, { cookie: property, ...item(listed.id), body: { reason: '再看看' } });
    expect(sentBack.status).toBe(403);
    expect(sentBack.error?.code).toBe('return_by_resolver');
    expect(sentBack.error?.message).toMatch(/^这件事是您报的办结，不能由您自己退回重办/);
    // Nothing written: no number used up, no ledger entry, the item still waits with nothing on its timeline.
    expect(await written()).toEqual(before);
    const waiting = await t.ok(actionItemEndpoints.get, { cookie: chief, ...item(listed.id) });
    expect(waiting).toMatchObject({ view: 'staff', status: 'resolved', signOffNumber: null });
    expect(waiting.view === 'staff' && waiting.updates.map((u) => u.kind)).toEqual(['resolved']);

    // The station chief checks it and signs it off, with the next number (the demo seed used 0001 to 0003).
    const signed = await t.ok(actionItemEndpoints.signOff, { cookie: chief, ...item(listed.id), body: { resolution: '门禁正常' } });
    expect(signed.signOffNumber).toBe('DSCT-2026-0004');
    expect((await written()).entries).toEqual(['listed', 'signed_off']);

    // Sent back and resolved again by someone else, the item may be signed off by the first resolver: the latest resolver counts.
    const green = await listItem(chief, '1栋楼道灯不亮', { triage: 'green' }, dsct);
    await t.ok(actionItemEndpoints.resolve, { cookie: property, ...item(green.id), body: { evidence: '已换灯泡' } });
    await t.ok(actionItemEndpoints.return, { cookie: chief, ...item(green.id), body: { reason: '2楼的灯还不亮' } });
    const gridWorker = await t.login('wangge'); // green: the grid worker solves it at once; he is also a deputy of the station
    await t.ok(actionItemEndpoints.resolve, { cookie: gridWorker, ...item(green.id), body: { evidence: '2楼灯泡也已更换' } });
    const own = await t.api(actionItemEndpoints.signOff, { cookie: gridWorker, ...item(green.id), body: { resolution: '楼道灯正常' } });
    expect(own.error?.code).toBe('sign_off_by_resolver');
    expect((await t.ok(actionItemEndpoints.signOff, { cookie: property, ...item(green.id), body: { resolution: '楼道灯正常' } })).signOffNumber).toBe(
      'DSCT-2026-0005',
    );
  });

  it('flags overdue items and suggests escalating them', async () => {
    let cookie = await t.login('shequ');
    const listed = await listItem(cookie);
    now = new Date('2026-11-24T02:00:00.000Z'); // the day after the due date
    cookie = await t.login('shequ'); // the week-old session has lapsed
    const list = await t.ok(actionItemEndpoints.list, { cookie, params: { compoundId: cy }, query: { overdue: '1' } });
    expect(list.items.map((i) => i.id)).toEqual([listed.id]);
    expect(list.items[0]).toMatchObject({ overdue: true, triage: 'yellow', suggestedTriage: 'red' });
    const board = await t.ok(actionItemEndpoints.board, { params: { compoundId: cy } });
    expect(board.counts.overdue).toBe(1);
    expect(board.items[0]?.overdue).toBe(true);
  });

  it('flags a deadline that runs into a year without holiday data', async () => {
    now = new Date('2026-12-28T02:00:00.000Z');
    const listed = await listItem(await t.login('shequ'));
    expect(listed.dueDateProvisional).toBe(true);
  });

  it('escalates and de-escalates by the rules, recording each change', async () => {
    const listed = await listItem(await t.login('shequ'), '路灯', {}, dsct);
    const staff = await t.login('shequ');
    const toRed = await t.api(actionItemEndpoints.triage, { cookie: staff, ...item(listed.id), body: { to: 'red', reason: '需住建局处理' } });
    expect(toRed.status).toBe(403); // community staff cannot make it red
    const chief = await t.login('zhanzhang');
    const red = await t.ok(actionItemEndpoints.triage, { cookie: chief, ...item(listed.id), body: { to: 'red', reason: '需住建局处理' } });
    expect(red.triage).toBe('red');
    expect(red.updates.find((u) => u.kind === 'triage')).toMatchObject({ from: 'yellow', to: 'red' });
    const skip = await t.api(actionItemEndpoints.triage, { cookie: chief, ...item(listed.id), body: { to: 'green', reason: '已解决' } });
    expect(skip.error?.code).toBe('triage_skip');
  });

  it('a resident reports a concern; the board shows it without personal data; a dissatisfied rating reopens it', async () => {
    const resident = await t.login('jumin');
    const concern = await t.api(actionItemEndpoints.reportConcern, {
      cookie: resident,
      params: { compoundId: dsct },
      body: { title: '2栋电梯异响', description: '我住2-1-602，电话13900000000，电梯每天异响', urgency: 'complex' },
    });
    expect(concern.status).toBe(201);
    expect(concern.data?.mine).toBe(true);
    const concernId = concern.data!.id;
    // The raw answer, not the parsed one: nothing personal may be in it at all.
    const boardText = await (await t.call('GET', `/api/public/compounds/${dsct}/action-items`)).text();
    expect(boardText).toContain('2栋电梯异响');
    expect(boardText).not.toContain('13900000000');
    expect(boardText).not.toContain('2-1-602');
    expect(boardText).not.toMatch(/raised_?by|jumin/i);

    const staff = await t.login('zhanzhang');
    const detail = await t.ok(actionItemEndpoints.get, { cookie: staff, ...item(concernId) });
    expect(detail.response).toMatchObject({ onSiteBy: '2026-11-16T02:10:00.000Z', resolveBy: '2026-11-16T06:00:00.000Z' });
    const property = await t.login('wuye');
    const signed = await resolveAndSign(property, staff, concernId);

    // Someone else may not rate a concern they did not raise.
    const other = await t.api(actionItemEndpoints.rate, { cookie: await t.login('yezhu'), ...item(concernId), body: { rating: 'satisfied' } });
    expect(other.status).toBe(403);
    now = new Date('2026-11-18T02:00:00.000Z');
    const rated = await t.ok(actionItemEndpoints.rate, { cookie: resident, ...item(concernId), body: { rating: 'dissatisfied', comment: '还在响' } });
    expect(rated.reopened).toBe(true);
    const reopened = await t.ok(actionItemEndpoints.get, { cookie: staff, ...item(concernId) });
    expect(reopened).toMatchObject({ view: 'staff', status: 'in_progress', signOffNumber: null, reopenCount: 1 });
    // The next sign-off gets a new number; the old one is never reused.
    const again = await resolveAndSign(property, staff, concernId);
    const seqOf = (n: string) => Number(n.split('-')[2]);
    expect(seqOf(again.signOffNumber)).toBe(seqOf(signed.signOffNumber) + 1);
    const ledger = await t.ok(ledgerEndpoints.entries, { cookie: staff, params: { compoundId: dsct } });
    expect(ledger.items.filter((e) => e.actionItemId === concernId).map((e) => e.kind)).toEqual(['listed', 'signed_off', 'reopened', 'signed_off']);
  });

  it('a resident sees their own concerns and, on an item, the public view with their rating', async () => {
    const resident = await t.login('jumin');
    const mine = await t.ok(actionItemEndpoints.myConcerns, { cookie: resident, params: { compoundId: dsct } });
    // The seed's lift concern was raised by jumin, signed off and rated by them.
    const lift = mine.items.find((i) => i.title === '2栋电梯运行异响');
    expect(lift).toMatchObject({ mine: true, status: 'signed_off', description: '' });
    const seen = await t.ok(actionItemEndpoints.get, { cookie: resident, ...item(lift!.id) });
    expect(seen).toMatchObject({ view: 'resident', mine: true, myRating: { rating: 'satisfied' } });
    expect(seen.view === 'resident' && seen.progress.every((u) => u.author === null)).toBe(true);
  });

  it('only owners and residents of the compound may report concerns', async () => {
    const body = { title: 't', description: 'd' };
    expect((await t.api(actionItemEndpoints.reportConcern, { cookie: await t.login('cuiyuan'), params: { compoundId: dsct }, body })).status).toBe(403);
    expect((await t.api(actionItemEndpoints.reportConcern, { params: { compoundId: dsct }, body })).status).toBe(401);
  });

  it('reconciles a meeting from its action items', async () => {
    const cookie = await t.login('shequ');
    const talk = await t.ok(meetingEndpoints.create, {
      cookie,
      params: { compoundId: cy },
      body: { kind: 'evening_talk', title: '翠苑居民夜谈', startsAt: '2026-11-20T11:00:00.000Z', place: '翠苑服务站' },
    });
    const meetingId = talk.meeting.id;
    const a = await listItem(cookie, '事项一', { source: { kind: 'council_outcome', meetingId } });
    await listItem(cookie, '事项二', { source: { kind: 'council_outcome', meetingId } });
    await resolveAndSign(await t.login('cuiyuan'), cookie, a.id);
    const rec = await t.ok(actionItemEndpoints.reconciliation, { cookie, params: { meetingId } });
    expect(rec.counts).toMatchObject({ actionItems: 2, signedOff: 1 });
    expect(rec.reconciled).toBe(false);
    expect(rec.meeting).toMatchObject({ id: meetingId, kind: 'evening_talk' });
    expect(rec.otherItems.map((i) => i.signOffNumber).sort()).toEqual(['CY-2026-0001', null]);
    expect((await t.api(actionItemEndpoints.reconciliation, { cookie, params: { meetingId: 'nope' } })).status).toBe(404);
  });

  it('the demo seed gives 都市春天 numbered, rated, in-progress and overdue items on an intact ledger', async () => {
    const board = await t.ok(actionItemEndpoints.board, { params: { compoundId: dsct } });
    expect(
      board.items
        .map((i) => i.signOffNumber)
        .filter(Boolean)
        .sort(),
    ).toEqual(['DSCT-2026-0001', 'DSCT-2026-0002', 'DSCT-2026-0003']);
    expect(board.counts.overdue).toBeGreaterThanOrEqual(1);
    expect(board.items[0]?.overdue).toBe(true); // overdue items come first
    expect(board.items.filter((i) => i.status === 'in_progress').length).toBeGreaterThanOrEqual(2);
    expect(board.items.reduce((n, i) => n + i.ratingSummary.satisfied + i.ratingSummary.basically_satisfied, 0)).toBe(3);
    const verified = await t.ok(ledgerEndpoints.verify, { cookie: await t.login('zhanzhang'), params: { compoundId: dsct } });
    expect(verified.ok).toBe(true);
  });
});

/**
 * The roll check's correction requests and the 询异 disputes, through the API, on the seeded compound
 * with an injected clock; the vote moves through its stages by the timeline's own endpoints.
 */
import { objectionEndpoints, voteEndpoints, voteTimelineEndpoints, type BodyInput } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDisputeCount } from '../services/ballot-disputes.service.js';
import { openRollObjectionCount } from '../services/roll-objections.service.js';
import { tieRollLabels } from '../testing/page-through.js';
import { enterConfirmedPaperBallot } from '../testing/paper-slips.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { unitIdOf } from '../testing/units.js';

const DAY = 86_400_000;
let t: TestApp;
let dsct: string;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-21T02:00:00Z');
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
  // Seeding the demo takes a few seconds, longer on a loaded machine.
}, 60_000);
afterEach(() => t.close());

const unitId = (label: string) => unitIdOf(t.deps.db, dsct, label);

/** The ids of one of the two lists, read a page of `limit` at a time as a client does, and how many pages that took. */
async function pageObjections(cookie: string, voteId: string, list: 'roll' | 'disputes', limit = 1) {
  const ids: string[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const page = await t.ok(objectionEndpoints.objections, { cookie, params: { voteId }, query: { list, limit, after } });
    const [part, other] = list === 'roll' ? [page.rollObjections, page.disputes] : [page.disputes, page.rollObjections];
    expect(other).toEqual({ items: [], next: null });
    ids.push(...part.items.map((i) => i.id));
    after = part.next ?? undefined;
    pages++;
  } while (after);
  return { ids, pages };
}

/** An art. 278 vote announced through the API: its roll frozen and published for checking for 7 days, voting from day 15. */
async function announcedVote(staff: string, closesInDays = 30): Promise<string> {
  const { id } = await t.ok(voteEndpoints.create, {
    cookie: staff,
    params: { compoundId: dsct },
    body: {
      title: '是否同意使用专项维修资金更换1栋电梯',
      kind: 'yes_no',
      rule: { kind: 'art278', matter: 5 },
      secret: false,
      closesAt: new Date(now.getTime() + closesInDays * DAY).toISOString(),
    },
  });
  await t.ok(voteTimelineEndpoints.announce, { cookie: staff, params: { voteId: id } });
  return id;
}

/** The notice period over: voting opens (sessions idle that long have ended: staff sign in again). */
async function openAfterNotice(voteId: string): Promise<string> {
  now = new Date(now.getTime() + 15 * DAY);
  const staff = await t.login('zhanzhang');
  await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId } });
  return staff;
}

const raise = (cookie: string, voteId: string, body: BodyInput<typeof objectionEndpoints.raiseRollObjection>) =>
  t.api(objectionEndpoints.raiseRollObjection, { cookie, params: { voteId }, body });
const resolveObjection = (cookie: string, voteId: string, objectionId: string, body: BodyInput<typeof objectionEndpoints.resolveRollObjection>) =>
  t.api(objectionEndpoints.resolveRollObjection, { cookie, params: { voteId, objectionId }, body });
const dispute = (cookie: string, voteId: string, body: BodyInput<typeof objectionEndpoints.raiseDispute>) =>
  t.api(objectionEndpoints.raiseDispute, { cookie, params: { voteId }, body });
const resolveDispute = (cookie: string, voteId: string, disputeId: string, body: BodyInput<typeof objectionEndpoints.resolveDispute>) =>
  t.api(objectionEndpoints.resolveDispute, { cookie, params: { voteId, disputeId }, body });

async function noticesOf(voteId: string, kind: string) {
  return t.deps.db.selectFrom('vote_notices').selectAll().where('vote_id', '=', voteId).where('kind', '=', kind).execute();
}

async function noticeKindsOf(username: string): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .innerJoin('notification_events', 'notification_events.id', 'notifications.event_id')
    .select('notification_events.kind')
    .where('users.username', '=', username)
    .execute();
  return rows.map((r) => r.kind);
}

describe('the roll check (名册核对)', () => {
  it('publishes the roll without names, shows an owner their own entries with names, and says how heads count', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await announcedVote(staff);
    const anonymous = await t.ok(objectionEndpoints.rollCheck, { params: { voteId }, query: { limit: 200 } });
    expect(anonymous.entries).toHaveLength(anonymous.totals.units);
    expect(anonymous.next).toBeNull();
    expect(anonymous.accepting).toBe(true);
    expect(anonymous.entries.every((e) => e.ownerNames === null && !e.mine)).toBe(true);
    expect(JSON.stringify(anonymous)).not.toContain('王建国');
    expect(anonymous.headRulesText['zh-CN']).toContain('开发商未售出的房屋合计计为 1 人');
    // 王建国 owns 1-1-301 and 2-2-502: one head for both.
    const wang = anonymous.entries.filter((e) => e.label === '1栋1单元301' || e.label === '2栋2单元502');
    expect(wang.map((e) => e.headRule)).toEqual(['same_owner', 'same_owner']);
    expect(new Set(wang.map((e) => e.headNumber)).size).toBe(1);
    expect(anonymous.totals.heads).toBe(new Set(anonymous.entries.map((e) => e.headNumber)).size);
    // The demo's six unsold DSCT flats (demo-foundation.seed.ts) are the developer's: one head together.
    const developer = anonymous.entries.filter((e) => e.developerHeld);
    expect(developer).toHaveLength(6);
    expect(new Set(developer.map((e) => e.headNumber)).size).toBe(1);

    const owner = await t.login('yezhu');
    const mine = await t.ok(objectionEndpoints.rollCheck, { cookie: owner, params: { voteId }, query: { limit: 200 } });
    const own = [
      ['1栋1单元301', ['王建国']],
      ['2栋2单元502', ['王建国']],
    ];
    expect(mine.entries.filter((e) => e.mine).map((e) => [e.label, e.ownerNames])).toEqual(own);
    // Their own entries come with every page, wherever they are in the roll.
    const small = await t.ok(objectionEndpoints.rollCheck, { cookie: owner, params: { voteId }, query: { limit: 1, q: '3栋' } });
    expect(small.mine.map((e) => [e.label, e.ownerNames])).toEqual(own);
    expect(small.entries.every((e) => e.label.includes('3栋'))).toBe(true);

    // A residents' poll lists people by name: its roll is never published.
    const poll = await t.ok(voteEndpoints.create, {
      cookie: staff,
      params: { compoundId: dsct },
      body: {
        title: '是否同意增设快递柜',
        kind: 'yes_no',
        electorateKind: 'residents',
        rule: { kind: 'simple_majority' },
        closesAt: new Date(now.getTime() + 3 * DAY).toISOString(),
      },
    });
    await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId: poll.id } });
    const refused = await t.api(objectionEndpoints.rollCheck, { params: { voteId: poll.id } });
    expect(refused.error?.code).toBe('roll_check_owners_only');
  });

  it('takes an objection from the owner of the unit, refuses another owner and the end of the period, with words naming it', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await announcedVote(staff);
    const ends = new Date(now.getTime() + 7 * DAY).toISOString();
    const unit = await unitId('1-1-301');
    const owner = await t.login('yezhu');
    const raised = await raise(owner, voteId, { voterKey: unit, kind: 'area_wrong', text: '房产证面积是 98.76 平方米', claimedAreaCenti: 9876 });
    expect(raised.status).toBe(201);
    expect(raised.data).toMatchObject({ status: 'open', unitLabel: '1栋1单元301', claimedAreaCenti: 9876, raisedByName: '王建国' });
    expect(await openRollObjectionCount(t.deps.db, voteId)).toBe(1);

    const other = await raise(await t.login('yezhu2'), voteId, { voterKey: unit, kind: 'not_mine', text: '这不是我的' });
    expect(other.status).toBe(403);
    expect(other.error?.code).toBe('roll_objection_not_own');

    now = new Date(Date.parse(ends) + 1000);
    const late = await raise(await t.login('yezhu'), voteId, { voterKey: unit, kind: 'other', text: '还有一个问题' });
    expect(late.status).toBe(409);
    expect(late.error?.code).toBe('roll_check_ended');
    expect(late.error?.message).toContain('2026-11-28 10:00');
  });

  it('an upheld correction changes the frozen roll (before and after recorded, a notice published, the owner told) and hence the tally', async () => {
    let staff = await t.login('zhanzhang');
    const voteId = await announcedVote(staff);
    const unit = await unitId('1-1-301');
    let owner = await t.login('yezhu');
    const entry = async () =>
      t.deps.db.selectFrom('vote_electorate').select(['area_centi']).where('vote_id', '=', voteId).where('voter_key', '=', unit).executeTakeFirstOrThrow();
    const before = (await entry()).area_centi;
    const raised = await raise(owner, voteId, { voterKey: unit, kind: 'area_wrong', text: '面积应为 150.00 平方米', claimedAreaCenti: 15000 });

    // Staff only; the reason is required.
    expect((await resolveObjection(owner, voteId, raised.data!.id, { outcome: 'upheld', reason: '我自己认定', correction: { areaCenti: 15000 } })).status).toBe(
      403,
    );
    const noCorrection = await resolveObjection(staff, voteId, raised.data!.id, { outcome: 'upheld', reason: '核对房产证' });
    expect(noCorrection.error?.code).toBe('roll_correction_missing');
    const upheld = await resolveObjection(staff, voteId, raised.data!.id, {
      outcome: 'upheld',
      reason: '核对房产证，面积为 150.00 平方米',
      correction: { areaCenti: 15000 },
    });
    expect(upheld.status).toBe(200);
    expect(upheld.data).toMatchObject({ status: 'upheld', before: { areaCenti: before }, after: { areaCenti: 15000 } });
    expect((await entry()).area_centi).toBe(15000);
    expect(await openRollObjectionCount(t.deps.db, voteId)).toBe(0);
    const again = await resolveObjection(staff, voteId, raised.data!.id, { outcome: 'rejected', reason: '再处理一次' });
    expect(again.error?.code).toBe('objection_already_resolved');

    const [notice] = await noticesOf(voteId, 'roll_correction');
    expect(JSON.parse(notice!.body_json)['zh-CN']).toContain(`面积由 ${(before / 100).toFixed(2)} 平方米更正为 150.00 平方米`);
    expect(await noticeKindsOf('yezhu')).toContain('roll_objection_resolved');
    const check = await t.ok(objectionEndpoints.rollCheck, { params: { voteId } });
    expect(check.corrections).toHaveLength(1);
    expect(check.corrections[0]).toMatchObject({ raisedByName: null, text: '', after: { areaCenti: 15000 } });

    // The corrected area is what the tally counts: the owner votes, the vote closes, the area is 150.00.
    staff = await openAfterNotice(voteId);
    owner = await t.login('yezhu');
    expect((await t.api(voteEndpoints.castBallot, { cookie: owner, params: { voteId }, body: { unitId: unit, choices: ['yes'] } })).status).toBe(201);
    await t.ok(voteEndpoints.close, { cookie: staff, params: { voteId } });
    const view = await t.ok(voteEndpoints.get, { cookie: staff, params: { voteId } });
    expect(view.result!.options.find((o) => o.id === 'yes')!.areaCenti).toBe(15000);
  });

  it('a rejection is recorded with its reason and shown to the owner; another owner sees none, staff see all; voting opens only once all are resolved', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await announcedVote(staff);
    const owner = await t.login('yezhu');
    const a = await raise(owner, voteId, { voterKey: await unitId('2-2-502'), kind: 'owner_missing', text: '我妻子也是共有人' });
    now = new Date(now.getTime() + 60_000);
    const b = await raise(owner, voteId, { voterKey: await unitId('1-1-301'), kind: 'area_wrong', text: '面积不对' });
    const rejected = await resolveObjection(staff, voteId, a.data!.id, { outcome: 'rejected', reason: '不动产登记簿只登记王建国一人' });
    expect(rejected.data).toMatchObject({ status: 'rejected', resolutionReason: '不动产登记簿只登记王建国一人', before: null, after: null });
    const own = await t.ok(objectionEndpoints.objections, { cookie: owner, params: { voteId } });
    expect(own.canResolve).toBe(false);
    expect(own.rollObjections.items.map((o) => [o.kind, o.status, o.resolutionReason])).toEqual([
      ['owner_missing', 'rejected', '不动产登记簿只登记王建国一人'],
      ['area_wrong', 'open', ''],
    ]);
    // Another owner sees none of them; staff see both with who raised them.
    expect((await t.ok(objectionEndpoints.objections, { cookie: await t.login('yezhu2'), params: { voteId } })).rollObjections.items).toEqual([]);
    const all = await t.ok(objectionEndpoints.objections, { cookie: staff, params: { voteId } });
    expect(all.rollObjections.items.map((o) => o.raisedByName)).toEqual(['王建国', '王建国']);
    expect([own.openRollObjections, all.openRollObjections]).toEqual([1, 1]);
    // A page at a time, both raised at one instant: the id breaks the tie, each shown once.
    await t.deps.db.updateTable('roll_objections').set({ created_at: now.toISOString() }).where('vote_id', '=', voteId).execute();
    expect(await pageObjections(staff, voteId, 'roll')).toEqual({ ids: all.rollObjections.items.map((o) => o.id).sort(), pages: 2 });
    expect(await openRollObjectionCount(t.deps.db, voteId)).toBe(1);
    expect(b.data!.status).toBe('open');

    // The notice period over, voting does not open while a request is unanswered; once it is, it does.
    now = new Date(now.getTime() + 15 * DAY);
    const chief = await t.login('zhanzhang');
    const refused = await t.api(voteEndpoints.open, { cookie: chief, params: { voteId } });
    expect(refused.status).toBe(409);
    expect(refused.error?.code).toBe('roll_objections_unresolved');
    expect(refused.error?.message).toBe('还有 1 条名册更正申请未处理，处理完毕后才能开始投票');
    await resolveObjection(chief, voteId, b.data!.id, { outcome: 'rejected', reason: '经核对，不动产登记簿记载面积无误' });
    expect(await t.ok(voteEndpoints.open, { cookie: chief, params: { voteId } })).toEqual({ ok: true });
  });
});

describe('询异: disputes of published ballots', () => {
  async function closedWithBallots() {
    const voteId = await announcedVote(await t.login('zhanzhang'));
    const staff = await openAfterNotice(voteId);
    const owner = await t.login('yezhu');
    const online = await t.ok(voteEndpoints.castBallot, { cookie: owner, params: { voteId }, body: { unitId: await unitId('1-1-301'), choices: ['yes'] } });
    const paper = await enterConfirmedPaperBallot(t, voteId, await t.login('fuzhan'), staff, { unitId: await unitId('3-1-201'), choices: ['no'] });
    await t.ok(voteEndpoints.close, { cookie: staff, params: { voteId } });
    const ends = (await t.deps.db.selectFrom('votes').select('objection_ends_at').where('id', '=', voteId).executeTakeFirstOrThrow()).objection_ends_at!;
    expect(Date.parse(ends)).toBe(now.getTime() + 7 * DAY);
    return { staff, owner, voteId, ends, onlineReceipt: online.receiptCode, paperReceipt: paper.receiptCode };
  }

  it('takes a dispute by receipt code within the window (typed loosely), refuses an unknown receipt and one after the window', async () => {
    const { owner, voteId, ends, paperReceipt } = await closedWithBallots();
    const typed = paperReceipt.toLowerCase().replace(/-/g, ' ');
    const raised = await dispute(owner, voteId, { receiptCode: typed, kind: 'not_voted', text: '3栋1单元201 的业主说他没有投票' });
    expect(raised.status).toBe(201);
    expect(raised.data).toMatchObject({ receiptCode: paperReceipt, paperBallot: true, status: 'open' });
    expect(await openDisputeCount(t.deps.db, voteId)).toBe(1);

    const unknown = await dispute(owner, voteId, { receiptCode: '0000-0000-0000', kind: 'other', text: '?' });
    expect(unknown.status).toBe(404);
    expect(unknown.error?.code).toBe('dispute_receipt_unknown');
    expect(unknown.error?.message).toContain('0000-0000-0000');
    // Only owners on the roll: a resident is refused by role.
    expect((await dispute(await t.login('jumin'), voteId, { receiptCode: paperReceipt, kind: 'other', text: '?' })).status).toBe(403);

    now = new Date(Date.parse(ends) + 1);
    const late = await dispute(await t.login('yezhu'), voteId, { receiptCode: paperReceipt, kind: 'other', text: '晚了' });
    expect(late.error?.code).toBe('dispute_window_ended');
  });

  it('an upheld dispute of a paper ballot entered wrongly appends a corrected log entry, keeps the old ballot and changes the preliminary result; the owner is told', async () => {
    const { staff, owner, voteId, paperReceipt } = await closedWithBallots();
    const yesBefore = (await t.ok(voteEndpoints.get, { cookie: staff, params: { voteId } })).result!.options.find((o) => o.id === 'yes')!;
    const raised = await dispute(owner, voteId, { receiptCode: paperReceipt, kind: 'wrong_choice', text: '纸质票上写的是同意，公示为反对' });
    expect(await openDisputeCount(t.deps.db, voteId)).toBe(1);

    const upheld = await resolveDispute(staff, voteId, raised.data!.id, {
      outcome: 'upheld',
      reason: '核对签字选票原件，勾选的是同意',
      correctedChoices: ['yes'],
    });
    expect(upheld.status).toBe(200);
    expect(upheld.data).toMatchObject({ status: 'upheld', correctedChoices: ['yes'], correctedChoiceLabels: ['同意'] });
    expect(await openDisputeCount(t.deps.db, voteId)).toBe(0);

    const log = await t.deps.db.selectFrom('ballot_log').selectAll().where('vote_id', '=', voteId).orderBy('position').execute();
    const last = log.at(-1)!;
    expect(last).toMatchObject({ kind: 'corrected', receipt_code: paperReceipt, supersedes: paperReceipt, channel: 'paper', choices_json: '["yes"]' });
    expect(upheld.data!.correctionLogPosition).toBe(last.position);
    const history = await t.deps.db.selectFrom('ballot_history').select(['choices_json']).where('vote_id', '=', voteId).execute();
    expect(history.map((h) => h.choices_json)).toContain('["no"]');

    const yesAfter = (await t.ok(voteEndpoints.get, { cookie: staff, params: { voteId } })).result!.options.find((o) => o.id === 'yes')!;
    expect(yesAfter.ballots).toBe(yesBefore.ballots! + 1);
    const receipts = await t.ok(voteEndpoints.receipts, { params: { voteId } });
    expect(receipts.items.find((r) => r.receiptCode === paperReceipt)!.choices).toEqual(['yes']);
    const [notice] = await noticesOf(voteId, 'corrected_result');
    expect(JSON.parse(notice!.body_json)['zh-CN']).toContain(`回执码 ${paperReceipt}`);
    expect(await noticeKindsOf('yezhu')).toContain('ballot_dispute_resolved');
  });

  it('a rejection is recorded with its reason; an online ballot cannot be corrected; the final result waits while a dispute is open', async () => {
    const { staff, owner, voteId, ends, onlineReceipt } = await closedWithBallots();
    const a = await dispute(owner, voteId, { receiptCode: onlineReceipt, kind: 'not_mine', text: '这张回执不是我的' });
    now = new Date(now.getTime() + 60_000);
    const b = await dispute(owner, voteId, { receiptCode: onlineReceipt, kind: 'wrong_choice', text: '我选的是反对' });
    expect(await openDisputeCount(t.deps.db, voteId)).toBe(2);
    expect(a.data!.paperBallot).toBe(false);
    const wrongKind = await resolveDispute(staff, voteId, a.data!.id, { outcome: 'upheld', reason: '改一下', correctedChoices: ['no'] });
    expect(wrongKind.error?.code).toBe('dispute_correction_paper_only');
    const rejected = await resolveDispute(staff, voteId, a.data!.id, { outcome: 'rejected', reason: '投票记录显示该回执由您的账号在 11 月 21 日网上投出' });
    expect(rejected.data).toMatchObject({ status: 'rejected', resolutionReason: '投票记录显示该回执由您的账号在 11 月 21 日网上投出', correctedChoices: null });
    expect(await openDisputeCount(t.deps.db, voteId)).toBe(1);
    const mine = await t.ok(objectionEndpoints.objections, { cookie: owner, params: { voteId } });
    expect(mine.disputes.items.map((d) => d.status)).toEqual(['rejected', 'open']);
    expect(mine.openDisputes).toBe(1);
    await t.deps.db.updateTable('ballot_disputes').set({ created_at: now.toISOString() }).where('vote_id', '=', voteId).execute();
    expect(await pageObjections(owner, voteId, 'disputes')).toEqual({ ids: mine.disputes.items.map((d) => d.id).sort(), pages: 2 });
    expect((await t.api(objectionEndpoints.objections, { cookie: owner, params: { voteId }, query: { list: 'ballots' as 'roll' } })).error?.message).toContain(
      'roll',
    );
    expect(mine.disputesOpen).toBe(true);
    // The window over, the final result waits for the open dispute; once it is resolved, it is published.
    now = new Date(Date.parse(ends) + 1);
    const chief = await t.login('zhanzhang');
    const refused = await t.api(voteTimelineEndpoints.finalise, { cookie: chief, params: { voteId } });
    expect(refused.status).toBe(409);
    expect(refused.error?.code).toBe('vote_open_disputes');
    await resolveDispute(chief, voteId, b.data!.id, { outcome: 'upheld', reason: '已与业主当面核对，网上选票系业主本人所投；已向业主说明' });
    expect(await openDisputeCount(t.deps.db, voteId)).toBe(0);
    expect(await t.ok(voteTimelineEndpoints.finalise, { cookie: chief, params: { voteId } })).toEqual({ ok: true });
  });

  it('a vote that is not an owners-assembly vote has no 询异 window; an open one has not reached it', async () => {
    const staff = await t.login('zhanzhang');
    const owner = await t.login('yezhu');
    const poll = await t.ok(voteEndpoints.create, {
      cookie: staff,
      params: { compoundId: dsct },
      body: { title: '是否同意增设快递柜', kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt: new Date(now.getTime() + 3 * DAY).toISOString() },
    });
    await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId: poll.id } });
    const pollReceipt = (
      await t.ok(voteEndpoints.castBallot, { cookie: owner, params: { voteId: poll.id }, body: { unitId: await unitId('1-1-301'), choices: ['yes'] } })
    ).receiptCode;
    expect((await dispute(owner, poll.id, { receiptCode: pollReceipt, kind: 'other', text: '?' })).error?.code).toBe('dispute_not_statutory');

    const voteId = await announcedVote(staff);
    await openAfterNotice(voteId);
    const again = await t.login('yezhu');
    const receipt = (await t.ok(voteEndpoints.castBallot, { cookie: again, params: { voteId }, body: { unitId: await unitId('1-1-301'), choices: ['yes'] } }))
      .receiptCode;
    expect((await dispute(again, voteId, { receiptCode: receipt, kind: 'other', text: '?' })).error?.code).toBe('dispute_window_not_open');
  });
});

describe('the published roll a page at a time', () => {
  it('pages through every entry once in label order, ties on the label included, and narrows to the labels typed', async () => {
    const staff = await t.login('zhanzhang');
    const voteId = await announcedVote(staff);
    // Five entries share one label: the voter key breaks the tie, so a page boundary inside them loses or repeats none.
    await tieRollLabels(t.deps.db, voteId, 5, '%单元30%');
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await t.ok(objectionEndpoints.rollCheck, { params: { voteId }, query: { limit: 3, after } });
      seen.push(...page.entries.map((e) => `${e.label}|${e.voterKey}`));
      after = page.next ?? undefined;
      pages++;
    } while (after);
    const whole = await t.ok(objectionEndpoints.rollCheck, { params: { voteId }, query: { limit: 200 } });
    expect(seen).toHaveLength(whole.totals.units);
    expect(new Set(seen).size).toBe(whole.totals.units);
    expect(seen.slice(0, 5).every((k) => k.startsWith('0同名|'))).toBe(true);
    expect(pages).toBe(Math.ceil(whole.totals.units / 3));

    const typed = await t.ok(objectionEndpoints.rollCheck, { params: { voteId }, query: { q: '单元30' } });
    expect(typed.matching).toBe(typed.entries.length);
    expect(typed.entries.length).toBeGreaterThan(1);
    expect(typed.entries.every((e) => e.label.includes('单元30'))).toBe(true);
    expect((await t.api(objectionEndpoints.rollCheck, { params: { voteId }, query: { after: 'bm90LWEtY3Vyc29y' } })).status).toBe(400);
  });
});

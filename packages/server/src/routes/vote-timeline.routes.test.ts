import { notificationEndpoints, voteEndpoints, voteTimelineEndpoints, type BodyInput } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeOwedNotices } from '../services/notification-worker.js';
import { settleDueVotes } from '../services/votes.service.js';
import { listUrl, pageThrough, repeated } from '../testing/page-through.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

const DAY = 86_400_000;
let t: TestApp;
let dsct: string;
let now: Date;
beforeEach(async () => {
  // 10:00 Beijing time.
  now = new Date('2026-11-21T02:00:00Z');
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
  // Seeding the demo takes seconds on a busy machine.
}, 30_000);
afterEach(() => t.close());

const later = (days: number) => new Date(now.getTime() + days * DAY);

async function createArt278(cookie: string, extra: Partial<BodyInput<typeof voteEndpoints.create>> = {}) {
  const created = await t.ok(voteEndpoints.create, {
    cookie,
    params: { compoundId: dsct },
    body: { title: '使用专项维修资金维修屋面防水', kind: 'yes_no', rule: { kind: 'art278', matter: 5 }, closesAt: later(30).toISOString(), ...extra },
  });
  return created.id;
}

/** Login names with an in-app notice of `kind` about the vote (a vote's notices written first, as the worker does after the commit). */
async function noticed(kind: string, voteId: string): Promise<number> {
  await writeOwedNotices(t.deps);
  const rows = await t.deps.db
    .selectFrom('notifications as n')
    .innerJoin('notification_events as e', 'e.id', 'n.event_id')
    .select('n.id')
    .where('n.kind', '=', kind as never)
    .where('e.subject_id', '=', voteId)
    .execute();
  return rows.length;
}

const view = (cookie: string, voteId: string) => t.ok(voteEndpoints.get, { cookie, params: { voteId } });

describe('the statutory timeline of an art. 278 vote', () => {
  it('announce → opening refused before 15 days (naming the date) → open → extend with a reason → close with a preliminary result → final after the 询异 window', async () => {
    let staff = await t.login('zhanzhang');
    let owner = await t.login('yezhu');
    // Sessions expire while the clock moves on by days: log in again at each new time.
    const at = async (time: Date) => {
      now = time;
      [staff, owner] = [await t.login('zhanzhang'), await t.login('yezhu')];
    };
    const voteId = await createArt278(staff);
    const draft = await view(staff, voteId);
    expect(draft.timeline).toMatchObject({ statutory: true, phase: 'draft', notices: [] });

    // A statutory draft cannot open without its notice.
    const direct = await t.api(voteEndpoints.open, { cookie: staff, params: { voteId } });
    expect(direct.status).toBe(409);
    expect(direct.error?.code).toBe('vote_needs_announcement');
    expect(direct.error?.message).toContain('投票通知公告');

    await t.ok(voteTimelineEndpoints.announce, { cookie: staff, params: { voteId } });
    const announced = await view(owner, voteId);
    expect(announced.vote.status).toBe('announced');
    expect(announced.vote.opensAt).toBe(later(15).toISOString());
    expect(announced.timeline.phase).toBe('roll_check');
    expect(announced.timeline.rollCheckEndsAt).toBe(later(7).toISOString());
    expect(announced.timeline.summary['zh-CN']).toBe('投票将于 12月6日 10:00 开始；在此之前请核对名册（核对期至 11月28日 10:00）。');
    expect(announced.mine.length).toBeGreaterThan(0);
    expect(announced.timeline.notices.map((n) => n.kind)).toEqual(['announcement']);
    expect(announced.timeline.notices[0]!.body['zh-CN']).toMatch(/投票时间：12月6日 10:00 至 12月21日 10:00.*名册核对期至 11月28日 10:00/);
    expect(await noticed('vote_announced', voteId)).toBeGreaterThan(0);
    // The owner is told when voting opens and until when to check the roll, with a link to the vote.
    const { items } = await t.ok(notificationEndpoints.list, { cookie: owner, query: { limit: 100 } });
    const told = items.find((n) => n.kind === 'vote_announced' && n.path === `/votes/${voteId}`);
    expect(told?.title['zh-CN']).toBe('投票通知：使用专项维修资金维修屋面防水');
    expect(told?.body['zh-CN']).toContain('将于12月6日 10:00开始投票');
    expect(told?.body['zh-CN']).toContain('名册核对期至11月28日 10:00');
    // The roll is frozen at the announcement.
    const rollSize = (await t.ok(voteEndpoints.roll, { cookie: staff, params: { voteId } })).items.length;
    expect(rollSize).toBeGreaterThan(0);

    // No ballots before voting opens; no opening before the 15 days are over, with the date.
    const early = await t.api(voteEndpoints.castBallot, { cookie: owner, params: { voteId }, body: { unitId: announced.mine[0]!.voterKey, choices: ['yes'] } });
    expect(early.error?.code).toBe('vote_not_open');
    await at(later(10));
    const refused = await t.api(voteEndpoints.open, { cookie: staff, params: { voteId } });
    expect(refused.status).toBe(409);
    expect(refused.error?.code).toBe('vote_notice_period');
    expect(refused.error?.message).toBe('业主大会表决须在投票通知公告满 15 日后方可开始投票（《物业管理条例》第十四条）；最早可于 2026-12-06 10:00 开始投票');
    const refusedEn = await t.api(voteEndpoints.open, { cookie: staff, params: { voteId }, headers: { 'accept-language': 'en' } });
    expect(refusedEn.error?.message).toContain('it can open from 2026-12-06 10:00');
    // The organiser's button says the same: not yet.
    expect((await view(staff, voteId)).timeline.mayOpenNow).toBe(false);

    // On its day the scheduler opens it.
    await at(new Date('2026-12-06T02:00:00Z'));
    await settleDueVotes(t.deps);
    expect((await view(owner, voteId)).timeline.phase).toBe('voting');
    expect(
      (await t.api(voteEndpoints.castBallot, { cookie: owner, params: { voteId }, body: { unitId: announced.mine[0]!.voterKey, choices: ['yes'] } })).status,
    ).toBe(201);

    // Extension: a reason of at least 4 characters, a later closing time; published and told.
    const extend = (body: BodyInput<typeof voteTimelineEndpoints.extend>) => t.api(voteTimelineEndpoints.extend, { cookie: staff, params: { voteId }, body });
    const short = await extend({ closesAt: later(20).toISOString(), reason: ' 太短 ' });
    expect(short.status).toBe(400);
    expect(short.error?.message).toBe('请写明延期理由（至少 4 个字），理由会随延期公示一起公布');
    const sooner = await extend({ closesAt: later(5).toISOString(), reason: '参与面积尚未达到三分之二' });
    expect(sooner.error?.code).toBe('vote_extend_not_later');
    expect(sooner.error?.message).toBe('延期后的截止时间须晚于原截止时间 2026-12-21 10:00');
    expect((await extend({ closesAt: later(20).toISOString(), reason: '参与面积尚未达到三分之二' })).status).toBe(200);
    const extended = await view(owner, voteId);
    expect(extended.vote.closesAt).toBe(later(20).toISOString());
    expect(extended.timeline.notices.map((n) => [n.kind, n.reason])).toEqual([
      ['announcement', ''],
      ['extension', '参与面积尚未达到三分之二'],
    ]);
    expect(await noticed('vote_extended', voteId)).toBeGreaterThan(0);

    // Closing: a preliminary result and the 询异 window; nobody is told a result yet.
    expect((await t.api(voteEndpoints.close, { cookie: staff, params: { voteId } })).status).toBe(200);
    const closed = await view(owner, voteId);
    expect(closed.timeline.phase).toBe('objection');
    expect(closed.timeline.objectionEndsAt).toBe(later(7).toISOString());
    expect(closed.timeline.notices.at(-1)).toMatchObject({ kind: 'preliminary_result' });
    expect(closed.timeline.notices.at(-1)!.body['zh-CN']).toMatch(/实际参与 1 人.*询异期至 12月13日 10:00/);
    expect(closed.result).not.toBeNull();
    expect(await noticed('vote_result', voteId)).toBe(0);

    const tooSoon = await t.api(voteTimelineEndpoints.finalise, { cookie: staff, params: { voteId } });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.error?.message).toBe('询异期至 2026-12-13 10:00 结束，期满后方可公布最终结果');
    expect((await view(staff, voteId)).timeline.mayFinaliseNow).toBe(false);

    await at(later(8));
    await t.ok(voteTimelineEndpoints.finalise, { cookie: staff, params: { voteId } });
    const final = await view(owner, voteId);
    expect(final.timeline.phase).toBe('final');
    expect(final.timeline.stages.every((s) => s.state === 'done')).toBe(true);
    expect(await noticed('vote_result', voteId)).toBeGreaterThan(0);
    expect((await t.api(voteTimelineEndpoints.finalise, { cookie: staff, params: { voteId } })).error?.code).toBe('vote_not_preliminary');

    // The board lists the notices, newest first.
    const { items: notices, profile } = await t.ok(voteTimelineEndpoints.publicNotices, { params: { compoundId: dsct }, query: { limit: 200 } });
    expect(profile['zh-CN']).toContain('满 15 日方可开始投票');
    expect(notices.filter((n) => n.voteId === voteId).map((n) => n.kind)).toEqual(['final_result', 'preliminary_result', 'extension', 'announcement']);
    expect(notices[0]!.voteTitle).toBe('使用专项维修资金维修屋面防水');
    // A page at a time: four more notices published at the same instant as the latest (notices are append-only) — the id breaks the tie, each shown once.
    const latest = await t.deps.db.selectFrom('vote_notices').selectAll().where('id', '=', notices[0]!.id).executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto('vote_notices')
      .values(['t1', 't2', 't3', 't4'].map((tail) => ({ ...latest, id: `${latest.id}${tail}` })))
      .execute();
    const stored = await t.deps.db.selectFrom('vote_notices').select('id').where('compound_id', '=', dsct).execute();
    const paged = await pageThrough<{ id: string }>((after) => t.call('GET', listUrl(`/public/compounds/${dsct}/vote-notices`, { after, limit: 2 })));
    expect(repeated(paged.items.map((n) => n.id))).toEqual([]);
    expect(paged.items.map((n) => n.id).sort()).toEqual(stored.map((n) => n.id).sort());
    expect(paged.pages).toBe(Math.ceil(stored.length / 2));
    expect((await t.ok(voteTimelineEndpoints.publicNotices, { params: { compoundId: dsct } })).items).toHaveLength(Math.min(6, stored.length));
  });

  it('refuses an announcement whose opening is inside the notice period, and lets the scheduler finalise after the window', async () => {
    let staff = await t.login('zhanzhang');
    const tooSoon = await createArt278(staff, { opensAt: later(10).toISOString() });
    const refused = await t.api(voteTimelineEndpoints.announce, { cookie: staff, params: { voteId: tooSoon } });
    expect(refused.status).toBe(409);
    expect(refused.error?.message).toContain('最早可于 2026-12-06 10:00 开始投票');
    // Other votes follow no timeline.
    const poll = (
      await t.ok(voteEndpoints.create, {
        cookie: staff,
        params: { compoundId: dsct },
        body: { title: '小区活动时间征询', kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt: later(3).toISOString() },
      })
    ).id;
    expect((await t.api(voteTimelineEndpoints.announce, { cookie: staff, params: { voteId: poll } })).error?.code).toBe('vote_not_statutory');
    expect((await view(staff, poll)).timeline).toMatchObject({ statutory: false, phase: 'draft' });

    const voteId = await createArt278(staff);
    await t.ok(voteTimelineEndpoints.announce, { cookie: staff, params: { voteId } });
    now = later(15);
    staff = await t.login('zhanzhang');
    await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId } });
    now = later(16);
    await settleDueVotes(t.deps);
    staff = await t.login('zhanzhang');
    expect((await view(staff, voteId)).timeline.phase).toBe('objection');
    now = later(8);
    await settleDueVotes(t.deps);
    staff = await t.login('zhanzhang');
    const final = await view(staff, voteId);
    expect(final.timeline.phase).toBe('final');
    expect(final.timeline.notices.at(-1)?.kind).toBe('final_result');
  });
});

describe("the compound's vote periods", () => {
  it('defaults, limits (never a notice under 15 days), organisers only, and a new notice follows them', async () => {
    const staff = await t.login('zhanzhang');
    const owner = await t.login('yezhu');
    const settings = await t.ok(voteTimelineEndpoints.settings, { cookie: owner, params: { compoundId: dsct } });
    expect(settings).toMatchObject({ periods: { noticeDays: 15, rollCheckDays: 7, objectionDays: 7, proxyCap: 1 }, custom: false, canManage: false });
    expect(settings.profile['zh-CN']).toContain('投票通知公告后满 15 日方可开始投票');

    const put = (cookie: string, body: BodyInput<typeof voteTimelineEndpoints.changeSettings>) =>
      t.api(voteTimelineEndpoints.changeSettings, { cookie, params: { compoundId: dsct }, body });
    expect((await put(staff, { noticeDays: 14, rollCheckDays: 7, objectionDays: 7, proxyCap: 1 })).status).toBe(400);
    expect((await put(staff, { noticeDays: 20, rollCheckDays: 2, objectionDays: 7, proxyCap: 1 })).status).toBe(400);
    expect((await put(owner, { noticeDays: 20, rollCheckDays: 10, objectionDays: 10, proxyCap: 2 })).status).toBe(403);
    const changed = await put(staff, { noticeDays: 20, rollCheckDays: 10, objectionDays: 10, proxyCap: 2 });
    expect(changed.data).toMatchObject({ periods: { noticeDays: 20, rollCheckDays: 10 }, custom: true, canManage: true });
    expect(changed.data!.profile.en).toContain('no sooner than 20 days after the notice');

    const voteId = await createArt278(staff);
    await t.ok(voteTimelineEndpoints.announce, { cookie: staff, params: { voteId } });
    const v = await view(staff, voteId);
    expect(v.vote.opensAt).toBe(later(20).toISOString());
    expect(v.timeline.rollCheckEndsAt).toBe(later(10).toISOString());
    // An unknown compound has no notices.
    expect((await t.api(voteTimelineEndpoints.publicNotices, { params: { compoundId: 'nope' } })).status).toBe(404);
  });
});

/**
 * Owners' committee meetings (业委会会议) through the API: the notice with its agenda at least 7 days
 * ahead, the members invited and signing themselves in, the quorum of more than half of all the
 * members, decisions by more than half of ALL the members (not of those present), and the minutes
 * signed by each attending member in the app before they are published, within 3 days.
 *
 * The demo committee of 都市春天 has five members: the chair 郑国华 (yeweihui) and four owners the
 * committee seed grants (weiyuan1 … weiyuan4).
 */
import { meetingEndpoints, minutesEndpoints, type MeetingView } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEMBER_LOGINS } from '../seed/committee.seed.js';
import { storeSampleAgenda } from '../testing/agenda-fixture.js';
import { refusal } from '../testing/meeting-api.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

// Saturday 21 Nov 2026, 10:00 China time.
const NOW = new Date('2026-11-21T02:00:00Z');
const DAY = 86_400_000;
/** Saturday 28 Nov 2026, 19:00 China time: 7 calendar days after the notice. */
const IN_A_WEEK = '2026-11-28T11:00:00.000Z';

let t: TestApp;
let dsct: string;
let now = NOW;
beforeEach(async () => {
  now = NOW;
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

const create = async (login: string, startsAt = IN_A_WEEK) =>
  t.api(meetingEndpoints.create, {
    cookie: await t.login(login),
    params: { compoundId: dsct },
    body: { kind: 'owners_committee', title: '续聘物业', startsAt, place: '业委会办公室' },
  });

/** A draft committee meeting a week ahead, created by its chair. */
async function drafted(cookie: string) {
  return t.ok(meetingEndpoints.create, {
    cookie,
    params: { compoundId: dsct },
    body: { kind: 'owners_committee', title: '续聘物业', startsAt: IN_A_WEEK, place: '业委会办公室' },
  });
}

/** A committee meeting created by its chair, its agenda written, its notice published today. */
async function scheduled() {
  const cookie = await t.login('yeweihui');
  const created = await drafted(cookie);
  const meetingId = created.meeting.id;
  await storeSampleAgenda(t.deps.db, meetingId, now);
  await t.ok(meetingEndpoints.schedule, { cookie, params: { meetingId } });
  return { cookie, meetingId, view: created };
}

/** The five members' logins: the chair, then the four the seed granted. */
const MEMBERS = ['yeweihui', ...MEMBER_LOGINS];

/** Held on the day, with the first `present` members each signing themselves in. */
async function inSession(present: number) {
  const s = await scheduled();
  now = new Date(Date.parse(IN_A_WEEK) - 30 * 60_000);
  // A week later: the chair logs in again.
  s.cookie = await t.login('yeweihui');
  const started = await t.ok(meetingEndpoints.start, { cookie: s.cookie, params: { meetingId: s.meetingId } });
  for (const login of MEMBERS.slice(0, present)) {
    const cookie = await t.login(login);
    const me = await t.deps.db.selectFrom('users').select('id').where('username', '=', login).executeTakeFirstOrThrow();
    const row = started.attendance.find((a) => a.userId === me.id)!;
    await t.ok(meetingEndpoints.signIn, { cookie, params: { meetingId: s.meetingId, attendanceId: row.id }, body: {} });
  }
  const view = await t.ok(meetingEndpoints.get, { cookie: s.cookie, params: { meetingId: s.meetingId } });
  return { ...s, view };
}

const signedIn = (view: MeetingView) => view.attendance.filter((a) => a.signedInAt !== null);

describe('the notice and agenda 7 days ahead', () => {
  it('refuses a meeting sooner, saying why and the earliest day; accepts one 7 days ahead with the members invited', async () => {
    const soon = refusal(await create('yeweihui', '2026-11-26T11:00:00.000Z'), 422);
    expect(soon.code).toBe('meeting_notice_too_short');
    expect(soon.message).toBe('会议通知和议程须至少在会议 7 天前发布：按通知日 2026-11-21 计，会议最早可定在 2026-11-28 召开');

    const created = await create('yeweihui');
    expect(created.status).toBe(201);
    const view = created.data!;
    expect(view.attendance).toHaveLength(5);
    expect(view.attendance.every((a) => a.party === 'owners_committee' && a.userId !== null)).toBe(true);
    expect(view.memberQuorum).toEqual({ members: 5, present: 0, needed: 3, reached: false });
    expect(view.quorum).toBeNull();
  });

  it('publishes the notice only with an agenda, which it freezes: the agenda stays as announced', async () => {
    const cookie = await t.login('yeweihui');
    const created = await drafted(cookie);
    const meetingId = created.meeting.id;
    expect(refusal(await t.api(meetingEndpoints.schedule, { cookie, params: { meetingId } }), 422).code).toBe('meeting_agenda_empty');
    await storeSampleAgenda(t.deps.db, meetingId, now);
    const published = await t.ok(meetingEndpoints.schedule, { cookie, params: { meetingId } });
    expect(published.meeting.status).toBe('scheduled');
    expect(published.meeting.agendaFrozenAt).not.toBeNull();
    expect(published.agendaItems.map((i) => i.title)).toEqual(['地下车库停车位', '路灯维修']);
    expect(published.permissions.agenda).toBe('read');
    expect(refusal(await t.api(meetingEndpoints.reopenAgenda, { cookie, params: { meetingId } }), 409).code).toBe('agenda_announced');
    // Nor can the meeting be moved nearer than 7 days after the notice.
    const moved = refusal(await t.api(meetingEndpoints.update, { cookie, params: { meetingId }, body: { startsAt: '2026-11-27T11:00:00.000Z' } }), 422);
    expect(moved.code).toBe('meeting_notice_too_short');
  });

  it('refuses to publish a notice late: a draft for the 30th published on the 25th', async () => {
    const cookie = await t.login('shequ');
    const created = await t.ok(meetingEndpoints.create, {
      cookie,
      params: { compoundId: dsct },
      body: { kind: 'owners_committee', title: '大门改造', startsAt: '2026-11-30T11:00:00.000Z', place: '业委会办公室' },
    });
    await storeSampleAgenda(t.deps.db, created.meeting.id, now);
    now = new Date(NOW.getTime() + 4 * DAY);
    const late = refusal(await t.api(meetingEndpoints.schedule, { cookie, params: { meetingId: created.meeting.id } }), 422);
    expect(late.message).toContain('会议最早可定在 2026-12-02 召开');
  });

  it('tells the members of the meeting when its notice goes out', async () => {
    const { meetingId } = await scheduled();
    const told = await t.deps.db
      .selectFrom('notifications as n')
      .innerJoin('notification_events as e', 'e.id', 'n.event_id')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username'])
      .where('n.kind', '=', 'meeting_scheduled')
      .where('e.subject_id', '=', meetingId)
      .execute();
    const logins = told.map((r) => r.username);
    // Every member but the chair, who published it.
    for (const login of MEMBER_LOGINS) expect(logins).toContain(login);
  });

  it("is run by the committee's members and community staff, not by other parties' representatives", async () => {
    expect((await create('shequ')).status).toBe(201);
    expect(refusal(await create('wuye'), 403).code).toBe('forbidden');
    expect(refusal(await create('jiedao'), 403).code).toBe('forbidden');
  });
});

describe('quorum and decisions: more than half of ALL the members', () => {
  it('2 of 5 members present is no quorum, and nothing can be decided', async () => {
    const { cookie, meetingId, view } = await inSession(2);
    expect(view.memberQuorum).toEqual({ members: 5, present: 2, needed: 3, reached: false });
    const item = view.agendaItems[0]!;
    const refused = refusal(
      await t.api(meetingEndpoints.recordOutcome, {
        cookie,
        params: { meetingId, itemId: item.id },
        body: { outcome: 'members_resolved', agreedMembers: signedIn(view).map((a) => a.id) },
      }),
      422,
    );
    expect(refused.code).toBe('outcome_no_quorum');
    expect(refused.message).toBe('出席委员未过半数（2 / 5，需 ≥ 3），会议不能作出决定');
  });

  it('5 members, 3 present all agree → passed; 3 present, 2 agree → not passed, though a majority of those present', async () => {
    const { cookie, meetingId, view } = await inSession(3);
    expect(view.memberQuorum).toMatchObject({ present: 3, reached: true });
    const present = signedIn(view).map((a) => a.id);
    const [first, second] = view.agendaItems;
    const decide = (itemId: string, agreedMembers: string[]) =>
      t.ok(meetingEndpoints.recordOutcome, { cookie, params: { meetingId, itemId }, body: { outcome: 'members_resolved', agreedMembers } });

    const passed = await decide(first!.id, present);
    expect(passed.item.decision).toEqual({ agreed: 3, members: 5, needed: 3, passed: true });
    const notPassed = await decide(second!.id, present.slice(0, 2));
    expect(notPassed.item.decision).toEqual({ agreed: 2, members: 5, needed: 3, passed: false });
    expect(notPassed.item.agreedMembers).toEqual(present.slice(0, 2));
  });

  it('counts only members present in person, and only the outcomes its kind has', async () => {
    const { cookie, meetingId, view } = await inSession(3);
    const absent = view.attendance.find((a) => a.signedInAt === null)!;
    const item = view.agendaItems[0]!;
    const byProxy = refusal(
      await t.api(meetingEndpoints.recordOutcome, {
        cookie,
        params: { meetingId, itemId: item.id },
        body: { outcome: 'members_resolved', agreedMembers: [...signedIn(view).map((a) => a.id), absent.id] },
      }),
      422,
    );
    expect(byProxy.code).toBe('outcome_member_absent');
    expect(byProxy.message).toContain(`${absent.name}未签到`);
    const parties = refusal(
      await t.api(meetingEndpoints.recordOutcome, {
        cookie,
        params: { meetingId, itemId: item.id },
        body: { outcome: 'agreed', agreedParties: ['owners_committee'] },
      }),
      422,
    );
    expect(parties.message).toBe('业委会会议不记录“达成一致”这种结果');
    // A member signs only themself in.
    const other = await t.login(MEMBER_LOGINS[3]!);
    expect(refusal(await t.api(meetingEndpoints.signIn, { cookie: other, params: { meetingId, attendanceId: absent.id }, body: {} }), 403).code).toBe(
      'forbidden',
    );
  });
});

describe('minutes signed by each attending member, posted within 3 days', () => {
  /** Held with the chair and two members present, one decision passed, closed, the draft generated. */
  async function withDraftMinutes() {
    const s = await inSession(3);
    const present = signedIn(s.view);
    await t.ok(meetingEndpoints.recordOutcome, {
      cookie: s.cookie,
      params: { meetingId: s.meetingId, itemId: s.view.agendaItems[0]!.id },
      body: { outcome: 'members_resolved', agreedMembers: present.map((a) => a.id) },
    });
    await t.ok(meetingEndpoints.close, { cookie: s.cookie, params: { meetingId: s.meetingId } });
    now = new Date(Date.parse(IN_A_WEEK) + 14 * 3_600_000);
    s.cookie = await t.login('yeweihui');
    const minutes = await t.ok(minutesEndpoints.generate, { cookie: s.cookie, params: { meetingId: s.meetingId } });
    return { ...s, present, minutes };
  }
  const sign = async (login: string, meetingId: string) =>
    t.api(minutesEndpoints.sign, { cookie: await t.login(login), params: { meetingId }, body: { confirm: true } });
  const publish = (cookie: string, meetingId: string) => t.api(minutesEndpoints.publish, { cookie, params: { meetingId }, body: { confirm: true } });

  it('writes the decision against all the members and asks the members present to sign', async () => {
    const { meetingId, minutes } = await withDraftMinutes();
    const text = minutes.draft!.body;
    expect(text).toContain('## 一、出席委员');
    expect(text).toContain('应到委员 5 人，实到 3 人，已过半数（需 ≥ 3 人），可以开会议事。');
    expect(text).toContain('表决结果：通过。3 / 5 名委员同意（过半数：需 ≥ 3）');
    // Posted within 3 days: by the end of Tuesday 1 Dec, China time.
    expect(minutes.deadline).toBe('2026-12-01T15:59:59.999Z');
    expect(minutes.signatures).toMatchObject({ complete: false });
    expect(minutes.signatures!.signers).toHaveLength(3);
    // Before a draft the meeting page lists nobody signed; now it lists the three, none signed yet.
    const meeting = await t.ok(meetingEndpoints.get, { cookie: await t.login('yeweihui'), params: { meetingId } });
    expect(meeting.minutesSignatures?.map((x) => x.signedAt)).toEqual([null, null, null]);
    // The chair attended too: they may sign, not yet publish.
    expect(minutes.may).toMatchObject({ publish: false, sign: true });
    // The three who attended are asked to sign (the chair generated the draft).
    const asked = await t.deps.db
      .selectFrom('notifications as n')
      .innerJoin('notification_events as e', 'e.id', 'n.event_id')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.kind', '=', 'minutes_sign_requested')
      .where('e.subject_id', '=', meetingId)
      .execute();
    expect(asked.map((r) => r.username).sort()).toEqual(MEMBER_LOGINS.slice(0, 2).sort());
  });

  it('cannot be published until every attending member has signed the text as it stands', async () => {
    const { cookie, meetingId } = await withDraftMinutes();
    const missing = refusal(await publish(cookie, meetingId), 409);
    expect(missing.code).toBe('minutes_signatures_missing');
    expect(missing.message).toContain('郑国华');

    // A member who did not attend cannot sign.
    expect(refusal(await sign(MEMBER_LOGINS[3]!, meetingId), 403).code).toBe('minutes_sign_not_attendee');
    const first = await sign('yeweihui', meetingId);
    expect(first.status).toBe(201);
    expect(first.data!.signatures!.signers.find((s) => s.name === '郑国华')).toMatchObject({ signedAt: now.toISOString(), stale: false });

    // The draft changes after the chair signed: the chair signs again.
    const body = `${first.data!.draft!.body}\n补充：会后物业承诺十日内报送合同文本。\n`;
    const saved = await t.ok(minutesEndpoints.saveDraft, { cookie, params: { meetingId }, body: { body } });
    expect(saved.signatures!.signers.find((s) => s.name === '郑国华')).toMatchObject({ signedAt: null, stale: true });

    for (const login of ['yeweihui', ...MEMBER_LOGINS.slice(0, 2)]) expect((await sign(login, meetingId)).status).toBe(201);
    const ready = await t.ok(minutesEndpoints.get, { cookie, params: { meetingId } });
    expect(ready.signatures?.complete).toBe(true);
    expect(ready.may.publish).toBe(true);

    // Published two days after the meeting: on time, with who signed and when.
    now = new Date(Date.parse(IN_A_WEEK) + 2 * DAY);
    const published = await publish(await t.login('yeweihui'), meetingId);
    expect(published.status).toBe(201);
    expect(published.data!.publishedOnTime).toBe(true);
    const v1 = await t.ok(minutesEndpoints.publicVersion, { params: { meetingId }, query: {} });
    expect(v1.header.issuer).toBe('都市春天小区业主委员会');
    expect(v1.header.signatories).toHaveLength(3);
    expect(v1.header.signatories.every((s) => s.signedAt !== null)).toBe(true);
    const text = await (await t.call('GET', `/api/public/meetings/${meetingId}/minutes.txt`)).text();
    expect(text).toMatch(/签字确认：.*郑国华（2026年11月29日（周日） 0\d:\d\d）/);
    // The print page (and so the PDF) shows in each signature cell when the member signed in the app.
    const print = await (await t.call('GET', `/api/public/meetings/${meetingId}/minutes/print`)).text();
    expect(print.match(/已在线核对签字 2026年11月29日/g)).toHaveLength(3);
    // The meeting page shows every resident who signed the minutes.
    const seen = await t.ok(meetingEndpoints.get, { cookie: await t.login('yezhu'), params: { meetingId } });
    expect(seen.minutesSignatures?.map((x) => x.signedAt !== null)).toEqual([true, true, true]);
    // Signing is over once published.
    expect(refusal(await sign(MEMBER_LOGINS[0]!, meetingId), 409).code).toBe('minutes_already_published');
  });

  it('has no signatures for kinds without them', async () => {
    const cookie = await t.login('fuzhan');
    const council = await t.deps.db
      .selectFrom('meetings')
      .select('id')
      .where('kind', '=', 'four_party')
      .where('status', '=', 'closed')
      .executeTakeFirstOrThrow();
    const minutes = await t.ok(minutesEndpoints.get, { cookie, params: { meetingId: council.id } });
    expect(minutes.signatures).toBeNull();
    expect(refusal(await sign('fuzhan', council.id), 422).code).toBe('meeting_wrong_kind');
  });
});

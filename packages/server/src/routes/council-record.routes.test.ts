/**
 * A four-party council held with two of the four parties signed in: an outcome cannot name the absent
 * parties as agreeing (the minutes would say they were absent and agreed), and what the record still
 * lacks (items with no outcome, the parties missing for quorum) reaches the minutes page before publishing.
 */
import { meetingEndpoints, minutesEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeSampleAgenda } from '../testing/agenda-fixture.js';
import { meetingApi, refusal } from '../testing/meeting-api.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
const NOW = new Date('2026-11-21T02:00:00Z');
/** 09:00 in China on the meeting's day. */
const ON_THE_DAY = new Date('2026-11-28T01:00:00.000Z');
let now = NOW;

beforeEach(async () => {
  now = NOW;
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

const { createdMeeting, step } = meetingApi(
  () => t,
  () => dsct,
);

/** A council in session with only the community and the departments signed in; its two agenda items. */
async function councilOfTwoParties() {
  const { cookie, view, id } = await createdMeeting('jiedao', 'four_party');
  await storeSampleAgenda(t.deps.db, id, NOW);
  await step('schedule', cookie, id);
  now = ON_THE_DAY;
  for (const a of view.attendance.filter((x) => x.party === 'community' || x.party === 'department')) {
    await t.ok(meetingEndpoints.signIn, { cookie, params: { meetingId: id, attendanceId: a.id }, body: {} });
  }
  const started = await step('start', cookie, id);
  expect(started.quorum).toMatchObject({ reached: false, missing: ['owners_committee', 'property_manager'] });
  return { cookie, id, items: started.agendaItems };
}

describe('an outcome of a council short of parties', () => {
  it('refuses absent parties as agreeing, naming them, and records nothing; the parties present may agree', async () => {
    const { cookie, id, items } = await councilOfTwoParties();
    const itemId = items[0]!.id;
    const record = (agreedParties: Array<'community' | 'department' | 'owners_committee' | 'property_manager'>) =>
      t.api(meetingEndpoints.recordOutcome, { cookie, params: { meetingId: id, itemId }, body: { outcome: 'agreed', agreedParties } });

    const all = refusal(await record(['community', 'department', 'owners_committee', 'property_manager']), 422);
    expect(all).toMatchObject({ code: 'outcome_party_absent', message: '业委会、物业企业没有人签到（未出席），不能记为同意方；请只勾选到场签到的各方' });
    expect(refusal(await record(['property_manager']), 422).message).toMatch(/^物业企业没有人签到/);
    const unchanged = await t.ok(meetingEndpoints.get, { cookie, params: { meetingId: id } });
    expect(unchanged.agendaItems[0]).toMatchObject({ outcome: null, agreedParties: [] });

    const agreed = await record(['department', 'community']);
    expect(agreed.status).toBe(200);
    expect(agreed.data!.item).toMatchObject({ outcome: 'agreed', agreedParties: ['department', 'community'] });
    // Other outcomes name no parties, so the absent ones do not stop them.
    const deferred = await t.api(meetingEndpoints.recordOutcome, {
      cookie,
      params: { meetingId: id, itemId: items[1]!.id },
      body: { outcome: 'deferred', note: '下次再议' },
    });
    expect(deferred.status).toBe(200);
  });

  it('a party whose only representative undid the sign-in is absent again', async () => {
    const { cookie, id, items } = await councilOfTwoParties();
    const view = await t.ok(meetingEndpoints.get, { cookie, params: { meetingId: id } });
    const department = view.attendance.filter((a) => a.party === 'department' && a.signedInAt !== null);
    for (const a of department) await t.ok(meetingEndpoints.signIn, { cookie, params: { meetingId: id, attendanceId: a.id }, body: { present: false } });
    const answer = await t.api(meetingEndpoints.recordOutcome, {
      cookie,
      params: { meetingId: id, itemId: items[0]!.id },
      body: { outcome: 'agreed', agreedParties: ['community', 'department'] },
    });
    expect(refusal(answer, 422).message).toMatch(/^职能部门没有人签到/);
  });
});

describe('what the minutes page is told before publishing', () => {
  it('the items with no outcome and the parties missing for quorum, until the first version is out', async () => {
    const { cookie, id, items } = await councilOfTwoParties();
    await t.ok(meetingEndpoints.recordOutcome, { cookie, params: { meetingId: id, itemId: items[0]!.id }, body: { outcome: 'deferred' } });
    await step('close', cookie, id);
    await t.ok(minutesEndpoints.generate, { cookie, params: { meetingId: id } });
    const minutes = await t.ok(minutesEndpoints.get, { cookie, params: { meetingId: id } });
    expect(minutes.gaps).toEqual({ unrecordedOutcomes: 1, missingParties: ['owners_committee', 'property_manager'] });
    expect(minutes.draft!.body).toContain('议定结果：未记录。');
    const published = await t.ok(minutesEndpoints.publish, { cookie, params: { meetingId: id }, body: { confirm: true } });
    expect(published.gaps).toBeNull();
  });
});

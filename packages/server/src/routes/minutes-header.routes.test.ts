/**
 * The secretary corrects the draft's heading before publication: who recorded the minutes (the
 * draft's generator until then), the issuing body, the convener as printed and the place. The
 * published version, its print page and its plain text carry the corrected heading; regenerating
 * the draft keeps it; after publication a corrected heading goes out with the next correction. Each
 * version is published with who attended as recorded then (the printed copy's signature table).
 */
import { authEndpoints, minutesEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertHeldMeeting } from '../testing/meeting-record.fixture.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

const NOW = new Date('2026-11-20T02:00:00.000Z');
const HELD = new Date('2026-11-18T06:30:00.000Z');

let t: TestApp;
let meetingId: string;
beforeEach(async () => {
  t = await createTestApp({ clock: () => NOW });
  ({ meetingId } = await insertHeldMeeting(t.deps, { startsAt: HELD, actionItems: [] }));
});
afterEach(() => t.close());

const meeting = () => ({ params: { meetingId } });
const FIELDS = { recorder: '张敏', issuer: '宜阳社区居民委员会', convener: '宜阳社区党委 陈志强', place: '宜阳社区党群服务中心二楼会议室' };

describe("the draft's heading", () => {
  it("prints the first administrator as convener with the subdistrict's name, not the system's word for the account", async () => {
    const jiedao = await t.login('jiedao');
    const admin = await t.ok(authEndpoints.me, { cookie: jiedao });
    expect(admin.grants.map((g) => g.title)).toContain('街道管理员');
    await t.deps.db.updateTable('meetings').set({ convener_user_id: admin.userId }).where('id', '=', meetingId).execute();
    const fuzhan = await t.login('fuzhan');
    const draft = (await t.ok(minutesEndpoints.generate, { cookie: fuzhan, ...meeting() })).draft!.header;
    expect(draft.convener).toBe(`秀江街道 ${admin.displayName}`);
  });

  it('is corrected by a writer, kept when the draft is regenerated, and published as corrected', async () => {
    const fuzhan = await t.login('fuzhan');
    const generated = await t.ok(minutesEndpoints.generate, { cookie: fuzhan, ...meeting() });
    // Until corrected, the recorder is whoever generated the draft.
    expect(generated.draft!.header.recorder).toBe((await t.ok(authEndpoints.me, { cookie: fuzhan })).displayName);

    const wuye = await t.login('wuye');
    const saved = await t.ok(minutesEndpoints.saveHeader, { cookie: wuye, ...meeting(), body: { ...FIELDS, recorder: '  张敏 ' } });
    expect(saved.draft!.header).toMatchObject(FIELDS);
    expect(saved.draft!.header.title).toBe(generated.draft!.header.title);
    expect(saved.draft!.header.when).toBe(generated.draft!.header.when);

    const again = await t.ok(minutesEndpoints.generate, { cookie: fuzhan, ...meeting() });
    expect(again.draft!.header).toMatchObject(FIELDS);

    const chief = await t.login('zhanzhang');
    const published = await t.ok(minutesEndpoints.publish, { cookie: chief, ...meeting(), body: { confirm: true } });
    expect(published.versions[0]!.header).toMatchObject(FIELDS);
    const print = await t.call('GET', `/api/public/meetings/${meetingId}/minutes/print`);
    const html = await print.text();
    expect(html).toContain('记录人：张敏');
    expect(html).toContain('宜阳社区居民委员会');
    const text = await (await t.call('GET', `/api/public/meetings/${meetingId}/minutes.txt`)).text();
    expect(text).toContain('记录人：张敏');

    // Published: version 1 keeps its heading; a heading corrected now goes out with the next correction, the text unchanged.
    const body = published.versions[0]!.body;
    const correct = () => t.api(minutesEndpoints.correct, { cookie: chief, ...meeting(), body: { body, reason: '记录人写错' } });
    expect((await correct()).error!.code).toBe('minutes_correction_unchanged');
    const later = await t.ok(minutesEndpoints.saveHeader, { cookie: chief, ...meeting(), body: { ...FIELDS, recorder: '李娜' } });
    expect(later.versions[0]!.header.recorder).toBe('张敏');
    const corrected = await correct();
    expect(corrected.status).toBe(201);
    expect(corrected.data!.versions.map((v) => [v.version, v.header.recorder, v.reason])).toEqual([
      [1, '张敏', null],
      [2, '李娜', '记录人写错'],
    ]);
    expect((await correct()).error!.code).toBe('minutes_correction_unchanged');
  });

  it('is published with who attended as recorded then: a cadre noted after the draft signs the printed copy, a duplicate taken back does not', async () => {
    const fuzhan = await t.login('fuzhan');
    const draft = (await t.ok(minutesEndpoints.generate, { cookie: fuzhan, ...meeting() })).draft!.header;
    const before = draft.signatories.map((s) => s.name);
    const noted = {
      meeting_id: meetingId,
      user_id: null,
      party: null,
      invited: 0,
      signed_in_at: NOW.toISOString(),
      signed_in_by: null,
      created_at: NOW.toISOString(),
    };
    await t.deps.db
      .insertInto('meeting_attendance')
      .values({ ...noted, id: 'late-cadre', name: '刘洋', organisation: '区城市管理局' })
      .execute();
    const chief = await t.login('zhanzhang');
    const published = await t.ok(minutesEndpoints.publish, { cookie: chief, ...meeting(), body: { confirm: true } });
    expect(published.versions[0]!.header.signatories.map((s) => s.name).sort()).toEqual([...before, '刘洋'].sort());
    const print = await (await t.call('GET', `/api/public/meetings/${meetingId}/minutes/print`)).text();
    expect(print).toContain('刘洋');

    // Noted by mistake and taken back: the correction's signature table no longer has it.
    await t.deps.db.deleteFrom('meeting_attendance').where('id', '=', 'late-cadre').execute();
    const corrected = await t.ok(minutesEndpoints.correct, {
      cookie: chief,
      ...meeting(),
      body: { body: published.versions[0]!.body, reason: '删去误登记的参会人员' },
    });
    expect(corrected.versions[1]!.header.signatories.map((s) => s.name).sort()).toEqual([...before].sort());
  });

  it('refuses a missing place or a field too long in words, naming the field, and changes nothing', async () => {
    const fuzhan = await t.login('fuzhan');
    const before = (await t.ok(minutesEndpoints.generate, { cookie: fuzhan, ...meeting() })).draft!.header;
    const bad = await t.call('PUT', `/api/meetings/${meetingId}/minutes/draft/header`, {
      cookie: fuzhan,
      json: { ...FIELDS, place: ' ', recorder: '记'.repeat(41) },
    });
    expect(bad.status).toBe(400);
    const text = JSON.stringify(await bad.json());
    expect(text).toContain('请填写会议地点');
    expect(text).toContain('记录人最多 40 个字');
    expect((await t.ok(minutesEndpoints.get, { cookie: fuzhan, ...meeting() })).draft!.header).toEqual(before);
  });

  it('is for the minutes writers only, and needs a draft', async () => {
    const fuzhan = await t.login('fuzhan');
    const none = await t.api(minutesEndpoints.saveHeader, { cookie: fuzhan, ...meeting(), body: FIELDS });
    expect(none.error!.code).toBe('minutes_no_draft');
    await t.ok(minutesEndpoints.generate, { cookie: fuzhan, ...meeting() });
    expect((await t.api(minutesEndpoints.saveHeader, { cookie: await t.login('yezhu'), ...meeting(), body: FIELDS })).status).toBe(403);
  });
});

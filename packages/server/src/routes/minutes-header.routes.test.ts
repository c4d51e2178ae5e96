/**
 * The secretary corrects the draft's heading before publication: who recorded the minutes (the
 * draft's generator until then), the issuing body, the convener as printed and the place. The
 * published version, its print page and its plain text carry the corrected heading; regenerating
 * the draft keeps it; once published the heading is refused, as the text is.
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

    // Published: the heading is part of version 1 now.
    const late = await t.api(minutesEndpoints.saveHeader, { cookie: chief, ...meeting(), body: { ...FIELDS, recorder: '李娜' } });
    expect(late.status).toBe(409);
    expect(late.error!.code).toBe('minutes_already_published');
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

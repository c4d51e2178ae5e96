import { actionItemEndpoints, meetingEndpoints, minutesEndpoints } from '@yishi/core';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closePdfRenderer, replacePdfRenderer } from '../services/minutes-pdf.service.js';
import { PdfRenderer, type PdfBrowser, type PdfJob } from '../services/pdf-renderer.js';
import { insertHeldMeeting } from '../testing/meeting-record.fixture.js';
import { listUrl, pageThrough, repeated } from '../testing/page-through.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

// "Now" is Friday 20 Nov 2026, 10:00 China time; the council was held on Wednesday 18 Nov at 14:30.
const NOW = new Date('2026-11-20T02:00:00.000Z');
const HELD = new Date('2026-11-18T06:30:00.000Z');

let t: TestApp;
let meetingId: string;
beforeEach(async () => {
  t = await createTestApp({ clock: () => NOW });
  ({ meetingId } = await insertHeldMeeting(t.deps, {
    startsAt: HELD,
    actionItems: [
      { title: '东侧空地划线增加车位', responsibleUnit: 'property_manager', signOff: { afterDays: 1, rating: 'satisfied' } },
      { title: '协调检修二次供水设施', responsibleUnit: 'department:区住房和城乡建设局' },
    ],
  }));
});
afterEach(() => t.close());

const meeting = () => ({ params: { meetingId } });

async function generate(login = 'fuzhan') {
  return t.api(minutesEndpoints.generate, { cookie: await t.login(login), ...meeting() });
}
const publish = (cookie: string) => t.api(minutesEndpoints.publish, { cookie, ...meeting(), body: { confirm: true } });
const correct = (cookie: string, body: string, reason: string) => t.api(minutesEndpoints.correct, { cookie, ...meeting(), body: { body, reason } });
const publicVersion = (version?: number) => t.ok(minutesEndpoints.publicVersion, { ...meeting(), query: { version } });

describe('the generated draft', () => {
  it('contains the attendance by party, outcomes, the vote and the action items with sign-off numbers', async () => {
    const generated = await generate();
    expect(generated.status).toBe(201);
    const body = generated.data!;
    const text = body.draft!.body;
    expect(body.draft!.header.title).toBe('都市春天小区四方共治议事会纪要（停车与电梯问题协商）');
    expect(body.draft!.header.when).toBe('2026年11月18日（周三） 14:30—16:20');
    expect(body.draft!.header.convener).toContain('陈志强');
    // Attendance by party: the department's two representatives who signed in, not the absentee.
    expect(text).toMatch(/- 职能部门：(黄伟（区住房和城乡建设局）、林峰（区城市管理局）|林峰（区城市管理局）、黄伟（区住房和城乡建设局）)\n/);
    expect(text).toContain('吴涛');
    expect(text).toContain('郑国华');
    expect(text).not.toContain('缺席代表');
    expect(text).toContain('四方均有代表出席');
    // Agenda notes and outcomes.
    expect(text).toContain('### 1. 地面停车位不足');
    expect(text).toContain('物业提出在东侧空地划线增加 24 个车位。');
    expect(text).toContain('议定结果：达成一致（街道（社区）、职能部门、业委会、物业企业同意）。物业两周内完成划线，业委会监督。');
    expect(text).toContain('议定结果：提交业主表决。');
    // The vote with its result explained.
    expect(text).toContain('使用维修资金更换 2 栋电梯：通过。参与表决面积 80.21%');
    // Action items with responsible unit, deadline, status and the sign-off number once closed.
    expect(text).toMatch(/东侧空地划线增加车位；责任单位：物业企业；完成时限：2026年11月\d+日（周.）；状态：已销号；销号编号：DSCT-2026-\d{4}；居民评价：满意/);
    expect(text).toMatch(/协调检修二次供水设施；责任单位：区住房和城乡建设局；完成时限：.*；状态：待办理/);
  });

  it('shows the 3-day deadline and the time left', async () => {
    const body = (await generate()).data!;
    // 18 Nov + 3 calendar days = end of Saturday 21 Nov, China time.
    expect(body.deadline).toBe('2026-11-21T15:59:59.999Z');
    expect(body.timeLeft).toMatchObject({ overdue: false, label: { 'zh-CN': '还剩 1 天 13 小时' } });
  });

  it('is refused before the meeting has ended', async () => {
    await t.deps.db.updateTable('meetings').set({ status: 'in_session' }).where('id', '=', meetingId).execute();
    const refused = await generate();
    expect(refused.status).toBe(422);
    expect(refused.error?.code).toBe('minutes_meeting_not_closed');
  });

  it('is for the secretary and committee: owners and other compounds are refused, anonymous asked to log in', async () => {
    expect((await generate('yezhu')).status).toBe(403);
    expect((await generate('cuiyuan')).status).toBe(403);
    expect((await t.api(minutesEndpoints.generate, meeting())).status).toBe(401);
    expect((await t.api(minutesEndpoints.get, { cookie: await t.login('jiedao'), params: { meetingId: 'nope' } })).status).toBe(404);
  });
});

describe('publication and corrections', () => {
  it('a committee member edits but only the convener publishes; the published version is public', async () => {
    await generate();
    const wuye = await t.login('wuye');
    const edited = await t.ok(minutesEndpoints.saveDraft, { cookie: wuye, ...meeting(), body: { body: '## 一、参会人员\n\n- 四方代表均出席\n' } });
    expect(edited.may).toEqual({ write: true, publish: false, sign: false });
    expect((await publish(wuye)).status).toBe(403);

    const chief = await t.login('zhanzhang');
    const published = await publish(chief);
    expect(published.status).toBe(201);
    const body = published.data!;
    expect(body.versions).toHaveLength(1);
    expect(body.versions[0]).toMatchObject({ version: 1, reason: null, body: '## 一、参会人员\n\n- 四方代表均出席\n' });

    expect(await publicVersion()).toMatchObject({ version: 1, latestVersion: 1, html: '<h2>一、参会人员</h2>\n<ul><li>四方代表均出席</li></ul>' });
    // Publishing twice is refused; a change must be a correction.
    expect((await publish(chief)).status).toBe(409);
  });

  it('a published version cannot be changed or deleted, not even by SQL', async () => {
    await generate();
    await publish(await t.login('zhanzhang'));
    const before = await t.deps.db.selectFrom('minutes_versions').selectAll().where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    await expect(sql`UPDATE minutes_versions SET body = 'forged' WHERE meeting_id = ${meetingId}`.execute(t.deps.db)).rejects.toThrow(/minutes_immutable/);
    await expect(t.deps.db.updateTable('minutes_versions').set({ reason: 'x' }).where('meeting_id', '=', meetingId).execute()).rejects.toThrow(
      /minutes_immutable/,
    );
    await expect(t.deps.db.deleteFrom('minutes_versions').where('meeting_id', '=', meetingId).execute()).rejects.toThrow(/minutes_immutable/);
    const after = await t.deps.db.selectFrom('minutes_versions').selectAll().where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it('a correction publishes version 2 with its reason; version 1 stays readable', async () => {
    await generate();
    const chief = await t.login('zhanzhang');
    const v1 = (await publish(chief)).data!;
    const corrected = v1.versions[0]!.body.replace('24 个车位', '26 个车位');
    expect(corrected).not.toBe(v1.versions[0]!.body);

    expect((await correct(chief, corrected, '')).status).toBe(400);
    expect((await correct(chief, v1.versions[0]!.body, '核对')).status).toBe(409);

    // The meeting's page is told how many versions are out, so it can say a fix there needs a correction.
    const meetingView = () => t.ok(meetingEndpoints.get, { cookie: chief, ...meeting() });
    expect((await meetingView()).minutesPublished).toBe(1);
    const res = await correct(chief, corrected, '车位数量记录有误，应为 26 个');
    expect(res.status).toBe(201);
    expect((await meetingView()).minutesPublished).toBe(2);
    expect(res.data!.versions.map((v) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, '车位数量记录有误，应为 26 个'],
    ]);

    const latest = await publicVersion();
    expect(latest.version).toBe(2);
    expect(latest.body).toContain('26 个车位');
    expect(latest.versions).toHaveLength(2);
    const first = await publicVersion(1);
    expect(first.version).toBe(1);
    expect(first.body).toContain('24 个车位');
    expect((await t.api(minutesEndpoints.publicVersion, { ...meeting(), query: { version: 3 } })).status).toBe(404);

    // The print page of version 1 says it was superseded; the plain text names the correction.
    const print = await (await t.call('GET', `/api/public/meetings/${meetingId}/minutes/print?version=1`)).text();
    expect(print).toContain('@page { size: A4;');
    expect(print).toContain('本版本已被第 2 版更正');
    const txt = await (await t.call('GET', `/api/public/meetings/${meetingId}/minutes.txt`)).text();
    expect(txt).toContain('第 2 版（更正原因：车位数量记录有误，应为 26 个）');

    // The board lists the meeting once, at version 2, with its history.
    const board = await t.ok(minutesEndpoints.publicList, { params: { compoundId: await t.compoundId('DSCT') } });
    const ours = board.items.filter((m) => m.meetingId === meetingId);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ version: 2, publishedOnTime: true });
    expect(ours[0]!.versions).toHaveLength(2);
  });
});

describe('the compound minutes work list', () => {
  it('puts overdue unpublished minutes first, in words, for the convener', async () => {
    // A council held last Saturday, 14 Nov: its deadline (17 Nov) has passed.
    const { meetingId: late } = await insertHeldMeeting(t.deps, {
      startsAt: new Date('2026-11-14T06:30:00.000Z'),
      title: '逾期议事会',
      vote: null,
      actionItems: [],
    });
    const cookie = await t.login('zhanzhang');
    const dsct = { params: { compoundId: await t.compoundId('DSCT') } };
    const body = await t.ok(minutesEndpoints.work, { cookie, ...dsct });
    expect(body.items[0]).toMatchObject({ meetingId: late, state: 'none', timeLeft: { overdue: true, label: { 'zh-CN': '已超期 2 天 10 小时' } } });
    const ours = body.items.find((m) => m.meetingId === meetingId);
    expect(ours).toMatchObject({ state: 'none', timeLeft: { overdue: false } });
    // Seeded meetings are all published.
    expect(body.items.filter((m) => m.state === 'published').length).toBeGreaterThanOrEqual(5);
    expect((await t.api(minutesEndpoints.work, { cookie: await t.login('yezhu'), ...dsct })).status).toBe(403);

    // Paged, with every meeting held at one instant: pages of 2 end inside ties; each meeting once, the
    // unpublished ones (by id) before the published ones (by id), and the board's list the same way.
    const compoundId = dsct.params.compoundId;
    await t.deps.db.updateTable('meetings').set({ starts_at: '2026-11-14T06:30:00.000Z', started_at: null }).where('compound_id', '=', compoundId).execute();
    const closed = await t.deps.db
      .selectFrom('meetings')
      .select('id')
      .where('compound_id', '=', compoundId)
      .where('status', '=', 'closed')
      .orderBy('id')
      .execute();
    const withMinutes = new Set(
      (await t.deps.db.selectFrom('minutes_versions').select('meeting_id').where('compound_id', '=', compoundId).execute()).map((v) => v.meeting_id),
    );
    const ids = closed.map((m) => m.id);
    expect(ids.filter((id) => !withMinutes.has(id))).toHaveLength(2);
    const work = await pageThrough<{ meetingId: string; state: string }>((after) =>
      t.call('GET', listUrl(`/compounds/${compoundId}/minutes`, { after, limit: 2 }), { cookie }),
    );
    expect(repeated(work.items.map((m) => m.meetingId))).toEqual([]);
    expect(work.items.map((m) => m.meetingId)).toEqual([...ids.filter((id) => !withMinutes.has(id)), ...ids.filter((id) => withMinutes.has(id))]);
    expect(work.pages).toBe(Math.ceil(ids.length / 2));
    const board = await pageThrough<{ meetingId: string }>((after) => t.call('GET', listUrl(`/public/compounds/${compoundId}/minutes`, { after, limit: 2 })));
    expect(board.items.map((m) => m.meetingId)).toEqual(ids.filter((id) => withMinutes.has(id)).reverse());
  });
});

describe('PDF download without Chromium', () => {
  it('answers 503 with words saying what to do instead', async () => {
    await generate();
    await publish(await t.login('zhanzhang'));
    const saved = process.env.YISHI_CHROMIUM;
    // The shared browser another test file of this process may have launched goes first: the next PDF launches anew.
    await closePdfRenderer();
    process.env.YISHI_CHROMIUM = '/nonexistent/chromium';
    try {
      // A file endpoint: its refusal is read as JSON here (t.api reads a file endpoint's answer as text).
      const res = await t.call('GET', `/api/public/meetings/${meetingId}/minutes.pdf`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        error: { code: 'minutes_pdf_unavailable', message: expect.stringMatching(/打印.*\/nonexistent\/chromium/) },
      });
    } finally {
      if (saved === undefined) delete process.env.YISHI_CHROMIUM;
      else process.env.YISHI_CHROMIUM = saved;
    }
  });
});

describe('public PDFs: one shared browser, a bounded queue, each published version made once', () => {
  /** A stand-in for Chromium whose pages finish when the test lets them (no timing). */
  function heldBrowser() {
    const rendering: Array<{ job: PdfJob; finish: () => void }> = [];
    let launches = 0;
    const launch = async (): Promise<PdfBrowser> => {
      launches += 1;
      return {
        connected: () => true,
        close: async () => undefined,
        render: (job) =>
          new Promise((resolve) =>
            rendering.push({ job, finish: () => resolve(new TextEncoder().encode(`%PDF-1.7 ${job.footerLabel}`) as Uint8Array<ArrayBuffer>) }),
          ),
      };
    };
    return { launch, rendering, launches: () => launches };
  }
  const pdf = (version?: number) => t.call('GET', `/api/public/meetings/${meetingId}/minutes.pdf${version ? `?version=${version}` : ''}`);

  it('readers at once wait for one rendering; later readers get the kept PDF; a correction is a PDF of its own', async () => {
    await generate();
    const chief = await t.login('zhanzhang');
    await publish(chief);
    const browser = heldBrowser();
    const restore = replacePdfRenderer(new PdfRenderer({ launch: browser.launch, concurrency: 2, maxQueued: 8, retryAfterSeconds: 10, idleMs: 0 }));
    try {
      const readers = [pdf(), pdf(), pdf(1)];
      await expect.poll(() => browser.rendering.length).toBe(1);
      browser.rendering[0]!.finish();
      const answers = await Promise.all(readers);
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
      const bodies = await Promise.all(answers.map((r) => r.text()));
      expect(new Set(bodies).size).toBe(1);
      expect(bodies[0]).toContain('纪要 第 1 版');
      // Read again later: no new rendering.
      expect((await pdf()).status).toBe(200);
      expect(browser.rendering).toHaveLength(1);

      // Version 2: its own PDF; version 1's page now says it was corrected, so it is made again once.
      await correct(chief, `${(await publicVersion()).body}\n补充。\n`, '补充说明');
      const v2 = pdf(2);
      await expect.poll(() => browser.rendering.length).toBe(2);
      browser.rendering[1]!.finish();
      expect(await (await v2).text()).toContain('纪要 第 2 版');
      const v1 = pdf(1);
      await expect.poll(() => browser.rendering.length).toBe(3);
      browser.rendering[2]!.finish();
      expect((await v1).status).toBe(200);
      expect(browser.launches()).toBe(1);
    } finally {
      await restore();
    }
  });

  it('a full queue answers 503 with Retry-After at once, never a growing queue', async () => {
    // Two meetings' minutes, so that two different PDFs are wanted at once.
    await generate();
    const chief = await t.login('zhanzhang');
    await publish(chief);
    await correct(chief, `${(await publicVersion()).body}\n补充。\n`, '补充说明');
    const browser = heldBrowser();
    const renderer = new PdfRenderer({ launch: browser.launch, concurrency: 1, maxQueued: 1, retryAfterSeconds: 12, idleMs: 0 });
    const restore = replacePdfRenderer(renderer);
    try {
      const rendering = pdf(1);
      await expect.poll(() => browser.rendering.length).toBe(1);
      const waiting = pdf(2);
      // The second request reads the database before it queues (slower on PostgreSQL): wait until it waits.
      await expect.poll(() => renderer.stats().queued).toBe(1);
      // A third PDF finds one rendering and one waiting: refused at once, with when to come back.
      const seeded = await t.deps.db.selectFrom('minutes_versions').select('meeting_id').where('meeting_id', '!=', meetingId).executeTakeFirstOrThrow();
      const third = await t.call('GET', `/api/public/meetings/${seeded.meeting_id}/minutes.pdf`);
      expect(third.status).toBe(503);
      expect(third.headers.get('retry-after')).toBe('12');
      expect(await third.json()).toMatchObject({ error: { code: 'pdf_busy', message: '正在生成的 PDF 较多，请 12 秒后再试' } });
      browser.rendering[0]!.finish();
      await expect.poll(() => browser.rendering.length).toBe(2);
      browser.rendering[1]!.finish();
      expect((await rendering).status).toBe(200);
      expect((await waiting).status).toBe(200);
    } finally {
      await restore();
    }
  });
});

describe('regenerating after publication', () => {
  it('brings a later sign-off number into the draft; the public text changes only by a correction', async () => {
    await generate();
    const chief = await t.login('zhanzhang');
    const v1 = (await publish(chief)).data!;
    expect(v1.versions[0]!.body).toMatch(/协调检修二次供水设施；.*状态：待办理/);

    // The open item gets resolved and signed off after the minutes came out.
    const item = await t.deps.db
      .selectFrom('action_items')
      .select('id')
      .where('source_meeting_id', '=', meetingId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    await t.ok(actionItemEndpoints.resolve, { cookie: await t.login('wuye'), params: { itemId: item.id }, body: { evidence: '已检修' } });
    await t.ok(actionItemEndpoints.signOff, { cookie: chief, params: { itemId: item.id }, body: { resolution: '核验完成' } });

    const regenerated = (await generate()).data!;
    expect(regenerated.draft!.body).toMatch(/协调检修二次供水设施；.*状态：已销号；销号编号：DSCT-2026-\d{4}/);
    // Version 1 is untouched.
    expect(regenerated.versions).toHaveLength(1);
    expect(regenerated.versions[0]!.body).toBe(v1.versions[0]!.body);

    const corrected = await correct(chief, regenerated.draft!.body, '补充整改事项销号编号');
    expect(corrected.status).toBe(201);
    expect(corrected.data!.versions.map((v) => v.version)).toEqual([1, 2]);
  });
});

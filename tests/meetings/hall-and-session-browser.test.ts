/**
 * In a real Chromium: a meeting as it is held. The hall screen on a 1280×720 projector during the
 * session (no app header, large type, the current item, the question counts, a QR code to ask from a
 * phone); a resident asking from a phone (the category is a choice said in words, the toast gives the
 * question's number); staff answering (the answerer is the worker, prefilled); closing the session
 * behind a designed dialog; the agenda's durations in English; a meeting held at another time than
 * scheduled; the minutes preview read with the keyboard.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eveningTalkEndpoints, meetingEndpoints, minutesEndpoints } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertHeldMeeting } from '../../packages/server/src/testing/meeting-record.fixture.js';
import {
  animationsSettled,
  chooseOption,
  expectNoSeriousA11yViolations,
  launchBrowser,
  loginWithSessionCookie,
  newPhonePage,
  visibleText,
} from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

const PROJECTOR = { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false };
const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false };

let server: TestServer;
let browser: Browser;
let meetings: Map<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const rows = await server.deps.db.selectFrom('meetings').select(['id', 'title']).execute();
  meetings = new Map(rows.map((m) => [m.title, m.id]));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const meetingId = (title: string) => {
  const id = meetings.get(title);
  if (!id) throw new Error(`no demo meeting "${title}"`);
  return id;
};

async function pageAs(login: string | null, options: Parameters<typeof newPhonePage>[1] = {}): Promise<Page> {
  const page = await newPhonePage(browser, options);
  if (login) await loginWithSessionCookie(page, server.url, login);
  return page;
}

describe('the hall screen on the projector', () => {
  it('during the session: full screen, large type, the counts and a QR code to ask; never "please wait"', async () => {
    const talk = meetingId('围庐夜话·冬季第一场');
    const staff = await new ApiClient(server.url).login('shequ');
    await staff.ok(meetingEndpoints.start, { params: { meetingId: talk } });
    for (const [text, category] of [
      ['小区东门晚上没有路灯，老人出行不便', 'facilities'],
      ['快递车占用消防通道', 'safety'],
    ] as const) {
      await staff.ok(eveningTalkEndpoints.submit, { params: { meetingId: talk }, body: { text, category, askerName: '3栋 李阿姨' } });
    }
    const { counts, items: questions } = await staff.ok(eveningTalkEndpoints.questions, { params: { meetingId: talk } });

    const page = await pageAs(null, PROJECTOR);
    await page.goto(`${server.url}/hall/${talk}`);
    await page.getByRole('heading', { level: 1, name: '围庐夜话·冬季第一场' }).waitFor();
    // No app header, no skip link to it: the screen is the meeting's.
    expect(await page.locator('yishi-app header').count()).toBe(0);
    const text = await visibleText(page, 'yishi-app');
    expect(text).not.toContain('请稍候');
    expect(text).toContain('会议进行中');
    await expect.poll(() => page.locator('.count strong').allTextContents()).toEqual([String(counts.raised), String(counts.answered), String(counts.listed)]);
    // The QR code for asking from a phone, drawn and described.
    const qr = page.getByRole('img', { name: /扫码提问/ });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await page.getByText('微信扫一扫，用手机提问').count()).toBe(1);
    // Large type: the title reads across a room.
    const titleSize = await page.getByRole('heading', { level: 1 }).evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
    expect(titleSize).toBeGreaterThanOrEqual(40);
    // One screen, nothing to scroll.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(720);
    await expectNoSeriousA11yViolations(page);

    // The question the staff put up is shown large, with its number.
    const shown = questions.find((q) => q.text === '小区东门晚上没有路灯，老人出行不便')!;
    await staff.ok(meetingEndpoints.setHallFocus, { params: { meetingId: talk }, body: { questionId: shown.id } });
    await page.locator('.now-text', { hasText: '小区东门晚上没有路灯' }).waitFor();
    expect(await visibleText(page, 'yishi-app')).toContain(`第 ${shown.number} 号问题`);
    await page.screenshot({ path: join(SCREENSHOTS, 'hall-screen.png') });
    await expectNoSeriousA11yViolations(page);

    // The same screen on a phone, normal and elder mode.
    for (const elder of [false, true]) {
      const phone = await pageAs(null);
      if (elder) await phone.addInitScript(() => localStorage.setItem('yishi.elder', '1'));
      await phone.goto(`${server.url}/hall/${talk}`);
      await phone.locator('.now-text', { hasText: '小区东门晚上没有路灯' }).waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await phone.screenshot({ path: join(ARTIFACTS, `hall-360${elder ? '-elder' : ''}.png`), fullPage: true });
      await phone.context().close();
    }
    await page.context().close();
  });

  it('a council in session with nothing put up yet says it is in session and shows its agenda', async () => {
    const council = meetingId('小区环境整治与加装电梯议事会');
    const convener = await new ApiClient(server.url).login('jiedao');
    const started = await convener.ok(meetingEndpoints.start, { params: { meetingId: council } });
    const page = await pageAs(null, PROJECTOR);
    await page.goto(`${server.url}/hall/${council}`);
    await page.getByRole('heading', { level: 1, name: '小区环境整治与加装电梯议事会' }).waitFor();
    const text = await visibleText(page, 'yishi-app');
    expect(text).toContain('会议进行中');
    expect(text).not.toContain('请稍候');
    for (const item of started.agendaItems) expect(text).toContain(item.title);
    // A council takes no questions from the floor: no QR code.
    expect(await page.getByRole('img', { name: /扫码提问/ }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(ARTIFACTS, 'hall-council-1280.png') });
    await page.context().close();
  });
});

describe('asking and answering in the session', () => {
  it('the category is a choice the asker makes, said in words; the toast gives the question number', async () => {
    const talk = meetingId('围庐夜话·冬季第一场');
    const page = await pageAs('jumin');
    await page.goto(`${server.url}/meetings/${talk}/ask`);
    const form = page.locator('yishi-question-form');
    // Sent empty: both problems said at once, the focus on the first, nothing sent (nor kept to send later).
    await form.getByRole('button', { name: '提交问题' }).click();
    await form.locator('p.help.invalid', { hasText: '请写下要反映的问题（至少 2 个字）' }).waitFor();
    await form.locator('p.help.invalid', { hasText: '请选择问题类别' }).waitFor();
    await expect.poll(() => form.getByLabel('问题内容').evaluate((field) => (field.getRootNode() as ShadowRoot).activeElement === field)).toBe(true);
    await form.getByLabel('问题内容').fill('单元门禁经常坏');
    // Nothing is chosen for the asker.
    expect(await form.getByLabel('类别', { exact: true }).inputValue()).toBe('');
    await form.getByRole('button', { name: '提交问题' }).click();
    // Under the field, read with it (the select's description), and the focus on it.
    await form.locator('p.help.invalid', { hasText: '请选择问题类别' }).waitFor();
    const category = form.getByLabel('类别', { exact: true });
    expect(await category.getAttribute('aria-invalid')).toBe('true');
    expect(
      await category.evaluate((select) => select.getRootNode() instanceof ShadowRoot && (select.getRootNode() as ShadowRoot).activeElement === select),
    ).toBe(true);
    await expectNoSeriousA11yViolations(page);
    const staff = await new ApiClient(server.url).login('shequ');
    const before = await staff.ok(eveningTalkEndpoints.questions, { params: { meetingId: talk } });
    expect(before.items.some((q) => q.text === '单元门禁经常坏')).toBe(false);

    await chooseOption(form, 'category', '设施维修');
    await form.getByRole('button', { name: '提交问题' }).click();
    const toast = page.locator('.toast', { hasText: '问题已提交，编号' });
    await toast.waitFor();
    // Read as it shows: the toast leaves after 5 s, which a loaded machine can spend on the request below.
    const toastText = await toast.textContent();
    const after = await staff.ok(eveningTalkEndpoints.questions, { params: { meetingId: talk } });
    const filed = after.items.find((q) => q.text === '单元门禁经常坏')!;
    expect(filed.category).toBe('facilities');
    expect(toastText).toContain(`问题已提交，编号 ${filed.number}`);
    expect(await visibleText(page)).toContain(`编号 ${filed.number}`);
    await page.screenshot({ path: join(ARTIFACTS, 'ask-360.png'), fullPage: true });
    await page.context().close();
  });

  it('staff answering find their own name as the answerer, and may change it', async () => {
    const talk = meetingId('围庐夜话·冬季第一场');
    const page = await pageAs('shequ', DESKTOP);
    await page.goto(`${server.url}/meetings/${talk}`);
    const question = page.locator('li.question', { hasText: '快递车占用消防通道' });
    await question.getByRole('button', { name: '现场答复' }).click();
    const answerer = question.getByLabel('答复人（如“物业 吴涛”）');
    await expect.poll(() => answerer.inputValue()).toBe('张敏');
    await question.getByLabel('答复内容').fill('物业今晚起安排专人疏导');
    await question.getByRole('button', { name: '保存' }).click();
    await question.getByText('张敏 答复：物业今晚起安排专人疏导').waitFor();
    await page.context().close();
  });

  it('merging a duplicate asks which question it repeats: nothing is chosen for the worker', async () => {
    const talk = meetingId('围庐夜话·冬季第一场');
    const page = await pageAs('shequ', DESKTOP);
    await page.goto(`${server.url}/meetings/${talk}`);
    const question = page.locator('li.question', { hasText: '单元门禁经常坏' });
    await question.getByRole('button', { name: '合并到' }).click();
    const target = question.getByLabel('重复的问题编号');
    expect(await target.inputValue()).toBe('');
    await question.getByRole('button', { name: '保存' }).click();
    await question.getByText('请选择与它重复的是哪个问题').waitFor();
    const staff = await new ApiClient(server.url).login('shequ');
    const listed = await staff.ok(eveningTalkEndpoints.questions, { params: { meetingId: talk } });
    expect(listed.items.find((q) => q.text === '单元门禁经常坏')?.status).toBe('raised');
    await question.getByRole('button', { name: '取消' }).click();
    await page.context().close();
  });

  it('closing the session asks in a designed dialog, not the browser’s confirm()', async () => {
    const talk = meetingId('围庐夜话·冬季第一场');
    const page = await pageAs('shequ', DESKTOP);
    const browserDialogs: string[] = [];
    page.on('dialog', (dialog) => {
      browserDialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${server.url}/meetings/${talk}`);
    await page.getByRole('button', { name: '结束会议' }).click();
    // A modal dialog, named by its title.
    await page.getByRole('dialog', { name: '结束会议' }).waitFor();
    const dialog = page.locator('dialog[open]');
    await dialog.getByText('结束后不能再开始').waitFor();
    // Questions nobody has handled yet are said before closing.
    const staff = await new ApiClient(server.url).login('shequ');
    const { questionCounts } = await staff.ok(meetingEndpoints.get, { params: { meetingId: talk } });
    expect(questionCounts!.open).toBeGreaterThan(0);
    await dialog.getByText(`还有 ${questionCounts!.open} 个问题没有答复、记录或列入问题清单`).waitFor();
    await animationsSettled(page);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(ARTIFACTS, 'close-dialog-1280.png') });
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
    expect(await visibleText(page)).toContain('会议进行中');
    await page.getByRole('button', { name: '结束会议' }).click();
    await page.locator('dialog[open]').getByRole('button', { name: '确定结束' }).click();
    await page.locator('.toast', { hasText: '已完成：结束会议' }).waitFor();
    await expect.poll(() => visibleText(page)).toContain('已结束');
    expect(browserDialogs).toEqual([]);
    await page.context().close();

    // A resident who follows the ask link after the talk is told it is over, and where to go instead.
    const resident = await pageAs('jumin');
    await resident.goto(`${server.url}/meetings/${talk}/ask`);
    await resident.getByText('这场夜谈已经结束，不再收集问题').waitFor();
    expect(await resident.getByRole('link', { name: '查看问题和答复' }).getAttribute('href')).toBe(`/meetings/${talk}`);
    expect(await resident.getByRole('link', { name: '反映新问题' }).getAttribute('href')).toBe(
      `/compounds/${await compoundIdByCode(server.deps, 'DSCT')}/concerns`,
    );
    await resident.context().close();
  });
});

describe('a meeting held at another time than scheduled', () => {
  it('the meeting page and the board give the time it was held, with the scheduled time beside it', async () => {
    // Scheduled for Wednesday 9 Dec 2026 14:30; held on Thursday 19 Nov, 09:00–10:50.
    const { meetingId: moved } = await insertHeldMeeting(server.deps, {
      startsAt: new Date('2026-11-19T01:00:00.000Z'),
      scheduledFor: new Date('2026-12-09T06:30:00.000Z'),
      title: '提前召开的停车议事会',
      vote: null,
      actionItems: [],
    });
    const page = await pageAs('zhanzhang', DESKTOP);
    await page.goto(`${server.url}/meetings/${moved}`);
    await page.getByRole('heading', { level: 1, name: '提前召开的停车议事会' }).waitFor();
    await expect.poll(() => visibleText(page)).toContain('2026年11月19日（周四） 09:00—10:50');
    expect(await visibleText(page)).toContain('原定 2026年12月9日（周三） 14:30');
    await page.goto(`${server.url}/board/${await compoundIdByCode(server.deps, 'DSCT')}`);
    const recent = page.locator('yishi-board-meetings li', { hasText: '提前召开的停车议事会' });
    await recent.waitFor();
    expect(await recent.textContent()).toContain('2026年11月19日（周四）');
    expect(await recent.textContent()).toContain('原定 2026年12月9日（周三） 14:30');
    await page.context().close();
  });
});

describe("the board's meeting calendar", () => {
  it('is offered to subscribe (webcal://) and as its https address, both on the server address, reaching the same calendar', async () => {
    const dsct = await compoundIdByCode(server.deps, 'DSCT');
    const page = await pageAs('zhanzhang', DESKTOP);
    await page.goto(`${server.url}/board/${dsct}`);
    const section = page.locator('yishi-board-meetings');
    const subscribe = section.getByRole('link', { name: /订阅会议日历/ });
    await subscribe.waitFor();
    const https = await section.getByRole('link', { name: /会议日历网址/ }).getAttribute('href');
    expect(https).toBe(`${server.url}/api/public/compounds/${dsct}/meetings.ics`);
    expect(await subscribe.getAttribute('href')).toBe(https!.replace(/^http:/, 'webcal:'));
    const calendar = await fetch(https!);
    expect(calendar.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await calendar.text()).toContain('BEGIN:VEVENT');
    await page.context().close();
  });
});

describe('a meeting that will not take place', () => {
  it('the convener cancels it after asking in a dialog; the board says it is cancelled and the calendar keeps it as CANCELLED', async () => {
    const dsct = await compoundIdByCode(server.deps, 'DSCT');
    const staff = await new ApiClient(server.url).login('zhanzhang');
    const { meeting } = await staff.ok(meetingEndpoints.create, {
      params: { compoundId: dsct },
      body: { kind: 'evening_talk', title: '取消测试夜谈', startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), place: '服务站' },
    });
    await staff.ok(meetingEndpoints.schedule, { params: { meetingId: meeting.id } });
    const page = await pageAs('zhanzhang', DESKTOP);
    await page.goto(`${server.url}/meetings/${meeting.id}`);
    await page.getByRole('button', { name: '取消会议' }).click();
    await page.locator('dialog[open]').getByRole('button', { name: '确定取消会议' }).click();
    await expect.poll(() => visibleText(page)).toContain('已取消');
    await page.goto(`${server.url}/board/${dsct}`);
    const card = page.locator('yishi-board-meetings article', { hasText: '取消测试夜谈' });
    await card.waitFor();
    expect(await card.textContent()).toContain('本次会议已取消');
    expect(await card.locator('yishi-ask-qr-code').count()).toBe(0);
    const ics = await (await fetch(`${server.url}/api/public/compounds/${dsct}/meetings.ics`)).text();
    const event = ics.split('BEGIN:VEVENT').find((e) => e.includes(`UID:${meeting.id}@yishi`));
    expect(event).toContain('STATUS:CANCELLED');
    await page.context().close();
  });
});

describe('an outcome agreed by some parties only', () => {
  it('the meeting page says 部分同意 and names who did not agree, as the minutes do; never 达成一致', async () => {
    const { meetingId: held } = await insertHeldMeeting(server.deps, {
      startsAt: new Date(Date.now() - 30 * 3_600_000),
      title: '部分同意测试议事会',
      vote: null,
      actionItems: [],
      agenda: [{ title: '车位划线', notes: '', outcome: 'agreed', agreedParties: ['community', 'owners_committee', 'property_manager'] }],
    });
    const page = await pageAs('zhanzhang', DESKTOP);
    await page.goto(`${server.url}/meetings/${held}`);
    const item = page.locator('yishi-agenda-outcomes li', { hasText: '车位划线' });
    await item.waitFor();
    const text = (await item.textContent())!.replace(/\s+/g, ' ');
    expect(text).toContain('部分同意');
    expect(text).not.toContain('达成一致');
    expect(text).toMatch(/未同意的出席方：\s*职能部门/);
    await page.context().close();
  });
});

describe('the agenda in English', () => {
  it('durations read in English', async () => {
    const page = await pageAs('zhanzhang', DESKTOP);
    await page.goto(`${server.url}/meetings/${meetingId('地下车库停车难专题议事会')}`);
    await page.getByText('已达到法定人数').waitFor();
    await page.locator('yishi-app header').getByRole('button', { name: 'English' }).click();
    await expect.poll(() => visibleText(page)).toContain('Quorum reached');
    const text = await visibleText(page);
    expect(text).toMatch(/\d+ min/);
    expect(text).not.toContain('分钟');
    await page.context().close();
  });
});

describe('the minutes preview', () => {
  it('is a labelled region the keyboard can scroll, and shows the date, place and convener the minutes will carry', async () => {
    const { meetingId: held } = await insertHeldMeeting(server.deps, { startsAt: new Date(Date.now() - 26 * 3_600_000), title: '预览测试议事会', vote: null });
    const chief = await new ApiClient(server.url).login('zhanzhang');
    await chief.ok(minutesEndpoints.generate, { params: { meetingId: held } });
    const page = await pageAs('zhanzhang');
    await page.goto(`${server.url}/meetings/${held}/minutes`);
    const preview = page.getByRole('region', { name: '纪要预览' });
    await preview.getByRole('heading', { name: /参会人员/ }).waitFor();
    // The header the published minutes carry (it was missing from the draft's preview).
    const header = await visibleText(preview.locator('dl.minutes-header'));
    expect(header).toMatch(/时间\s*\d{4}年\d{1,2}月\d{1,2}日/);
    expect(header).toMatch(/地点\s*都市春天服务站二楼会议室/);
    expect(header).toMatch(/召集人\s*\S+/);
    expect(await preview.getAttribute('tabindex')).toBe('0');
    await preview.focus();
    await page.keyboard.press('PageDown');
    await expect.poll(() => preview.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(page);
    await page.context().close();
  });
});

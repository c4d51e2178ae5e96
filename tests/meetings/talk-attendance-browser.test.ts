/**
 * Who came to an evening talk, noted on a phone (real Chromium, 360 px) during the talk: the community
 * worker gives roughly how many residents came — a negative number or words are refused under the
 * field, in words, and nothing is sent — and notes two cadres with their organisations. The meeting
 * page shows them (after a reload too), offline the form says it needs the network, and the minutes
 * draft's 参会人员 says them. Elder mode and accessibility checked; screenshots to look at.
 * Three cadres noted in a row leave one notice, at the bottom, over neither the first row's 移除 nor
 * the field being typed in; 移除 offers 撤销 in its notice (by keyboard too), which brings the cadre
 * back; Escape closes a notice.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { meetingEndpoints, minutesEndpoints } from '@yishi/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  animationsSettled,
  expectNoSeriousA11yViolations,
  launchBrowser,
  loginWithSessionCookie,
  setElderModeSwitch,
  withPhonePage,
} from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { focusedControl } from '../support/forms.js';
import { coveredBy } from '../support/hit.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

let server: TestServer;
let browser: Browser;

/** An evening talk by the worker of DSCT, started, so that who came can be noted. */
async function startedTalk(title: string): Promise<string> {
  const worker = await new ApiClient(server.url).login('shequ');
  const compoundId = await compoundIdByCode(server.deps, 'DSCT');
  const created = await worker.ok(meetingEndpoints.create, {
    params: { compoundId },
    body: { kind: 'evening_talk', title, startsAt: new Date(Date.now() + 20 * 60_000).toISOString(), place: '都市春天小区广场' },
  });
  await worker.ok(meetingEndpoints.schedule, { params: { meetingId: created.meeting.id } });
  await worker.ok(meetingEndpoints.start, { params: { meetingId: created.meeting.id } });
  return created.meeting.id;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('the worker notes 40 residents and two cadres during a talk; a bad number is refused in words; the minutes say them', async () => {
  const worker = await new ApiClient(server.url).login('shequ');
  const compoundId = await compoundIdByCode(server.deps, 'DSCT');
  const created = await worker.ok(meetingEndpoints.create, {
    params: { compoundId },
    body: { kind: 'evening_talk', title: '到场登记夜谈', startsAt: new Date(Date.now() + 20 * 60_000).toISOString(), place: '都市春天小区广场' },
  });
  const meetingId = created.meeting.id;
  await worker.ok(meetingEndpoints.schedule, { params: { meetingId } });
  await worker.ok(meetingEndpoints.start, { params: { meetingId } });

  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'shequ');
    await page.goto(`${server.url}/meetings/${meetingId}`);
    const section = page.locator('yishi-talk-attendance');
    const summary = section.locator('p.summary');
    await poll(() => summary.textContent()).toContain('尚未登记到场情况');
    const sent: string[] = [];
    page.on('request', (request) => void (request.url().includes(`/api/meetings/${meetingId}/`) && request.method() !== 'GET' && sent.push(request.url())));

    // A negative number, then words: refused under the field, in words, the focus on it, nothing sent.
    const count = section.getByLabel('到场居民人数（约）');
    for (const typed of ['-3', '四十人']) {
      await count.fill(typed);
      await section.getByRole('button', { name: '保存人数' }).click();
      await poll(() => section.locator('#residents-problem').textContent()).toBe('到场居民人数请填写 0 或正整数（如 40）');
      expect(await count.getAttribute('aria-invalid')).toBe('true');
      await poll(() => focusedControl(page)).toBe('residents');
    }
    expect(sent).toEqual([]);
    await count.fill('40');
    await section.getByRole('button', { name: '保存人数' }).click();
    await poll(() => summary.textContent()).toContain('居民群众约 40 人');
    expect(await section.locator('#residents-problem').count()).toBe(0);

    // A cadre without a name is refused under the name; then two noted one after the other.
    await section.getByRole('button', { name: '登记到场' }).click();
    await poll(() => section.locator('#name-problem').textContent()).toBe('请填写姓名');
    for (const [name, organisation] of [
      ['李明', '社区居委会'],
      ['王芳', '服务站'],
    ] as const) {
      await section.getByLabel('姓名').fill(name);
      await section.getByLabel('单位或部门（如 社区居委会）').fill(organisation);
      await section.getByRole('button', { name: '登记到场' }).click();
      await section.locator('ul.staff li', { hasText: `${name} · ${organisation}` }).waitFor();
      await poll(() => section.getByLabel('姓名').inputValue()).toBe('');
    }
    await poll(() => summary.textContent()).toContain('居民群众约 40 人 · 干部和工作人员 2 人');
    await expectNoSeriousA11yViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    // After a reload, as saved.
    await page.reload();
    await poll(() => summary.textContent()).toContain('居民群众约 40 人 · 干部和工作人员 2 人');
    expect(await section.getByLabel('到场居民人数（约）').inputValue()).toBe('40');
    expect(await section.locator('ul.staff li').allTextContents()).toEqual([
      expect.stringContaining('李明 · 社区居委会'),
      expect.stringContaining('王芳 · 服务站'),
    ]);
    await section.screenshot({ path: join(ARTIFACTS, 'talk-attendance.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'talk-attendance-page.png'), fullPage: true });

    await setElderModeSwitch(page, true);
    await expectNoSeriousA11yViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await section.screenshot({ path: join(ARTIFACTS, 'talk-attendance-elder.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'talk-attendance-elder-page.png'), fullPage: true });
    await setElderModeSwitch(page, false);

    // No network: the form says it needs it, and its buttons wait.
    await page.context().setOffline(true);
    await poll(() => section.locator('p.alert').textContent()).toContain('需要联网才能登记到场情况');
    expect(await section.getByRole('button', { name: '保存人数' }).isDisabled()).toBe(true);
    expect(await section.getByRole('button', { name: '登记到场' }).isDisabled()).toBe(true);
    await page.context().setOffline(false);
    await poll(() => section.locator('p.alert').count()).toBe(0);
  });

  await worker.ok(meetingEndpoints.close, { params: { meetingId } });
  const minutes = await worker.ok(minutesEndpoints.generate, { params: { meetingId } });
  const attendance = minutes.draft!.body.slice(minutes.draft!.body.indexOf('## 一、参会人员'), minutes.draft!.body.indexOf('## 二'));
  expect(attendance).toContain('干部和工作人员：李明（社区居委会）、王芳（服务站）；居民群众约 40 人参加。');
  expect(attendance).not.toContain('未逐一签到登记');
});

test('three cadres noted in a row leave one notice at the bottom, over no 移除; 移除 offers 撤销, which brings the cadre back', async () => {
  const meetingId = await startedTalk('提示位置夜谈');
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'shequ');
    await page.goto(`${server.url}/meetings/${meetingId}`);
    const section = page.locator('yishi-talk-attendance');
    const rows = section.locator('ul.staff li');
    const notices = page.locator('#yishi-toasts .toast');
    await poll(() => section.locator('p.summary').textContent()).toContain('尚未登记到场情况');

    // Noted one after another, as they walk in: each notice replaces the one before.
    for (const [name, organisation] of [
      ['李明', '社区居委会'],
      ['王芳', '服务站'],
      ['张伟', '城管执法队'],
    ] as const) {
      await section.getByLabel('姓名').fill(name);
      await section.getByLabel('单位或部门（如 社区居委会）').fill(organisation);
      await section.getByRole('button', { name: '登记到场' }).click();
      await rows.filter({ hasText: `${name} · ${organisation}` }).waitFor();
      await poll(() => section.getByLabel('姓名').inputValue()).toBe('');
    }
    await poll(() => notices.allTextContents()).toEqual([expect.stringContaining('已登记：张伟')]);
    await animationsSettled(page);

    // The one notice stands at the bottom of the window; the first row's 移除 and the name field the
    // keyboard is in (the next cadre's) are not under it, wherever the first row is scrolled to.
    const notice = (await notices.boundingBox())!;
    expect(notice.y + notice.height).toBeGreaterThan(740 - 40);
    const firstRemove = rows.first().getByRole('button', { name: /^移除/ });
    expect(await firstRemove.getAttribute('aria-label')).toBe('移除 张伟');
    expect(await coveredBy(firstRemove)).toBeNull();
    expect(await coveredBy(section.getByLabel('姓名'))).toBeNull();
    for (const block of ['start', 'center', 'end'] as const) {
      await firstRemove.evaluate((button, b) => button.scrollIntoView({ block: b }), block);
      // At the window's bottom edge, the page has room to scroll the button up from under the notice.
      if (block === 'end') await page.evaluate((h) => scrollBy(0, h + 8), notice.height);
      expect(await coveredBy(firstRemove), `the first 移除 scrolled to ${block}`).toBeNull();
    }
    await page.screenshot({ path: join(ARTIFACTS, 'talk-attendance-notice.png') });
    await setElderModeSwitch(page, true);
    await section.getByLabel('姓名').fill('赵强');
    await section.getByRole('button', { name: '登记到场' }).click();
    await poll(() => notices.allTextContents()).toEqual([expect.stringContaining('已登记：赵强')]);
    await animationsSettled(page);
    expect(await coveredBy(section.getByLabel('姓名'))).toBeNull();
    await firstRemove.evaluate((button) => button.scrollIntoView({ block: 'center' }));
    expect(await coveredBy(firstRemove)).toBeNull();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(ARTIFACTS, 'talk-attendance-notice-elder.png') });
    await setElderModeSwitch(page, false);

    // 移除 by keyboard: the row goes, the notice offers 撤销 and the keyboard is on it; Enter brings 张伟 back,
    // the keyboard on his 移除 again.
    await firstRemove.focus();
    await page.keyboard.press('Enter');
    await poll(() => rows.allTextContents()).not.toContainEqual(expect.stringContaining('张伟'));
    const undo = notices.getByRole('button', { name: '撤销' });
    await poll(() => notices.allTextContents()).toEqual([expect.stringContaining('已移除：张伟')]);
    await poll(() => undo.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await page.locator('#yishi-toasts').getAttribute('aria-live')).toBe('polite');
    await page.screenshot({ path: join(ARTIFACTS, 'talk-attendance-undo.png') });
    await page.keyboard.press('Enter');
    await rows.filter({ hasText: '张伟 · 城管执法队' }).waitFor();
    await poll(() => notices.allTextContents()).toEqual([expect.stringContaining('已撤销移除：张伟')]);
    const focusedLabel = () =>
      page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.getAttribute('aria-label') ?? el?.tagName;
      });
    await poll(focusedLabel).toBe('移除 张伟');
    expect(await rows.allTextContents()).toEqual([
      expect.stringContaining('张伟 · 城管执法队'),
      expect.stringContaining('李明 · 社区居委会'),
      expect.stringContaining('王芳 · 服务站'),
      expect.stringContaining('赵强'),
    ]);

    // 移除 by a tap, and Escape: the notice goes at once, the removal stands.
    await rows.filter({ hasText: '王芳' }).getByRole('button', { name: '移除 王芳' }).click();
    await poll(() => notices.allTextContents()).toEqual([expect.stringContaining('已移除：王芳')]);
    await page.keyboard.press('Escape');
    await poll(() => notices.count()).toBe(0);
    await poll(() => section.locator('p.summary').textContent()).toContain('干部和工作人员 3 人');
  });
  const view = await (await new ApiClient(server.url).login('shequ')).ok(meetingEndpoints.get, { params: { meetingId } });
  expect(view.attendance.map((a) => a.name).sort()).toEqual(['张伟', '李明', '赵强'].sort());
});

/**
 * The secretary corrects the minutes' heading on a phone before publishing (real Chromium, 360 px):
 * 记录人 starts as whoever generated the draft; she opens 修改文头, a place left empty is refused in
 * words under its field, the corrected heading shows in the preview at once and after a reload, and
 * the published version carries it; a change typed but not saved is named in the publish dialog; after
 * publication the form says a correction carries it. Elder mode and accessibility checked. An English
 * reader of the published minutes (and of the staff's preview) reads the heading's kind and time in
 * English, while the Chinese page shows the document's words unchanged.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minutesEndpoints } from '@yishi/core';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { insertHeldMeeting } from '../../packages/server/src/testing/meeting-record.fixture.js';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, setElderModeSwitch, withPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { focusedControl } from '../support/forms.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('the heading is corrected before publication, refused in words when the place is empty, and published as corrected', async () => {
  const { meetingId } = await insertHeldMeeting(server.deps, { startsAt: new Date(Date.now() - 26 * 3_600_000), title: '文头测试议事会', vote: null });
  const chief = await new ApiClient(server.url).login('zhanzhang');
  const generated = await chief.ok(minutesEndpoints.generate, { params: { meetingId } });
  const generator = generated.draft!.header.recorder;

  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}/meetings/${meetingId}/minutes`);
    const editor = page.locator('yishi-minutes-page');
    const preview = editor.getByRole('region', { name: /预览/ });
    /** The heading as the preview lists it, label and value run together ("记录人张敏"). */
    const heading = async () => ((await preview.locator('dl.minutes-header').textContent()) ?? '').replace(/\s+/g, '');
    await poll(() => heading()).toContain(`记录人${generator}`);

    await editor.getByRole('button', { name: /修改文头/ }).click();
    const form = editor.locator('yishi-minutes-header-form form');
    await poll(() => focusedControl(page)).toBe('recorder');
    expect(await form.getByLabel('记录人').inputValue()).toBe(generator);
    await form.getByLabel('记录人').fill('张敏');
    await form.getByLabel('发布单位').fill('宜阳社区居民委员会');
    await form.getByLabel('地点').fill('');
    await form.getByRole('button', { name: '保存文头' }).click();
    await poll(() => form.locator('#place-problem').textContent()).toContain('请填写会议地点');
    expect(await form.getByLabel('地点').getAttribute('aria-invalid')).toBe('true');
    await poll(() => focusedControl(page)).toBe('place');
    expect(await heading()).toContain(`记录人${generator}`);

    await form.getByLabel('地点').fill('宜阳社区党群服务中心二楼');
    await form.getByRole('button', { name: '保存文头' }).click();
    await poll(() => form.count()).toBe(0);
    const shown = await heading();
    expect(shown).toContain('记录人张敏');
    expect(shown).toContain('发布单位宜阳社区居民委员会');
    expect(shown).toContain('地点宜阳社区党群服务中心二楼');
    await page.reload();
    await poll(() => heading()).toContain('记录人张敏');

    await setElderModeSwitch(page, true);
    await editor.getByRole('button', { name: /修改文头/ }).click();
    await form.waitFor();
    await expectNoSeriousA11yViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await form.screenshot({ path: join(ARTIFACTS, 'minutes-header-form-elder.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'minutes-header-form-elder-page.png'), fullPage: true });
    await form.getByRole('button', { name: '取消' }).click();
    await poll(() => form.count()).toBe(0);
    await setElderModeSwitch(page, false);

    // A change typed but not saved: the publish dialog says so before anything goes out.
    await editor.getByRole('button', { name: /修改文头/ }).click();
    await form.getByLabel('记录人').fill('李娜');
    await editor.getByRole('button', { name: '审核并公示' }).click();
    const ask = editor.locator('dialog[open]');
    await ask.getByText(/文头的修改还没有保存/).waitFor();
    await ask.getByRole('button', { name: '取消' }).click();
    await form.getByRole('button', { name: '取消' }).click();
  });

  const published = await chief.ok(minutesEndpoints.publish, { params: { meetingId }, body: { confirm: true } });
  expect(published.versions[0]!.header).toMatchObject({ recorder: '张敏', issuer: '宜阳社区居民委员会', place: '宜阳社区党群服务中心二楼' });

  // Published: the heading is still corrected here, and goes out with the next correction.
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}/meetings/${meetingId}/minutes`);
    const editor = page.locator('yishi-minutes-page');
    await editor.getByRole('button', { name: /修改文头/ }).click();
    await editor.getByText(/已公示的版本不会改变/).waitFor();
  });
});

/** The header's rows as the page shows them: label → value. */
async function headerRows(scope: Locator): Promise<Record<string, string>> {
  const list = scope.locator('dl.minutes-header').first();
  const labels = await list.locator('dt').allTextContents();
  const values = await list.locator('dd').allTextContents();
  return Object.fromEntries(labels.map((label, i) => [label.trim(), (values[i] ?? '').trim()]));
}

test('an English reader reads the heading’s kind and time in English; what people wrote, and the Chinese page, stay as written', async () => {
  // Held on Saturday 5 Dec 2026 19:30–21:20 China time; the notice had said Friday 4 Dec 19:30.
  const { meetingId } = await insertHeldMeeting(server.deps, {
    startsAt: new Date('2026-12-05T11:30:00.000Z'),
    scheduledFor: new Date('2026-12-04T11:30:00.000Z'),
    title: '英文文头议事会',
    vote: null,
  });
  const chief = await new ApiClient(server.url).login('zhanzhang');
  await chief.ok(minutesEndpoints.generate, { params: { meetingId } });
  const published = await chief.ok(minutesEndpoints.publish, { params: { meetingId }, body: { confirm: true } });
  const header = published.versions[0]!.header;
  const chineseWhen = '2026年12月5日（周六） 19:30—21:20（原定 2026年12月4日（周五） 19:30）';
  // The document itself keeps its Chinese words.
  expect(header.when).toBe(chineseWhen);

  await withPhonePage(browser, async (page) => {
    await page.goto(`${server.url}/minutes/${meetingId}`);
    const minutes = page.locator('yishi-minutes-public-page');
    await poll(() => headerRows(minutes)).toMatchObject({ 会议类型: '四方共治议事会', 时间: chineseWhen, 地点: header.place, 召集人: header.convener });
    await page.screenshot({ path: join(ARTIFACTS, 'minutes-public-header-zh.png'), fullPage: true });
    await setElderModeSwitch(page, true);
    await page.screenshot({ path: join(ARTIFACTS, 'minutes-public-header-zh-elder.png'), fullPage: true });
    await setElderModeSwitch(page, false);

    await page.locator('yishi-app header').getByRole('button', { name: 'English' }).click();
    await poll(() => headerRows(minutes)).toMatchObject({
      Meeting: 'Four-party council',
      When: 'Sat 5 Dec 2026 19:30—21:20 (scheduled for Fri 4 Dec 2026 19:30)',
      // Free text people entered stays as entered.
      Place: header.place,
    });
    const rows = await headerRows(minutes);
    expect(rows.Meeting).not.toMatch(/[\u4e00-\u9fff]/);
    expect(rows.When).not.toMatch(/[年月日周]/);
    expect(await minutes.locator('dl.minutes-header').getAttribute('lang')).toBe('en');
    // The minutes' text is the Chinese document, still.
    await minutes
      .locator('yishi-minutes-body')
      .getByRole('heading', { name: /参会人员/ })
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(ARTIFACTS, 'minutes-public-header-en.png'), fullPage: true });
    await setElderModeSwitch(page, true);
    await page.screenshot({ path: join(ARTIFACTS, 'minutes-public-header-en-elder.png'), fullPage: true });
  });

  // The staff's page previews the same heading in the reader's language.
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}/meetings/${meetingId}/minutes`);
    await page.locator('yishi-app header').getByRole('button', { name: 'English' }).click();
    const editor = page.locator('yishi-minutes-page');
    await poll(() => headerRows(editor)).toMatchObject({
      Meeting: 'Four-party council',
      When: 'Sat 5 Dec 2026 19:30—21:20 (scheduled for Fri 4 Dec 2026 19:30)',
    });
    await page.screenshot({ path: join(ARTIFACTS, 'minutes-staff-header-en.png'), fullPage: true });
  });
});

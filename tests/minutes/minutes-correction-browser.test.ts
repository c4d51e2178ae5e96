/**
 * A correction of published minutes must change something: with the draft's text and heading still
 * those of the latest published version, 发布更正版本 stays disabled and says why under it, however
 * the reason is filled in; once the text is corrected it can be published (real Chromium, 360 px,
 * normal and elder mode).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minutesEndpoints } from '@yishi/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { insertHeldMeeting } from '../../packages/server/src/testing/meeting-record.fixture.js';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, setElderModeSwitch, withPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
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

test('a correction with the text unchanged is not offered: the button is disabled with the reason, until the text is corrected', async () => {
  const { meetingId } = await insertHeldMeeting(server.deps, { startsAt: new Date(Date.now() - 26 * 3_600_000), title: '更正测试议事会', vote: null });
  const chief = await new ApiClient(server.url).login('zhanzhang');
  await chief.ok(minutesEndpoints.generate, { params: { meetingId } });
  await chief.ok(minutesEndpoints.publish, { params: { meetingId }, body: { confirm: true } });

  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}/meetings/${meetingId}/minutes`);
    const editor = page.locator('yishi-minutes-page');
    const button = editor.getByRole('button', { name: '发布更正版本' });
    const note = editor.getByText('正文和文头与已公示的第 1 版相同，没有需要更正的内容');
    await editor.getByLabel('更正原因').fill('测试');
    await note.waitFor();
    expect(await button.isDisabled()).toBe(true);
    expect(await button.getAttribute('aria-describedby')).toBe('correction-unchanged');
    await page.screenshot({ path: join(ARTIFACTS, 'minutes-correction-unchanged.png'), fullPage: true });
    await setElderModeSwitch(page, true);
    await note.waitFor();
    await expectNoSeriousA11yViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'minutes-correction-unchanged-elder.png'), fullPage: true });
    await setElderModeSwitch(page, false);

    // The text corrected in the draft: the note goes and the correction is asked, then published.
    const text = editor.locator('textarea').first();
    await poll(async () => (await text.inputValue()).length).toBeGreaterThan(0);
    await text.fill(`${await text.inputValue()}\n\n补记：会后已电话告知缺席方。\n`);
    await note.waitFor({ state: 'detached' });
    await poll(() => button.isDisabled()).toBe(false);
    await button.click();
    const ask = editor.locator('dialog[open]');
    await ask.getByRole('button', { name: /确认/ }).click();
    await editor.getByRole('link', { name: '第 2 版' }).waitFor();
  });
  const after = await chief.ok(minutesEndpoints.get, { params: { meetingId } });
  expect(after.versions.map((v) => [v.version, v.reason])).toEqual([
    [1, null],
    [2, '测试'],
  ]);
});

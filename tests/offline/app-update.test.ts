/**
 * Updates without surprises (issue 19): in a real Chromium with service workers allowed, a second
 * build's worker waits; the shell offers "有新版本，刷新后使用", and nothing reloads until it is tapped.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, newPhonePage } from '../support/browser.js';
import { WEB_DIST, startTestServer } from '../support/server.js';
import { controlled } from './worker.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const PHONE_390 = { viewport: { width: 390, height: 844 } };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser({ serviceWorkers: 'allow' });
});
afterAll(async () => {
  await browser?.close();
});

describe('updates without surprises', () => {
  test("a second build's worker waits; the shell offers to reload and reloads only when asked", async () => {
    // A copy of the built app this test may change: sw.js edited is a new version to the browser.
    const dist = mkdtempSync(join(tmpdir(), 'yishi-pwa-'));
    cpSync(WEB_DIST, dist, { recursive: true });
    const second = await startTestServer({ config: { webDist: dist } });
    const page = await newPhonePage(browser, PHONE_390);
    try {
      await loginWithSessionCookie(page, second.url, 'yezhu');
      await page.goto(`${second.url}/`);
      await page.locator('main').getByRole('heading', { level: 1 }).waitFor();
      await controlled(page);
      // Nothing waits: the page registered its worker without fetching workbox-window, which only an update needs.
      const fetchedWorkbox = (p: typeof page) =>
        p.evaluate(() => performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.includes('workbox-window')));
      expect(await fetchedWorkbox(page)).toBe(false);
      const sw = join(dist, 'sw.js');
      writeFileSync(sw, `${readFileSync(sw, 'utf8')}\n// a second build\n`);
      await page.evaluate(() => {
        (window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
      });
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      const prompt = page.locator('yishi-connection-bar');
      await prompt.getByText('有新版本，刷新后使用').waitFor();
      // It waits: the old worker still controls the page, and the page was not reloaded.
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting !== null))).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)).toBe(true);
      expect(await fetchedWorkbox(page)).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, 'update-prompt.png'), fullPage: false });
      await expectNoSeriousA11yViolations(page);
      // A page opened while the new version waits (another tab) offers it too: the version was there before it looked.
      const other = await page.context().newPage();
      await other.goto(`${second.url}/`);
      await other.locator('yishi-connection-bar').getByText('有新版本，刷新后使用').waitFor();
      await other.close();
      await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: '刷新' }).click()]);
      expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)).toBeUndefined();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting ?? null))).toBeNull();
      expect(await prompt.getByText('有新版本，刷新后使用').count()).toBe(0);
    } finally {
      await page.context().close();
      await second.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

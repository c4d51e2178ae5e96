/**
 * The governance dashboard in a real Chromium: the subdistrict committee sees the demo figures as
 * ECharts charts (drawn as SVG) and as a text table of the same numbers, filters by period, and the
 * Excel link answers a workbook. Anonymous visitors are sent to log in.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, newPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
/** The page renders asynchronously; under a loaded CI machine give it time. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function loginAs(page: Page, login: string): Promise<ApiClient> {
  const api = await new ApiClient(server.url).login(login);
  const [name, value] = api.cookie.split('=') as [string, string];
  await page.context().addCookies([{ name, value, url: server.url }]);
  return api;
}

describe('dashboard', () => {
  test('charts and the table show the same figures; the period filter and the Excel download work', async () => {
    const page = await newPhonePage(browser, { viewport: { width: 1280, height: 1000 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });
    try {
      const api = await loginAs(page, 'jiedao');
      await page.goto(`${server.url}/dashboard`);
      const view = page.locator('yishi-dashboard-page');
      await poll(() => view.locator('yishi-dashboard-chart').count()).toBe(4);
      // Every chart is drawn: an SVG with shapes in it.
      await poll(async () =>
        view.locator('yishi-dashboard-chart').evaluateAll((charts) => charts.map((c) => c.shadowRoot?.querySelectorAll('svg path').length ?? 0)),
      ).toEqual([expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number)]);
      const counts = await view
        .locator('yishi-dashboard-chart')
        .evaluateAll((charts) => charts.map((c) => c.shadowRoot?.querySelectorAll('svg path').length ?? 0));
      for (const n of counts) expect(n).toBeGreaterThan(2);
      const table = view.getByRole('table');
      await poll(() => table.getByRole('row', { name: /纪要按时公示率 66\.7%/ }).count()).toBe(1);
      await poll(() => table.getByRole('row', { name: /居民提出问题（个） 42/ }).count()).toBe(1);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });

      // Narrow the period to October–November: one council, two evening talks.
      const year = new Date().getFullYear();
      await view.getByLabel('开始日期').fill(`${year}-10-01`);
      await view.getByRole('button', { name: '查询' }).click();
      await poll(() => table.getByRole('row', { name: /召开居民夜谈（场） \d/ }).count()).toBe(1);

      const href = await view.getByRole('link', { name: '下载 Excel' }).getAttribute('href');
      expect(href).toMatch(/^\/api\/dashboard\.xlsx\?scope=subdistrict/);
      const res = await api.call('GET', href!);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      console.log(`[dashboard] screenshot: ${join(ARTIFACTS, 'dashboard.png')}`);
    } finally {
      await page.context().close();
    }
  });
});

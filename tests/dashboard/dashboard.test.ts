/**
 * The governance dashboard in a real Chromium: the subdistrict committee sees the demo figures as
 * ECharts charts (drawn as SVG) and as a text table of the same numbers, filters by period, and the
 * Excel link answers a workbook. Anonymous visitors are sent to log in.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, newPhonePage, setElderModeSwitch } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
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

/** The colour each data item of a chart's first series is drawn in (as ECharts assigned it), by its name. */
function drawnColours(page: Page, chartIndex: number): Promise<Record<string, string>> {
  return page
    .locator('yishi-dashboard-page yishi-dashboard-chart')
    .nth(chartIndex)
    .evaluate((el) => {
      type Data = { count(): number; getName(i: number): string; getItemVisual(i: number, key: 'style'): { fill: string } };
      const chart = (el as unknown as { chart: { getModel(): { getSeriesByIndex(i: number): { getData(): Data } } } }).chart;
      const data = chart.getModel().getSeriesByIndex(0).getData();
      const out: Record<string, string> = {};
      for (let i = 0; i < data.count(); i++) out[data.getName(i)] = data.getItemVisual(i, 'style').fill;
      return out;
    });
}

/** A design token as the browser computes it (rgb(…)). */
function tokenColour(page: Page, token: string): Promise<string> {
  return page.evaluate((name) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${name})`;
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  }, token);
}

describe('dashboard', () => {
  test('colours carry meaning: overdue and 不满意 in the danger colour, on time and 满意 in the ok colour, never by series order', async () => {
    const page = await newPhonePage(browser, { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });
    try {
      await loginAs(page, 'jiedao');
      await page.goto(`${server.url}/dashboard`);
      const view = page.locator('yishi-dashboard-page');
      await poll(() => view.locator('yishi-dashboard-chart').count()).toBe(4);
      const [danger, ok, warning] = await Promise.all(['--yishi-danger-text', '--yishi-ok-text', '--yishi-warning-text'].map((t) => tokenColour(page, t)));
      await poll(() => drawnColours(page, 2).catch(() => ({}))).toEqual({ 按期销号: ok, 逾期销号: warning, 超期未办结: danger });
      await poll(() => drawnColours(page, 3).catch(() => ({}))).toMatchObject({ 满意: ok, 不满意: danger });
      // Never colour alone: each chart's bars and slices carry their number, and patterns tell them apart in grey.
      const decal = await view
        .locator('yishi-dashboard-chart')
        .nth(2)
        .evaluate((el) => (el as unknown as { chart: { getOption(): { aria?: { decal?: { show?: boolean } } } } }).chart.getOption().aria?.decal?.show);
      expect(decal).toBe(true);
      // The on-time rate counts the overdue items still open: it reads their share, not 100%.
      const table = view.getByRole('table');
      const figure = async (label: RegExp) => Number((await table.getByRole('row', { name: label }).getByRole('cell').first().textContent())?.trim());
      await poll(() => table.getByRole('row', { name: /超期未办结（项）/ }).count()).toBe(1);
      const [onTime, signed, overdue] = [await figure(/^按期销号（项）/), await figure(/^已销号（项）/), await figure(/^超期未办结（项）/)];
      expect(overdue).toBeGreaterThan(0);
      const rateText = (
        await table
          .getByRole('row', { name: /按期销号率/ })
          .getByRole('cell')
          .first()
          .textContent()
      )?.trim();
      expect(rateText).toBe(`${((onTime * 100) / (signed + overdue)).toFixed(1)}%`);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });
    } finally {
      await page.context().close();
    }
    // On a phone in elder mode the charts keep their words and patterns, and their words grow with the page's.
    const phone = await newPhonePage(browser);
    /** The type size of the satisfaction chart's legend, as drawn in its SVG. */
    const legendSize = () =>
      phone
        .locator('yishi-dashboard-chart')
        .nth(3)
        .evaluate((chart) => {
          const text = Array.from(chart.shadowRoot!.querySelectorAll('svg text')).find((t) => t.textContent?.startsWith('满意'));
          return text ? Number.parseFloat(getComputedStyle(text).fontSize) : 0;
        });
    try {
      await loginAs(phone, 'jiedao');
      await phone.goto(`${server.url}/dashboard`);
      await poll(legendSize).toBeGreaterThan(0);
      const usual = await legendSize();
      await setElderModeSwitch(phone, true);
      await poll(legendSize).toBeGreaterThan(usual * 1.2);
      await poll(() => drawnColours(phone, 2).catch(() => ({}))).toMatchObject({ 超期未办结: await tokenColour(phone, '--yishi-danger-text') });
      await expectNoSeriousA11yViolations(phone);
      await phone.screenshot({ path: join(ARTIFACTS, 'dashboard-phone-elder.png'), fullPage: true });
    } finally {
      await phone.context().close();
    }
  });

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
      await poll(() => table.getByRole('row', { name: /纪要按时公示率 75\.0%/ }).count()).toBe(1);
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

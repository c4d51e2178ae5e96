/**
 * A deployment that starts with nothing: no demo, only what the administrator makes on the first day
 * (the first-run setup, a community, one compound and its small roster, through the API as the
 * administration pages make them). In a real Chromium on a phone, the administrator opens every page of
 * the registry that needs no meeting, vote, item or proposal yet: each draws its heading and says in
 * words that there is nothing yet (an empty state), never an error, a placeholder such as `undefined`
 * or `NaN`, or a message key where words belong; the residents' page to report a concern says it is the
 * residents' and leads to the action items. Then the public board and the login page, logged out.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { installNeighbourhood, type Installation } from '../support/empty-install.js';
import { launchBrowser, newPhonePage, pageDrawn, visibleText } from '../support/browser.js';
import { readingProblems, registeredPages } from '../support/pages.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** The pages whose address holds nothing but a compound: the ones a new deployment can open on its first day. */
const pages = registeredPages().filter((page) => !/:(?!compoundId\b)\w+/.test(page.path));
const paths = pages.map((page) => page.path);
const PUBLIC = new Set(pages.filter((page) => page.public).map((page) => page.path));

let server: TestServer;
let browser: Browser;
let install: Installation;

beforeAll(async () => {
  server = await startTestServer({ config: { seedDemo: false } });
  browser = await launchBrowser();
  install = await installNeighbourhood(server);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function problemsOn(page: Page, path: string): Promise<string[]> {
  await page.goto(`${server.url}${path.replace(':compoundId', install.compoundId)}`);
  await pageDrawn(page);
  return readingProblems(await visibleText(page)).map((problem) => `${path}: ${problem}`);
}

describe('every page of a deployment on its first day', () => {
  test('the administrator opens each page that needs no meeting, vote or item yet: headings and empty states, no errors', async () => {
    expect(paths.length).toBeGreaterThan(15);
    const page = await newPhonePage(browser);
    try {
      const [name, value] = install.adminCookie.split('=') as [string, string];
      await page.context().addCookies([{ name, value, url: server.url }]);
      const problems: string[] = [];
      for (const path of paths.filter((p) => !PUBLIC.has(p))) problems.push(...(await problemsOn(page, path)));
      expect(problems).toEqual([]);
      // The residents' page to report a concern tells the administrator it is the residents', and where their
      // concerns are handled (it showed the form and, under it, 您没有权限进行此操作).
      await page.goto(`${server.url}/compounds/${install.compoundId}/concerns`);
      await page.getByText('您在本小区没有登记为业主或住户，不能在这里提交。', { exact: false }).waitFor();
      expect(await page.getByRole('textbox').count()).toBe(0);
      await page.getByRole('link', { name: '查看居民反映的问题和整改事项' }).click();
      await page.getByRole('heading', { level: 1, name: '整改事项' }).waitFor();
      // The dashboard's rings with nothing to count say so, rather than equal slices of zeros read as a result.
      await page.goto(`${server.url}/dashboard`);
      for (const chart of ['居民问题办理', '满意度评价']) {
        const card = page.locator('section.card', { has: page.getByRole('heading', { name: chart, exact: true }) });
        await card.getByText('这段时间还没有数据。').waitFor();
        expect(await card.locator('yishi-dashboard-chart').count()).toBe(0);
      }
    } finally {
      await page.context().close();
    }
  }, 180_000);

  test('logged out: the compound board, its poster, the login and activation pages', async () => {
    const page = await newPhonePage(browser);
    try {
      const problems: string[] = [];
      for (const path of [...PUBLIC].filter((p) => p !== '/setup')) problems.push(...(await problemsOn(page, path)));
      expect(problems).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});

/**
 * The turnout navigator in a real Chromium on a 360×740 phone: the station chief reads how far the
 * open vote is from 2/3 in words, opens a building to see who has not voted (with a call link), and
 * downloads the visiting list; the building head of 1栋, in elder mode, sees only his building,
 * names to ask for and no phone numbers.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { navigatorEndpoints, voteEndpoints } from '@yishi/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, setElderModeSwitch, visibleText, withPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
const TITLE = '利用小区共有场地建设电动自行车充电棚';

let server: TestServer;
let browser: Browser;
let voteId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const staff = await new ApiClient(server.url).login('zhanzhang');
  const { items: votes } = await staff.ok(voteEndpoints.list, { params: { compoundId: await compoundIdByCode(server.deps, 'DSCT') }, query: { limit: 200 } });
  voteId = votes.find((v) => v.title === TITLE && v.status === 'open')!.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the turnout navigator on a phone', () => {
  test('the station chief sees what is missing to 2/3, who has not voted in 1栋, and downloads the visiting list', async () => {
    const api = await new ApiClient(server.url).login('zhanzhang');
    const figures = await api.ok(navigatorEndpoints.summary, { params: { voteId } });
    await withPhonePage(browser, async (page) => {
      await loginWithSessionCookie(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/votes/${voteId}/manage`);
      await page.getByRole('link', { name: '走访动员' }).click();
      await page.getByRole('heading', { level: 1, name: `走访动员：${TITLE}` }).waitFor();
      const headline = page.locator('.headline');
      expect(((await headline.textContent()) ?? '').trim()).toBe(figures.gauge.headline['zh-CN']);
      expect(figures.gauge.headline['zh-CN']).toMatch(/^还差 \d+ 人 \/ [\d,]+\.\d{2} ㎡，才达到 2\/3$/);

      await page.locator('details.building summary', { hasText: '1栋' }).click();
      await page.getByRole('heading', { name: '1栋尚未投票的房屋' }).waitFor();
      const units = page.locator('details.building[open] ul.units > li');
      expect(await units.count()).toBe(figures.buildings[0]!.voters - figures.buildings[0]!.voted);
      // Organisers keep the roster: the owners' phones are call links.
      expect(await page.locator('details.building[open] a[href^="tel:1"]').count()).toBeGreaterThan(0);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SCREENSHOTS}/vote-navigator-phone.png`, fullPage: true });

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出走访清单（Excel）' }).click()]);
      expect(download.suggestedFilename()).toBe('走访清单.xlsx');
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);

      // Printed on A4: the list alone, a table per building with a box to tick, no phones.
      await page.evaluate(() => (window.print = () => undefined));
      await page.getByRole('button', { name: '打印走访清单' }).click();
      await page.locator('.print-building').first().waitFor({ state: 'attached' });
      await page.emulateMedia({ media: 'print' });
      const missing = figures.buildings.reduce((sum, b) => sum + b.voters - b.voted, 0);
      expect(await page.locator('.print-building tbody tr').count()).toBe(missing);
      expect(await page.locator('.print-building td.tick').first().textContent()).toBe('☐');
      expect(await page.locator('.screen-only').isVisible()).toBe(false);
      const printed = await visibleText(page);
      expect(printed).toContain(`走访清单：${TITLE}`);
      expect(printed).not.toMatch(/1[3-9]\d{9}/);
      await page.pdf({ path: `${ARTIFACTS}/vote-navigator-print.pdf`, format: 'A4' });
    });
  });

  test('the building head of 1栋, in elder mode, sees his building only, with names and no phones', async () => {
    await withPhonePage(browser, async (page) => {
      await loginWithSessionCookie(page, server.url, 'loudong');
      await page.goto(`${server.url}/compounds/${await compoundIdByCode(server.deps, 'DSCT')}/votes`);
      await setElderModeSwitch(page, true);
      await page.getByRole('link', { name: '走访动员' }).first().click();
      await page.getByText('您是楼栋长：这里只列出您负责的楼栋。').waitFor();
      expect(await page.locator('details.building summary').allTextContents()).toEqual([expect.stringMatching(/^1栋 · 已投 \d+ \/ 40 户/)]);
      await page.locator('details.building summary').click();
      await page.locator('details.building[open] ul.units > li').first().waitFor();
      expect(await page.locator('a[href^="tel:"]').count()).toBe(0);
      // 王建国 votes for his 1栋 flat meanwhile: a refresh (every 15 s, or now) takes it off the list.
      const summary = page.locator('details.building summary');
      const before = Number(/已投 (\d+)/.exec((await summary.textContent()) ?? '')![1]);
      const owner = await new ApiClient(server.url).login('yezhu');
      const flat = (await owner.ok(voteEndpoints.get, { params: { voteId } })).mine.find((m) => m.label === '1栋1单元301')!;
      await owner.ok(voteEndpoints.castBallot, { params: { voteId }, body: { unitId: flat.voterKey, choices: ['yes'] } });
      expect(await page.locator('details.building[open] ul.units > li', { hasText: '1栋1单元301' }).count()).toBe(1);
      await page.getByRole('button', { name: '立即刷新' }).click();
      await summary.filter({ hasText: `已投 ${before + 1} / 40 户` }).waitFor();
      await page.locator('details.building[open] ul.units > li', { hasText: '1栋1单元301' }).waitFor({ state: 'detached' });
      expect(await visibleText(page)).not.toMatch(/1[3-9]\d{9}/);
      // The summary is a tap target of at least 48 px in elder mode.
      const height = await page.locator('details.building summary').evaluate((el) => el.getBoundingClientRect().height);
      expect(height).toBeGreaterThanOrEqual(48);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SCREENSHOTS}/vote-navigator-phone-elder.png`, fullPage: true });
    });
  });
});

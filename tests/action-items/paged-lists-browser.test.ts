/**
 * The paged action-item list and ledger in a real Chromium on a phone-sized window, on a small
 * generated compound (packages/server/src/testing/big-compound.ts): the first page, then 加载更多 by
 * the button and by scrolling to the end, every item once, and a line saying the list is complete.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateBigCompound, type BigCompound } from '../../packages/server/src/testing/big-compound.js';
import { launchBrowser, loginWithSessionCookie, withPhonePage } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ITEMS = 130;
let server: TestServer;
let browser: Browser;
let made: BigCompound;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  made = await generateBigCompound(server.deps, { units: 200, actionItems: ITEMS, batch: 50 });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const withPage = (run: (page: Page) => Promise<void>) => withPhonePage(browser, run);
const attributes = (page: Page, selector: string, name: string) => page.locator(selector).evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);

describe('paged lists in the browser', () => {
  test('the staff list shows 50, loads 50 more on the button, the rest on scrolling, each item once', async () => {
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'jiedao');
      await page.goto(`${server.url}/compounds/${made.compoundId}/action-items`);
      await expect.poll(() => page.locator('tr[data-item]').count()).toBe(50);
      // The summary counts the whole list, not the page.
      expect(await page.getByRole('status').filter({ hasText: '共' }).first().textContent()).toContain(`共 ${ITEMS} 项`);
      await page.getByRole('button', { name: /加载更多/ }).click();
      await expect.poll(() => page.locator('tr[data-item]').count()).toBeGreaterThanOrEqual(100);
      await page.locator('[data-load-more]').scrollIntoViewIfNeeded();
      await expect.poll(() => page.locator('tr[data-item]').count()).toBe(ITEMS);
      await expect.poll(() => page.locator('[data-list-end]').textContent()).toContain(`共 ${ITEMS} 条，已全部显示`);
      const ids = await attributes(page, 'tr[data-item]', 'data-item');
      expect(new Set(ids).size).toBe(ITEMS);
    });
  });

  test('the ledger pages by scrolling to the end, every entry once, in sequence', async () => {
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'jiedao');
      await page.goto(`${server.url}/compounds/${made.compoundId}/ledger`);
      const seqCells = page.locator('tbody tr td.num');
      await expect.poll(() => seqCells.count()).toBe(100);
      const total = ITEMS + made.counts.signedOff;
      for (let i = 0; i < 5 && (await seqCells.count()) < total; i++) {
        await page.locator('[data-load-more]').scrollIntoViewIfNeeded();
        await page.waitForTimeout(300);
      }
      await expect.poll(() => seqCells.count()).toBe(total);
      expect((await seqCells.allTextContents()).map(Number)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    });
  });
});

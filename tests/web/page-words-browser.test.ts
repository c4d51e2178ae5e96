/**
 * The light pages of issue 18 still show every word. The build cuts each feature's words into parts
 * by the modules that name them (packages/web/build/string-parts.ts) and the voting page loads its
 * timeline, result and proxy panel with the votes that show them; a word whose part a page did not
 * load shows as its key and `t()` logs "No words for …". In a real Chromium on a phone: the voting
 * page of the demo owner 王建国 (an open vote with his proxy panel, then the closed vote with its
 * result) and the public board, in Chinese and elder mode, then in English after a switch without a
 * reload: no such log and no key on screen.
 *
 * Screenshots for a look by eye go to $YISHI_ARTIFACTS (default /tmp/yishi-artifacts):
 * light-vote-page-phone.png, light-vote-page-phone-elder.png, light-board-phone.png, light-board-phone-elder.png.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { voteEndpoints } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, loginWithSessionCookie, setElderModeSwitch, visibleText, withPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { MESSAGE_KEY } from '../support/pages.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

const OPEN_VOTE = '利用小区共有场地建设电动自行车充电棚';

let server: TestServer;
let browser: Browser;
let dsct: string;
let openVote: string;
let closedVote: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  dsct = await compoundIdByCode(server.deps, 'DSCT');
  const staff = await new ApiClient(server.url).login('zhanzhang');
  const { items } = await staff.ok(voteEndpoints.list, { params: { compoundId: dsct }, query: { limit: 200 } });
  openVote = items.find((v) => v.title === OPEN_VOTE && v.status === 'open')!.id;
  closedVote = items.find((v) => v.status === 'closed' && v.electorateKind === 'owners')!.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Collects what `t()` logs for a key whose words the page did not load. */
function missingWords(page: Page): string[] {
  const missing: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('No words for')) missing.push(message.text());
  });
  return missing;
}

async function expectWords(page: Page, selector: string, missing: string[]): Promise<void> {
  const text = await visibleText(page, selector);
  expect(text.match(MESSAGE_KEY)?.[0] ?? null, text.slice(0, 400)).toBeNull();
  expect(missing).toEqual([]);
}

async function toEnglish(page: Page): Promise<void> {
  await page.locator('yishi-app header').getByRole('button', { name: 'English' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 15_000 }).toBe('en');
}

describe('the light pages show every word', () => {
  test('the voting page: an open vote with the proxy panel and a closed vote with its result, Chinese, elder mode and English', async () => {
    await withPhonePage(browser, async (page) => {
      const missing = missingWords(page);
      await loginWithSessionCookie(page, server.url, 'yezhu');
      const asked: string[] = [];
      page.on('request', (request) => asked.push(new URL(request.url()).pathname));
      await page.goto(`${server.url}/votes/${openVote}`);
      await page.locator('yishi-vote-page').getByRole('heading', { name: '我的房屋' }).waitFor();
      await page.locator('yishi-proxy-panel').getByRole('heading', { name: '委托投票' }).waitFor();
      // Who is logged in, the vote and the owner's proxies came with the page's HTML (server: http/page-session.ts,
      // page-answers.ts): the header names the owner (in its menu on a phone), the bell is there, the vote and the proxy
      // panel are on screen, and the page asked for none of them (the bell asks for its own).
      await page.locator('yishi-app header').getByText('王建国').first().waitFor({ state: 'attached' });
      await page.locator('yishi-notification-bell').waitFor();
      await page.locator('yishi-vote-page').getByRole('heading', { name: OPEN_VOTE }).waitFor();
      await expect.poll(() => asked.includes('/api/me/notifications/unread'), { timeout: 15_000 }).toBe(true);
      for (const answered of ['/api/session', `/api/votes/${openVote}`, `/api/votes/${openVote}/proxies/mine`]) expect(asked).not.toContain(answered);
      await expectWords(page, 'main', missing);
      await page.screenshot({ path: join(ARTIFACTS, 'light-vote-page-phone.png'), fullPage: true });
      await setElderModeSwitch(page, true);
      await page.screenshot({ path: join(ARTIFACTS, 'light-vote-page-phone-elder.png'), fullPage: true });
      await setElderModeSwitch(page, false);
      // For an owner with no proxy the panel is its invitation alone: its actions (and their words) come when the form is opened,
      // with the focus in the form's first field.
      const actionsFetched = () => asked.filter((path) => path.startsWith('/assets/proxy-actions-')).length;
      expect(actionsFetched()).toBe(0);
      await page.locator('yishi-proxy-panel').getByRole('button', { name: '委托他人代我投票' }).click();
      await page.locator('yishi-proxy-panel').getByRole('button', { name: '提交委托，发送验证码' }).waitFor();
      expect(actionsFetched()).toBe(1);
      const focused = () =>
        page.evaluate(() => {
          const actions = document
            .querySelector('yishi-app')
            ?.shadowRoot?.querySelector('yishi-vote-page')
            ?.shadowRoot?.querySelector('yishi-proxy-panel')
            ?.shadowRoot?.querySelector('yishi-proxy-actions');
          return actions?.shadowRoot?.activeElement?.getAttribute('name') ?? null;
        });
      await expect.poll(focused).toBe('unit');
      await expectWords(page, 'yishi-proxy-panel', missing);
      await page.goto(`${server.url}/votes/${closedVote}`);
      await page.locator('yishi-vote-result').first().waitFor();
      await expectWords(page, 'main', missing);
      await toEnglish(page);
      await page.goto(`${server.url}/votes/${openVote}`);
      await page.locator('yishi-vote-page').getByRole('heading', { name: 'My units' }).waitFor();
      await page.locator('yishi-proxy-panel').getByRole('heading', { name: 'Voting by proxy' }).waitFor();
      await expectWords(page, 'main', missing);
    });
  });

  test('the public board: every section, Chinese, elder mode and English', async () => {
    await withPhonePage(browser, async (page) => {
      const missing = missingWords(page);
      await page.goto(`${server.url}/board/${dsct}`);
      await page.locator('yishi-board-votes').getByRole('heading', { name: OPEN_VOTE }).waitFor();
      await page.locator('yishi-board-satisfaction dl').waitFor();
      await expectWords(page, 'main', missing);
      await page.screenshot({ path: join(ARTIFACTS, 'light-board-phone.png'), fullPage: true });
      await setElderModeSwitch(page, true);
      await page.screenshot({ path: join(ARTIFACTS, 'light-board-phone-elder.png'), fullPage: true });
      await toEnglish(page);
      await expect.poll(() => visibleText(page, 'main'), { timeout: 15_000 }).toContain('Print the board (A4)');
      await expectWords(page, 'main', missing);
    });
  });
});

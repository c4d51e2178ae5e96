/**
 * A page's first answers (core's FIRST_ANSWERS) are there before the page's code asks, in a real
 * Chromium on a phone: when the page's HTML carries none (as when the service worker answers from its
 * copy of index.html), the web app asks for the owner's vote while its check of who is logged in is
 * still unanswered, and the page takes that answer rather than asking again; on a move within the app
 * (home → 去投票) the vote is asked for once. An answer asked for someone else (before a login, after a logout) is
 * never taken: after logging in from a vote's link, the owner is on the vote.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, loginWithSessionCookie, visibleText, withPhonePage } from '../support/browser.js';
import { DEMO_OPEN_VOTE as OPEN_VOTE, DEMO_PASSWORD, demoOpenVoteId, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;
let voteId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  voteId = await demoOpenVoteId(server.deps);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The API paths the page asked for, in order. */
function asked(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/')) paths.push(pathname);
  });
  return paths;
}

describe("a page's first answers", () => {
  test('without them in its HTML, the vote is asked for before the session check is answered, and only once', async () => {
    await withPhonePage(browser, async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      const paths = asked(page);
      // index.html as the service worker keeps it: no session, no answers.
      await page.route(`**/votes/${voteId}`, async (route) => {
        if (route.request().resourceType() !== 'document') return route.continue();
        const response = await route.fetch();
        const html = (await response.text()).replace(/<script type="application\/json" id="yishi-[a-z]+">[^<]*<\/script>/g, '');
        expect(html).not.toContain('yishi-session');
        await route.fulfill({ response, body: html });
      });
      // The session's answer is held until the vote has been asked for: were the vote asked for only after it, this would
      // hold the page until the test times out.
      await page.route('**/api/session', async (route) => {
        await expect.poll(() => paths.includes(`/api/votes/${voteId}`), { timeout: 20_000 }).toBe(true);
        await route.continue();
      });
      await page.goto(`${server.url}/votes/${voteId}`);
      await page.locator('yishi-vote-page').getByRole('heading', { name: OPEN_VOTE }).waitFor();
      await page.locator('yishi-proxy-panel').getByRole('heading', { name: '委托投票' }).waitFor();
      expect(paths.indexOf(`/api/votes/${voteId}`)).toBeLessThan(paths.indexOf('/api/session'));
      expect(paths.filter((p) => p === `/api/votes/${voteId}`)).toHaveLength(1);
      expect(paths.filter((p) => p === `/api/votes/${voteId}/proxies/mine`)).toHaveLength(1);
    });
  });

  test('on a move within the app, home → 去投票, the vote is asked for once', async () => {
    await withPhonePage(browser, async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(`${server.url}/`);
      const paths = asked(page);
      await page.locator('yishi-home-page').getByRole('link', { name: '去投票' }).first().click();
      await page.locator('yishi-vote-page').getByRole('heading', { name: OPEN_VOTE }).waitFor();
      await page.locator('yishi-proxy-panel').getByRole('heading', { name: '委托投票' }).waitFor();
      expect(paths.filter((p) => p === `/api/votes/${voteId}`)).toHaveLength(1);
      expect(paths.filter((p) => p === `/api/votes/${voteId}/proxies/mine`)).toHaveLength(1);
    });
  });

  test("a vote's link opened before logging in: after logging in, the owner is on the vote (the refusal her first visit got is not reused)", async () => {
    await withPhonePage(browser, async (page) => {
      const paths = asked(page);
      // The link in the SMS, opened on a phone not logged in: the shell asks for the vote beside its session check.
      await page.goto(`${server.url}/votes/${voteId}`);
      await page.waitForURL((url) => url.pathname === '/login');
      await expect.poll(() => paths.filter((p) => p === `/api/votes/${voteId}`).length).toBe(1);
      // The login page says why she is there.
      await expect.poll(() => visibleText(page, 'yishi-login-page')).toContain('请先登录。登录后会回到这次表决。');
      await page.getByLabel('手机号或用户名').fill('yezhu');
      await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      // Before: the page took that first, anonymous 401 and sent her back to the login page, every time.
      await page.locator('yishi-vote-page').getByRole('heading', { name: OPEN_VOTE }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/votes/${voteId}`);
      expect(paths.filter((p) => p === `/api/votes/${voteId}`)).toHaveLength(2);
    });
  });
});

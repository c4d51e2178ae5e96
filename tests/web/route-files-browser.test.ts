/**
 * Going from page to page in the app, the shell names the next page's files itself
 * (packages/web/src/app/route-files.ts), from the lists the build writes and index.html names
 * (build/route-preloads.ts); the shell no longer carries a preload map of every page (issue 18:
 * 2.5 KiB gzipped on every first visit). In a real Chromium on a phone:
 * - an owner logged in gets the lists once the first page has loaded, and a move to the voting page
 *   names each of its files in the head (its chunk, what it imports, its Chinese words) and fetches them;
 * - a passer-by on the public board does not download the lists at all until moving to another page;
 * - the bell and the lists wait until the first page has its answer (controllers/loads-in-flight.ts);
 * - an owner who switched to English gets the English words named, by the server in the page's HTML
 *   (the shell's and the page's) and by the shell on a move, and downloads no Chinese words at all.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { holdRequests, launchBrowser, loginWithSessionCookie, withPhonePage } from '../support/browser.js';
import { compoundIdByCode, demoOpenVoteId, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;
let dsct: string;
let openVote: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  dsct = await compoundIdByCode(server.deps, 'DSCT');
  openVote = await demoOpenVoteId(server.deps);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface RouteFiles {
  files: string[];
  routes: Record<string, number[]>;
  en: Record<string, string>;
}

const isRouteFiles = (path: string) => /^\/assets\/route-files-[\w-]+\.json$/.test(path);

/** The paths the page asks for, from now on. */
function requests(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  return asked;
}

/** In-app navigation, as a tap on a link does (app/router.ts). */
function goInApp(page: Page, path: string): Promise<void> {
  return page.evaluate((to) => {
    history.pushState(null, '', to);
    window.dispatchEvent(new Event('yishi-location-changed'));
  }, path);
}

const namedInHead = (page: Page) =>
  page.evaluate(() => Array.from(document.head.querySelectorAll('link[rel="modulepreload"]'), (link) => link.getAttribute('href')));

describe("each page's files, named by the shell on the way to it", () => {
  test('an owner: the lists come once the home page has loaded; the voting page is then fetched with all its files named at once', async () => {
    await withPhonePage(browser, async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      const asked = requests(page);
      const listsAnswer = page.waitForResponse((response) => isRouteFiles(new URL(response.url()).pathname));
      await page.goto(`${server.url}/`);
      await page.locator('yishi-home-page').waitFor();
      const lists = (await (await listsAnswer).json()) as RouteFiles;
      const voteFiles = lists.routes['/votes/:voteId']!.map((place) => lists.files[place]!);
      expect(voteFiles.length).toBeGreaterThan(3);
      expect(voteFiles.some((file) => /\/strings-page-vote-page\.zh-CN-/.test(file))).toBe(true);
      // The home page's HTML named neither the voting page's chunk nor its words (only chunks the two pages share).
      const before = await namedInHead(page);
      const own = voteFiles.filter((file) => /\/(vote-page|strings-page-vote-page\.zh-CN)-/.test(file));
      expect(own).toHaveLength(2);
      for (const file of own) expect(before).not.toContain(file);

      await goInApp(page, `/votes/${openVote}`);
      await page.locator('yishi-vote-page').getByRole('heading', { name: '我的房屋' }).waitFor();
      const after = await namedInHead(page);
      for (const file of voteFiles) {
        expect(after, file).toContain(file);
        expect(asked, file).toContain(file);
      }
      expect(asked.filter(isRouteFiles)).toHaveLength(1);
    });
  });

  test('a passer-by on the board downloads no lists, until going to another page', async () => {
    await withPhonePage(browser, async (page) => {
      const asked = requests(page);
      await page.goto(`${server.url}/board/${dsct}`);
      await page.locator('yishi-board-page').waitFor();
      await page.waitForLoadState('load');
      await page.waitForLoadState('networkidle');
      expect(asked.filter(isRouteFiles)).toEqual([]);

      const listsAnswer = page.waitForResponse((response) => isRouteFiles(new URL(response.url()).pathname));
      await goInApp(page, `/votes/${openVote}/roll-check`);
      await page.locator('yishi-roll-check-page').waitFor();
      const lists = (await (await listsAnswer).json()) as RouteFiles;
      const named = await namedInHead(page);
      for (const place of lists.routes['/votes/:voteId/roll-check']!) expect(named).toContain(lists.files[place]);
    });
  });

  test('an owner who chose English: the server names the English words in the HTML, the shell on a move, and no Chinese words are fetched', async () => {
    await withPhonePage(browser, async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(`${server.url}/`);
      await page.locator('yishi-home-page').waitFor();
      await page.locator('yishi-app header').getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');

      // From now on, as the phone comes back to the app in English.
      const asked = requests(page);
      const listsAnswer = page.waitForResponse((response) => isRouteFiles(new URL(response.url()).pathname));
      const firstPage = await page.goto(`${server.url}/`);
      const html = await firstPage!.text();
      expect(html).toContain('<html lang="en">');
      expect(html).toMatch(/<link rel="modulepreload" crossorigin href="\/assets\/strings-shell-\d+\.en-[\w-]+\.js">/);
      expect(html).not.toMatch(/\.zh-CN-[\w-]+\.js/);
      await page.locator('yishi-home-page').waitFor();
      const lists = (await (await listsAnswer).json()) as RouteFiles;
      const voteWords = lists.routes['/votes/:voteId']!.map((place) => lists.files[place]!).filter((file) => /\/strings-page-vote-page\.zh-CN-/.test(file));
      expect(voteWords).toHaveLength(1);
      const english = lists.en[voteWords[0]!]!;
      expect(english).toMatch(/\/strings-page-vote-page\.en-[\w-]+\.js$/);

      await goInApp(page, `/votes/${openVote}`);
      await page.locator('yishi-vote-page').getByRole('heading', { name: 'My units' }).waitFor();
      expect(await namedInHead(page)).toContain(english);
      expect(asked).toContain(english);
      // A page opened afresh in English: its own words too, in the HTML.
      const votePage = await page.goto(`${server.url}/votes/${openVote}`);
      expect(await votePage!.text()).toContain(`<link rel="modulepreload" crossorigin href="${english}">`);
      await page.locator('yishi-vote-page').getByRole('heading', { name: 'My units' }).waitFor();
      expect(asked.filter((path) => /\.zh-CN-[\w-]+\.js$/.test(path))).toEqual([]);
    });
  });

  test("the shell's own downloads wait for the page's answer: on one bar they do not share the line with it", async () => {
    await withPhonePage(browser, async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      const asked = requests(page);
      // The owner's home is slow to answer; the page's code and words are in by then, and the window has loaded.
      const slow = await holdRequests(page, /\/api\/me\/home(\?|$)/);
      await page.goto(`${server.url}/`);
      await slow.arrived;
      await page.waitForLoadState('load');
      await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
      const shells = (paths: string[]) => paths.filter((path) => /\/notification-bell-[\w-]+\.js$/.test(path) || isRouteFiles(path));
      // Before: the bell and the lists went out at the window's load, beside the answer still on its way. (The strip
      // comes at once, to say so should the signal drop; its service worker's registration waits.)
      expect(shells(asked)).toEqual([]);
      expect(asked.some((path) => /\/connection-bar-[\w-]+\.js$/.test(path))).toBe(true);
      await slow.release();
      await page.locator('yishi-home-page').getByRole('heading', { name: '等您投票' }).waitFor();
      await expect.poll(() => shells(asked).length).toBe(2);
      await page.locator('yishi-notification-bell').getByRole('link').waitFor();
    });
  });
});

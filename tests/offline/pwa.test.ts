/**
 * The installable app offline (issue 19), in a real Chromium with service workers allowed and the network cut by
 * DevTools emulation (context.setOffline: Network.emulateNetworkConditions, which fails the page's fetches, its
 * websockets and the service worker's own fetches alike — checked below before anything else is asserted):
 *
 * - the manifest and the service worker are served (no-cache, right types), the worker controls the page after the
 *   first visit and holds the app shell and every page's chunk, never an /api answer (the no-store rule);
 * - the staff meeting page, the hall screen, the residents' vote page and concern page open offline once visited,
 *   showing the answer kept on the device with when it was saved; a page never visited still opens (its chunk is
 *   precached) and says its data needs the network;
 * - the vote page offline never shows a stale vote as open: "截至 HH:mm", "需要联网才能投票", no ballot button; sign-off
 *   and minutes publication are disabled offline, with words;
 *
 * A second build's worker waiting behind the reload prompt is in app-update.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionItemEndpoints, voteEndpoints } from '@yishi/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertHeldMeeting } from '../../packages/server/src/testing/meeting-record.fixture.js';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, newPhonePage, visibleText } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { controlled } from './worker.js';
import { WEB_DIST, compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
/** The width of the phones the screenshots show. */
const PHONE_390 = { viewport: { width: 390, height: 844 } };
const VOTE_TITLE = '利用小区共有场地建设电动自行车充电棚';
const MEETING_TITLE = '围庐夜话·冬季第一场';

let server: TestServer;
let browser: Browser;
let dsct: string;
let voteId: string;
let meetingId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser({ serviceWorkers: 'allow' });
  dsct = await compoundIdByCode(server.deps, 'DSCT');
  const staff = await new ApiClient(server.url).login('zhanzhang');
  const { items: votes } = await staff.ok(voteEndpoints.list, { params: { compoundId: dsct }, query: { limit: 200 } });
  voteId = votes.find((v) => v.title === VOTE_TITLE && v.status === 'open')!.id;
  const meeting = await server.deps.db.selectFrom('meetings').select('id').where('title', '=', MEETING_TITLE).executeTakeFirstOrThrow();
  meetingId = meeting.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The keys of what the app keeps on the device (offline/snapshots.ts), e.g. "<userId>|vote/…". */
function keptKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('yishi-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('snapshots')) return resolve([]);
          const keys = db.transaction('snapshots').objectStore('snapshots').getAllKeys();
          keys.onsuccess = () => resolve(keys.result.map(String));
          keys.onerror = () => reject(keys.error);
        };
      }),
  );
}

async function waitForKept(page: Page, part: string): Promise<void> {
  await expect.poll(async () => (await keptKeys(page)).some((key) => key.includes(part)), { timeout: 10_000 }).toBe(true);
}

/** Every URL the service worker's caches hold. */
function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
}

/** Cuts the network and checks it is cut for what matters here: a page fetch (through the worker's NetworkOnly route) and a websocket. */
async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  const cut = await page.evaluate(async () => {
    const api = await fetch('/api/session').then(
      () => 'answered',
      () => 'failed',
    );
    const socket = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/collab/offline-check`);
      ws.onopen = () => resolve('open');
      ws.onerror = () => resolve('failed');
      setTimeout(() => resolve('timeout'), 5000);
    });
    return { api, socket, onLine: navigator.onLine };
  });
  expect(cut).toEqual({ api: 'failed', socket: 'failed', onLine: false });
}

describe('the installable app', () => {
  test('manifest and service worker are served fresh with their types; the page names the manifest; the CSP lets the worker and manifest load', async () => {
    const manifest = await fetch(`${server.url}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toContain('application/manifest+json');
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    const body = (await manifest.json()) as {
      name: string;
      lang: string;
      display: string;
      start_url: string;
      theme_color: string;
      icons: { sizes: string; purpose: string }[];
    };
    expect(body).toMatchObject({ name: '议事', lang: 'zh-CN', display: 'standalone', start_url: '/', theme_color: '#1d4ed8' });
    expect(body.icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of ['/pwa-192x192.png', '/pwa-512x512.png', '/maskable-512x512.png']) {
      const png = await fetch(`${server.url}${icon}`);
      expect(png.headers.get('content-type'), icon).toBe('image/png');
    }
    const sw = await fetch(`${server.url}/sw.js`);
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    // default-src 'self' covers worker-src and manifest-src.
    expect(sw.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest">');
    // Assets keep their long cache; the worker's script is asked for each time.
    expect((await sw.text()).length).toBeGreaterThan(1000);
  });

  test('after the first visit the worker controls the page and holds every page chunk and words file, and never an /api answer', async () => {
    const page = await newPhonePage(browser);
    try {
      await loginWithSessionCookie(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/`);
      await controlled(page);
      const urls = await cachedUrls(page);
      const built = JSON.parse(readFileSync(join(WEB_DIST, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string }>;
      const chunks = new Set(Object.values(built).map((c) => `/${c.file}`));
      // Every chunk of this build (pages never visited, words of both languages), no other build's — but the
      // desk-only dashboard (echarts), which is kept once visited instead.
      const isDashboard = (u: string) => u.startsWith('/assets/dashboard-page-');
      const precached = [...chunks].filter((u) => u.endsWith('.js') && !isDashboard(u));
      expect(new Set(urls.filter((u) => u.startsWith('/assets/') && u.endsWith('.js')))).toEqual(new Set(precached));
      await page.goto(`${server.url}/dashboard`);
      await page.locator('yishi-dashboard-page h1').waitFor();
      await expect.poll(async () => (await cachedUrls(page)).filter(isDashboard).length).toBe(1);
      expect(urls.filter((u) => u.includes('/strings-')).length).toBeGreaterThan(40);
      expect(urls).toContain('/index.html');
      expect(urls).toContain('/pwa-192x192.png');
      // The app has called the API by now (the session, the home page's data): none of it is in a cache.
      expect(urls.filter((u) => u.startsWith('/api'))).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});

describe('who gets the worker', () => {
  test('a passer-by reading the notice board is not made to download the app: no worker, no connection strip, no offline copies (their code or database) until someone logs in', async () => {
    const page = await newPhonePage(browser);
    const scripts: string[] = [];
    page.on('request', (request) => void (request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname)));
    const databases = () => page.evaluate(() => indexedDB.databases().then((list) => list.map((db) => db.name)));
    try {
      await page.goto(`${server.url}/board/${dsct}`);
      await page.locator('yishi-board-page h1').waitFor();
      await page.waitForLoadState('load');
      // The strip that would register it loads after the page: give it the time it takes a logged-in visitor's.
      await page.locator('yishi-connection-bar').waitFor({ state: 'attached' });
      await page.waitForTimeout(1000);
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
      expect(await databases()).not.toContain('yishi-offline');
      // Neither the strip (it would say pages seen open offline, untrue without the worker) nor the offline copies.
      expect(scripts.filter((path) => /\/(snapshots|connection-bar)-/.test(path))).toEqual([]);
      expect(await page.evaluate(() => customElements.get('yishi-connection-bar') === undefined)).toBe(true);
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(`${server.url}/`);
      await controlled(page);
      // Logged in, who it is is kept for offline use, and the strip is there.
      await expect.poll(databases).toContain('yishi-offline');
      expect(await page.evaluate(() => customElements.get('yishi-connection-bar') !== undefined)).toBe(true);
    } finally {
      await page.context().close();
    }
  });
});

describe('pages open offline once visited', () => {
  test("staff: the meeting page and the hall screen show what was saved and when, the meeting's steps wait for the network; a page never visited still opens in the shell", async () => {
    const page = await newPhonePage(browser, PHONE_390);
    const context = page.context();
    try {
      await loginWithSessionCookie(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/meetings/${meetingId}`);
      await page.getByRole('heading', { level: 1, name: MEETING_TITLE }).waitFor();
      await controlled(page);
      await waitForKept(page, `meeting/${meetingId}`);
      await page.goto(`${server.url}/hall/${meetingId}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(MEETING_TITLE) }).waitFor();
      await waitForKept(page, `hall/${meetingId}`);
      await waitForKept(page, 'session|me');

      await goOffline(context, page);
      await page.goto(`${server.url}/meetings/${meetingId}`);
      await page.getByRole('heading', { level: 1, name: MEETING_TITLE }).waitFor();
      // Not bounced to the login page: the session kept on the device stands in.
      expect(new URL(page.url()).pathname).toBe(`/meetings/${meetingId}`);
      await page.getByText(/^离线：显示的是 \d{2}:\d{2} 保存的内容$/).waitFor();
      await page.locator('yishi-connection-bar').getByText('已离线').waitFor();
      // Opening, closing or cancelling the meeting needs the server's answer: its buttons wait, with words.
      const steps = page.locator('yishi-meeting-page button.step');
      await page.getByText('需要联网才能开始、结束或取消会议，或锁定议程').waitFor();
      expect(await steps.count()).toBeGreaterThan(0);
      for (const button of await steps.all()) expect(await button.getAttribute('disabled')).not.toBeNull();
      await page.screenshot({ path: join(SCREENSHOTS, 'offline-meeting-page.png'), fullPage: false });

      await page.goto(`${server.url}/hall/${meetingId}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(MEETING_TITLE) }).waitFor();
      await page.getByText(/离线：显示的是 \d{2}:\d{2} 保存的内容/).waitFor();

      // Never visited: the chunk comes from the precache; the data says it needs the network.
      await page.goto(`${server.url}/compounds/${dsct}/action-items`);
      await page.locator('yishi-app header .brand').waitFor();
      await expect.poll(() => visibleText(page)).toContain('网络连接失败');
      expect(await visibleText(page)).not.toContain('页面加载失败');

      // Nothing the app fetched from /api while offline or online went into a cache.
      expect((await cachedUrls(page)).filter((u) => u.startsWith('/api'))).toEqual([]);

      // Back online, a page showing a kept copy loads the server's answer by itself (the browser's "online" event, or the
      // session asked again after 2, 4 and 8 s, then every 15 s: after an offline navigation Chromium's emulation leaves
      // navigator.onLine true). The connection strip follows the session's answer.
      await page.goto(`${server.url}/meetings/${meetingId}`);
      await page.getByText(/^离线：显示的是/).waitFor();
      await context.setOffline(false);
      await page.getByText(/^离线：显示的是/).waitFor({ state: 'detached', timeout: 25_000 });
      await page.getByRole('heading', { level: 1, name: MEETING_TITLE }).waitFor();
      await page.locator('yishi-connection-bar').getByText('已离线').waitFor({ state: 'detached' });
      await page.getByText('需要联网才能开始、结束或取消会议，或锁定议程').waitFor({ state: 'detached' });
      for (const button of await steps.all()) expect(await button.getAttribute('disabled')).toBeNull();
    } finally {
      await context.close();
    }
  }, 90_000);

  test('sign-off needs the network: offline its button is disabled, with words; back online it is enabled', async () => {
    const staff = await new ApiClient(server.url).login('shequ');
    const item = await staff.ok(actionItemEndpoints.create, {
      params: { compoundId: dsct },
      body: { title: '6栋楼道灯不亮', source: { kind: 'council_outcome' }, responsibleUnit: 'property_manager' },
    });
    await staff.ok(actionItemEndpoints.resolve, { params: { itemId: item.id }, body: { evidence: '已更换灯泡' } });
    const page = await newPhonePage(browser);
    const context = page.context();
    try {
      await loginWithSessionCookie(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/action-items/${item.id}`);
      const signOff = page.getByRole('button', { name: '销号', exact: true });
      await signOff.waitFor();
      expect(await signOff.isDisabled()).toBe(false);
      await context.setOffline(true);
      await page.getByText('需要联网才能销号').waitFor();
      await expect.poll(() => signOff.isDisabled()).toBe(true);
      // Sending it back needs the network too: no tap that can only fail.
      const sendBack = page.getByRole('button', { name: '退回重办' });
      await expect.poll(() => sendBack.isDisabled()).toBe(true);
      await context.setOffline(false);
      await page.getByText('需要联网才能销号').waitFor({ state: 'detached' });
      await expect.poll(() => signOff.isDisabled()).toBe(false);
      expect(await sendBack.isDisabled()).toBe(false);
    } finally {
      await context.close();
    }
  });

  test('publishing minutes needs the network: offline the publish button is disabled, with words', async () => {
    const { meetingId: held } = await insertHeldMeeting(server.deps, { startsAt: new Date(Date.now() - 26 * 3_600_000), title: '离线测试议事会', vote: null });
    const page = await newPhonePage(browser);
    const context = page.context();
    try {
      await loginWithSessionCookie(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/meetings/${held}/minutes`);
      const editor = page.locator('yishi-minutes-page');
      await editor.getByRole('button', { name: '从会议记录生成草稿' }).click();
      await expect.poll(() => editor.getByText('已连接，修改会实时保存').count(), { timeout: 15_000 }).toBe(1);
      const publish = editor.getByRole('button', { name: '审核并公示' });
      await publish.waitFor();
      expect(await publish.isDisabled()).toBe(false);
      await context.setOffline(true);
      await page.getByText('需要联网才能公示或更正纪要').waitFor();
      await expect.poll(() => publish.isDisabled()).toBe(true);
      await context.setOffline(false);
      await page.getByText('需要联网才能公示或更正纪要').waitFor({ state: 'detached' });
      await expect.poll(() => publish.isDisabled()).toBe(false);
    } finally {
      await context.close();
    }
  });

  test('resident: the vote page offline shows the vote as saved, never as open, and says voting needs the network; the concern page shows my concerns as last seen and keeps what is typed', async () => {
    const page = await newPhonePage(browser, PHONE_390);
    const context = page.context();
    try {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(`${server.url}/votes/${voteId}`);
      await page.getByRole('heading', { level: 1, name: VOTE_TITLE }).waitFor();
      await page.getByRole('button', { name: '开始投票' }).waitFor();
      await controlled(page);

      // Mid-ballot the signal drops: the confirm button waits, with words (a ballot counts only once the server confirms it).
      await page.getByRole('button', { name: '开始投票' }).click();
      await page.getByRole('button', { name: /^1栋1单元301/ }).click();
      await page.getByRole('radio', { name: /同意/ }).click();
      await page.getByRole('button', { name: '下一步' }).click();
      const confirm = page.getByRole('button', { name: '确认投票' });
      await confirm.waitFor();
      await context.setOffline(true);
      await page.getByText('需要联网才能投票').waitFor();
      await expect.poll(() => confirm.isDisabled()).toBe(true);
      await context.setOffline(false);
      await expect.poll(() => confirm.isDisabled()).toBe(false);

      await page.goto(`${server.url}/votes/${voteId}`);
      await page.getByRole('button', { name: '开始投票' }).waitFor();
      await waitForKept(page, `vote/${voteId}`);
      // Online when loaded, then the signal drops: the ballot buttons give way at once.
      await goOffline(context, page);
      await page.getByText('需要联网才能投票').waitFor();
      expect(await page.getByRole('button', { name: '开始投票' }).count()).toBe(0);

      // Opened offline: the kept copy, as of when it was saved.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: VOTE_TITLE }).waitFor();
      await page.getByText('需要联网才能投票').waitFor();
      const words = await visibleText(page);
      expect(words).toMatch(/截至 \d{2}:\d{2}：表决现在是否仍在进行/);
      expect(words).not.toContain('进行中');
      expect(await page.getByRole('button', { name: /开始投票|继续投票|修改选票/ }).count()).toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'offline-vote-page.png'), fullPage: false });
      await expectNoSeriousA11yViolations(page);

      // The concern page: visited before, opened offline, shows my concerns as last seen, keeps what is
      // typed, says sending needs the network.
      await context.setOffline(false);
      await page.goto(`${server.url}/compounds/${dsct}/concerns`);
      await page.getByRole('heading', { level: 1, name: '反映问题' }).waitFor();
      const mine = page.locator('yishi-concern-page ul.mine li a');
      await mine.first().waitFor();
      const titles = await mine.allTextContents();
      await waitForKept(page, `concerns/${dsct}`);
      await context.setOffline(true);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: '反映问题' }).waitFor();
      await page.getByText(/^离线：显示的是 \d{2}:\d{2} 保存的内容$/).waitFor();
      expect(await mine.allTextContents()).toEqual(titles);
      await page.screenshot({ path: join(SCREENSHOTS, 'offline-concern-page.png'), fullPage: true });
      await page.getByText(/现在离线：您填写的内容保存在本机/).waitFor();
      await page.getByLabel('一句话说明问题').fill('3号楼门禁坏了');
      await waitForKept(page, `concern-draft/${dsct}`);
      expect(await page.locator('yishi-concern-page button[type="submit"]').getAttribute('disabled')).not.toBeNull();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: '反映问题' }).waitFor();
      await expect.poll(() => page.getByLabel('一句话说明问题').inputValue()).toBe('3号楼门禁坏了');
    } finally {
      await context.close();
    }
  });
});

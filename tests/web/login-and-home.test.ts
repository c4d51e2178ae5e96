/**
 * Logging in as each demo role in a real Chromium on a phone-sized window and landing on that
 * role's home: greeting by name, the roles held, the compounds and the actions those roles allow.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  expectNoSeriousA11yViolations,
  launchBrowser,
  loginAs,
  loginWithSessionCookie,
  newPhonePage,
  setElderModeSwitch,
  visibleText,
  withPhonePage,
} from '../support/browser.js';
import { actionItemEndpoints, eveningTalkEndpoints } from '@yishi/core';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
const DESKTOP = { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 };

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

const withPage = (run: (page: Page) => Promise<void>) => withPhonePage(browser, run);

const main = (page: Page) => page.locator('main');

describe('login and per-role home', () => {
  test('an anonymous visitor to / is sent to the login page and comes back after logging in', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/`);
      await page.waitForURL(/\/login\?next=%2F$/);
      expect(await main(page).getByRole('heading', { level: 1 }).textContent()).toBe('登录议事');
      await loginAs(page, server.url, 'shequ');
      expect(new URL(page.url()).pathname).toBe('/');
    });
  });

  test('a wrong password is said in words, and the visitor stays on the login page', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/login`);
      await page.getByLabel('手机号或用户名').fill('yezhu');
      await page.getByLabel('密码', { exact: true }).fill('wrong-password');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      const alert = main(page).getByRole('alert');
      await alert.waitFor();
      const words = await visibleText(page, 'yishi-login-page .login-error');
      expect(words).toContain('登录没有成功');
      expect(words).toContain('手机号/用户名或密码不正确');
      expect(new URL(page.url()).pathname).toBe('/login');
    });
  });

  const homes: Array<{ login: string; name: RegExp; roles: string[]; compounds: string[]; actions: string[]; absent?: string[] }> = [
    { login: 'jiedao', name: /您好/, roles: ['街道党工委'], compounds: ['都市春天小区', '翠苑小区'], actions: ['小区概况', '花名册', '公示栏'] },
    { login: 'shequ', name: /您好/, roles: ['社区干部'], compounds: ['都市春天小区', '翠苑小区'], actions: ['小区概况', '花名册'] },
    { login: 'zhanzhang', name: /您好/, roles: ['服务站站长'], compounds: ['都市春天小区'], actions: ['小区概况', '花名册'], absent: ['翠苑小区'] },
    { login: 'zhujian', name: /您好/, roles: ['四方代表'], compounds: ['都市春天小区'], actions: ['小区概况', '公示栏'], absent: ['花名册'] },
    { login: 'loudong', name: /您好/, roles: ['楼栋长', '业主'], compounds: ['都市春天小区'], actions: ['小区概况'], absent: ['花名册'] },
    { login: 'yezhu', name: /王建国，您好/, roles: ['业主'], compounds: ['都市春天小区'], actions: ['小区概况', '公示栏'], absent: ['花名册'] },
    { login: 'jumin', name: /您好/, roles: ['居民'], compounds: ['都市春天小区'], actions: ['小区概况', '公示栏'], absent: ['花名册'] },
  ];

  for (const home of homes) {
    test(`${home.login} sees their own home`, async () => {
      await withPage(async (page) => {
        await loginAs(page, server.url, home.login);
        await expect.poll(() => page.title()).toBe('首页 · 议事');
        const text = await visibleText(page);
        expect(await main(page).getByRole('heading', { level: 1 }).textContent()).toMatch(home.name);
        for (const role of home.roles) expect(text).toContain(role);
        for (const compound of home.compounds) expect(text).toContain(compound);
        for (const action of home.actions) await main(page).getByRole('link', { name: action, exact: true }).first().waitFor();
        for (const word of home.absent ?? []) expect(text).not.toContain(word);
      });
    });
  }

  test('the owner 王建国 is told about both of his units', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'yezhu');
      expect(await visibleText(page)).toContain('您在本小区有 2 套房屋登记为业主');
    });
  });

  test('logging out returns to the login page and / asks for a login again', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'jumin');
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL(/\/login$/);
      await page.goto(`${server.url}/`);
      await page.waitForURL(/\/login\?next=/);
    });
  });

  test('a deep link asks for a login first and then opens the page it pointed to', async () => {
    const dsct = await compoundIdByCode(server.deps, 'DSCT');
    await withPage(async (page) => {
      await page.goto(`${server.url}/compounds/${dsct}`);
      await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === `/compounds/${dsct}`);
      await page.getByLabel('手机号或用户名').fill('zhanzhang');
      await page.getByLabel('密码', { exact: true }).fill('yishi2026');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL((u) => u.pathname === `/compounds/${dsct}`);
      await page.locator('yishi-compound-overview-page').getByRole('heading', { level: 1, name: '都市春天小区' }).waitFor();
    });
  });

  test('the public notice board opens without a login', async () => {
    const dsct = await compoundIdByCode(server.deps, 'DSCT');
    await withPage(async (page) => {
      await page.goto(`${server.url}/board/${dsct}`);
      await page.locator('yishi-board-page').getByRole('heading', { level: 1, name: '小区公示栏' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/board/${dsct}`);
      await page.locator('yishi-app header').getByRole('link', { name: '登录' }).waitFor();
    });
  });

  test('public pages log no console error for an anonymous visitor (no 401 from asking who is there)', async () => {
    const dsct = await compoundIdByCode(server.deps, 'DSCT');
    await withPage(async (page) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      for (const [path, heading] of [
        [`/board/${dsct}`, '小区公示栏'],
        ['/login', '登录议事'],
      ] as const) {
        await page.goto(`${server.url}${path}`);
        await main(page).getByRole('heading', { level: 1, name: heading }).waitFor();
        // By then the shell has asked who is there.
        await page.waitForLoadState('networkidle');
      }
      expect(errors).toEqual([]);
    });
  });

  test('an unknown address shows a friendly page-not-found in words', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/no/such/page`);
      expect(await main(page).getByRole('heading', { level: 1 }).textContent()).toBe('找不到这个页面');
      await main(page).getByRole('link', { name: '回到首页' }).waitFor();
      // A long address (a link cut from a chat message) wraps on the phone rather than run off its side.
      await page.goto(`${server.url}/compounds/x4rysa5r21nhxnpe0k7w3m9q2d5f8h1j4l6n/staffandeverythingpasted`);
      await main(page).getByRole('link', { name: '回到首页' }).waitFor();
      const said = main(page).locator('p').first();
      expect(await said.evaluate((p) => p.scrollWidth - p.clientWidth)).toBeLessThanOrEqual(0);
    });
  });

  test('the login page works from the keyboard alone, in a sensible focus order', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/login`);
      await page.getByLabel('手机号或用户名').waitFor();
      const focused = () =>
        page.evaluate(() => {
          let el: Element | null = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          if (!el) return '';
          const root = el.getRootNode();
          const host = root instanceof ShadowRoot && root.host.tagName.startsWith('SL-') ? root.host : null;
          // Inside a Shoelace control, name it by its host: its label attribute or slotted words; a native field by its label.
          const labels = el instanceof HTMLInputElement ? el.labels : null;
          const label = (host ? (host.getAttribute('label') ?? host.textContent) : labels?.length ? labels[0]!.textContent : el.textContent) ?? '';
          return `${el.tagName.toLowerCase()}:${label.replace(/\s+/g, ' ').trim()}`;
        });
      const order: string[] = [];
      for (let i = 0; i < 7; i++) {
        await page.keyboard.press('Tab');
        order.push(await focused());
      }
      expect(order.slice(0, 2)).toEqual(['a:跳到主要内容', 'a:议事 小区议事协商平台']);
      expect(order).toContain('button:English');
      const username = order.findIndex((f) => f === 'input:手机号或用户名');
      const password = order.findIndex((f) => f === 'input:密码');
      expect(order.findIndex((f) => f.includes('长辈版'))).toBeGreaterThan(0);
      expect(username).toBeGreaterThan(order.findIndex((f) => f.includes('长辈版')));
      expect(password).toBe(username + 1);

      await page.getByLabel('手机号或用户名').focus();
      await page.keyboard.type('yezhu');
      await page.keyboard.press('Tab');
      await page.keyboard.type('yishi2026');
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.pathname === '/');
      await page.locator('yishi-home-page').getByRole('heading', { level: 1, name: '王建国，您好' }).waitFor();
    });
  });

  test('the station chief is told what needs him: overdue items, the vote closing with its turnout against 2/3; each entry opens its page', async () => {
    for (const viewport of [DESKTOP, null]) {
      const page = await newPhonePage(browser, viewport ?? {});
      try {
        await loginWithSessionCookie(page, server.url, 'zhanzhang');
        await page.goto(`${server.url}/`);
        const todo = page.locator('yishi-home-todo');
        await todo.getByRole('heading', { level: 2, name: '需要您处理的事项' }).waitFor();
        const due = todo.locator('[data-section="due"]');
        await due.getByRole('heading', { name: /^已逾期和今天到期的整改事项（\d+）$/ }).waitFor();
        expect(await visibleText(due)).toContain('已逾期');
        const votes = todo.locator('[data-section="votes"]');
        const voteText = await visibleText(votes);
        expect(voteText).toContain('利用小区共有场地建设电动自行车充电棚');
        expect(voteText).toMatch(/参与表决面积 [\d.]+ \/ [\d.]+ 平方米（[\d.]+%），需 ≥ 2\/3，还差/);
        expect(voteText).toMatch(/参与表决人数 \d+ \/ \d+ 人/);
        await expectNoSeriousA11yViolations(page);
        await page.screenshot({ path: join(SCREENSHOTS, viewport ? 'home-staff.png' : 'home-staff-phone.png'), fullPage: true });
        if (viewport) continue;
        // Each entry links to the page where it is done.
        const first = due.getByRole('link').first();
        const title = (await first.textContent())?.trim() ?? '';
        await first.click();
        await page.locator('yishi-action-item-page').getByRole('heading', { level: 1, name: title }).waitFor();
      } finally {
        await page.context().close();
      }
    }
  });

  test('the grid worker finds an item the station gave the grid on his home, and it opens its page', async () => {
    const title = '5栋楼道堆放杂物，影响消防通道';
    const chief = await new ApiClient(server.url).login('zhanzhang');
    const compoundId = await compoundIdByCode(server.deps, 'DSCT');
    await chief.ok(actionItemEndpoints.create, { params: { compoundId }, body: { title, responsibleUnit: 'grid', source: { kind: 'proposal' } } });
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'wangge');
      await page.goto(`${server.url}/`);
      const fresh = page.locator('yishi-home-todo [data-section="new"]');
      await fresh.getByRole('heading', { name: /^交给您、还没开始办理的事项（\d+）$/ }).waitFor();
      const text = await visibleText(fresh);
      expect(text).toContain(title);
      expect(text).toContain('责任单位：网格员');
      await fresh.screenshot({ path: join(SCREENSHOTS, 'home-grid-worker-new-phone.png') });
      await fresh.getByRole('link', { name: title }).click();
      await page.locator('yishi-action-item-page').getByRole('heading', { level: 1, name: title }).waitFor();
    });
  });

  test('a resident finds the question she asked at an evening talk on her home, with where it stands, and it opens the talk', async () => {
    const text = '6栋门口路灯坏了，晚上回家看不清路';
    const meeting = await server.deps.db.selectFrom('meetings').select(['id', 'title']).where('title', '=', '围庐夜话·冬季第一场').executeTakeFirstOrThrow();
    const resident = await new ApiClient(server.url).login('jumin');
    const asked = await resident.ok(eveningTalkEndpoints.submit, { params: { meetingId: meeting.id }, body: { text, category: 'facilities' } });
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'jumin');
      await page.goto(`${server.url}/`);
      const questions = page.locator('yishi-home-todo [data-section="questions"]');
      await questions.getByRole('heading', { name: /^我在夜谈中提的问题（\d+）$/ }).waitFor();
      const entry = questions.getByRole('listitem').filter({ hasText: text });
      expect(await visibleText(entry)).toMatch(new RegExp(`第 ${asked.number} 号问题：${text}\\s*待答复\\s*${meeting.title}`));
      await questions.screenshot({ path: join(SCREENSHOTS, 'home-resident-questions-phone.png') });
      await entry.getByRole('link').click();
      await page.locator('yishi-meeting-page').getByRole('heading', { level: 1, name: meeting.title }).waitFor();
    });
  });

  test('the owner is told which of his units have not voted, his concern and where it stands, in words; English without a reload', async () => {
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'yezhu');
      await page.goto(`${server.url}/`);
      const todo = page.locator('yishi-home-todo');
      const ballots = todo.locator('[data-section="ballots"]');
      await ballots.waitFor();
      const ballotText = await visibleText(ballots);
      expect(ballotText).toContain('还没有投票的房屋：1栋1单元301、2栋2单元502');
      expect(ballotText).toMatch(/截止时间 .+，还剩 \d+ 天/);
      const concerns = await visibleText(todo.locator('[data-section="concerns"]'));
      expect(concerns).toContain('垃圾分类投放点有异味');
      // The staff's 已办结待销号 said plainly.
      expect(concerns).toContain('已办结待销号：已经处理完，等服务站核实后“销号”');
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'home-owner.png'), fullPage: true });
      await setElderModeSwitch(page, true);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: join(ARTIFACTS, 'home-owner-elder.png'), fullPage: true });
      await setElderModeSwitch(page, false);

      await page.locator('yishi-app header').getByRole('button', { name: 'English' }).click();
      await todo.getByRole('heading', { level: 2, name: 'What needs you' }).waitFor();
      expect(await visibleText(ballots)).toContain('Not voted yet: 1栋1单元301, 2栋2单元502');
      await page.locator('yishi-app header').getByRole('button', { name: '中文' }).click();
      await todo.getByRole('heading', { level: 2, name: '需要您处理的事项' }).waitFor();

      await ballots.getByRole('link', { name: '去投票' }).click();
      await page.waitForURL(/\/votes\/[^/]+$/);
    });
  });

  test('nothing to do is said in words', async () => {
    await withPage(async (page) => {
      await loginWithSessionCookie(page, server.url, 'cuiyuan');
      await page.goto(`${server.url}/`);
      const empty = page.locator('yishi-home-todo [data-empty]');
      await empty.waitFor();
      expect(await empty.textContent()).toContain('没有需要您处理的事项');
      await expectNoSeriousA11yViolations(page);
    });
  });

  test('the login page and a home page pass the axe accessibility check', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/login`);
      await page.getByLabel('手机号或用户名').waitFor();
      await expectNoSeriousA11yViolations(page);
      await loginAs(page, server.url, 'shequ');
      await expectNoSeriousA11yViolations(page);
    });
  });
});

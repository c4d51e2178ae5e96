/**
 * The compound overview read on a phone, in Chinese and after switching to English; elder mode
 * (长辈版) on a 360×740 window: large text, roomy lines, big tap targets, nothing cut off, and
 * remembered after a reload. Screenshots of each screen go to /tmp/yishi-shots for a human look.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, loginAs, newPhonePage, setElderModeSwitch, visibleText, withPhonePage } from '../support/browser.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SHOTS = '/tmp/yishi-shots';
let server: TestServer;
let browser: Browser;
let dsct: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer();
  browser = await launchBrowser();
  dsct = await compoundIdByCode(server.deps, 'DSCT');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const withPage = (run: (page: Page) => Promise<void>) => withPhonePage(browser, run);

async function openOverview(page: Page): Promise<string> {
  await page.goto(`${server.url}/compounds/${dsct}`);
  await page.locator('yishi-compound-overview-page').getByRole('heading', { level: 1 }).waitFor();
  return visibleText(page);
}

/** Widest element edge versus the window: > 0 means something sticks out sideways. */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('compound overview', () => {
  test('staff read the overview in Chinese: figures, buildings and the four parties', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'zhanzhang');
      const text = await openOverview(page);
      expect(text).toContain('都市春天小区');
      expect(text).toContain('秀江街道 · 宜阳社区');
      expect(text).toMatch(/楼栋 3 栋/);
      expect(text).toMatch(/房屋 120 套/);
      expect(text).toMatch(/开发商持有 6 套/);
      expect(text).toMatch(/总建筑面积 [\d.]+ 平方米/);
      for (const party of ['街道（社区）', '职能部门', '业委会', '物业企业']) expect(text).toContain(party);
      expect(text).toContain('服务站团队');
      await page.locator('yishi-compound-overview-page').getByRole('link', { name: '管理花名册' }).waitFor();
      // The steps after a roster, from here: the owners' letters and codes, the staff and representatives.
      const overview = page.locator('yishi-compound-overview-page');
      expect(await overview.getByRole('link', { name: '账号激活（激活信、激活码）' }).getAttribute('href')).toBe(`/compounds/${dsct}/activation`);
      expect(await overview.getByRole('link', { name: '工作人员和四方代表授权' }).getAttribute('href')).toBe('/staff');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await expectNoSeriousA11yViolations(page);
    });
  });

  test('an owner reads the overview too, without the roster link', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'yezhu');
      const text = await openOverview(page);
      expect(text).toMatch(/房屋 120 套/);
      expect(text).not.toContain('管理花名册');
      expect(text).not.toContain('账号激活');
      expect(text).not.toContain('工作人员和四方代表授权');
    });
  });

  test('a station chief of another compound is told in words that this one is not theirs', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'cuiyuan');
      await page.goto(`${server.url}/compounds/${dsct}`);
      await page.locator('yishi-compound-overview-page .state-error').waitFor();
      expect(await visibleText(page)).toContain('您没有权限进行此操作');
      await page.locator('yishi-compound-overview-page').getByRole('button', { name: '重试' }).waitFor();
    });
  });

  test('switching to English translates the shell, the page and the server messages', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'shequ');
      await openOverview(page);
      expect(await page.title()).toBe('小区概况 · 议事');
      await page.locator('yishi-app header').getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      // The tab's title too: the page's title comes with each language's words.
      await expect.poll(() => page.title()).toBe('Compound overview · Yishi');
      await expect.poll(() => visibleText(page)).toContain('Key figures');
      const text = await visibleText(page);
      expect(text).toContain('The four parties');
      expect(text).toContain("Owners' committee");
      expect(text).toMatch(/Total floor area [\d.]+ m²/);
      expect(await visibleText(page, 'header')).toContain('Log out');
      // The choice is remembered and the server now answers in English too.
      await page.locator('yishi-app header').getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(/\/login$/);
      await expect.poll(() => page.title()).toBe('Log in · Yishi');
      await page.getByLabel(/Phone number or username/).fill('shequ');
      await page.getByLabel(/^\s*Password\s*$/).fill('not-the-password');
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await page.locator('yishi-login-page .login-error').waitFor();
      expect(await visibleText(page, 'yishi-login-page .login-error')).toContain('The phone number/username or password is incorrect');
      // And back to Chinese.
      await page.locator('yishi-app header').getByRole('button', { name: '中文' }).click();
      await expect.poll(() => visibleText(page, 'yishi-login-page')).toContain('登录议事');
    });
  });
});

describe('elder mode on a 360×740 phone', () => {
  test('the switch on the login screen enlarges text, lines and tap targets and is remembered', async () => {
    await withPage(async (page) => {
      await page.goto(`${server.url}/login`);
      await page.getByLabel('手机号或用户名').waitFor();
      await page.screenshot({ path: `${SHOTS}/login-normal.png` });
      await page.locator('yishi-login-page').getByRole('switch', { name: '长辈版（大字）' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);

      const metrics = await page.evaluate(() => {
        const px = (v: string) => Number.parseFloat(v);
        const rootSize = px(getComputedStyle(document.documentElement).fontSize);
        const app = document.querySelector('yishi-app')!.shadowRoot!;
        const login = app.querySelector('yishi-login-page')!.shadowRoot!;
        const lead = login.querySelector('p.lead')!;
        const button = login.querySelector('button[type=submit]')!.getBoundingClientRect();
        const input = login.querySelector('input[name=login]')!.getBoundingClientRect();
        const header = app.querySelector('button.language')!.getBoundingClientRect();
        return {
          rootSize,
          leadSize: px(getComputedStyle(lead).fontSize),
          leadLine: px(getComputedStyle(lead).lineHeight) / px(getComputedStyle(lead).fontSize),
          buttonHeight: button.height,
          inputHeight: input.height,
          headerButtonHeight: header.height,
        };
      });
      expect(metrics.rootSize).toBeGreaterThanOrEqual(20);
      expect(metrics.leadSize).toBeGreaterThanOrEqual(20);
      expect(metrics.leadLine).toBeGreaterThanOrEqual(1.5);
      expect(metrics.buttonHeight).toBeGreaterThanOrEqual(48);
      expect(metrics.inputHeight).toBeGreaterThanOrEqual(44);
      expect(metrics.headerButtonHeight).toBeGreaterThanOrEqual(48);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/login-elder.png` });
      await expectNoSeriousA11yViolations(page);

      await page.reload();
      await page.getByLabel('手机号或用户名').waitFor();
      expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
      expect(await page.locator('yishi-login-page').getByRole('switch', { name: '长辈版（大字）' }).isChecked()).toBe(true);
    });
  });

  test('home and overview stay readable in both modes (screenshots for review)', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'yezhu');
      await page.screenshot({ path: `${SHOTS}/home-normal.png`, fullPage: true });
      await openOverview(page);
      await page.screenshot({ path: `${SHOTS}/overview-normal.png`, fullPage: true });

      await setElderModeSwitch(page, true);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/overview-elder.png`, fullPage: true });
      await expectNoSeriousA11yViolations(page);
      await page.goto(`${server.url}/`);
      await page.locator('yishi-home-page').getByRole('heading', { level: 1 }).waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/home-elder.png`, fullPage: true });
      await setElderModeSwitch(page, false);
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('16px');
    });
  });

  test('the header keeps to two rows in both modes: the name with the account, then elder mode with the language', async () => {
    await withPage(async (page) => {
      await loginAs(page, server.url, 'yezhu');
      // Each control's vertical middle, so rows compare whatever the controls' heights.
      const rows = () =>
        page.locator('yishi-app').evaluate((app) => {
          const middle = (selector: string) => {
            const box = app.shadowRoot!.querySelector(selector)!.getBoundingClientRect();
            return Math.round(box.top + box.height / 2);
          };
          const header = app.shadowRoot!.querySelector('header')!.getBoundingClientRect();
          return {
            brand: middle('.brand'),
            account: [middle('yishi-notification-bell'), middle('.account-link'), middle('.logout')],
            preferences: [middle('.elder-switch'), middle('.language')],
            headerHeight: header.height,
            tap: Number.parseFloat(getComputedStyle(app.shadowRoot!.querySelector('.logout')!).minHeight),
          };
        });
      for (const elder of [false, true]) {
        await setElderModeSwitch(page, elder);
        const r = await rows();
        for (const y of r.account) expect(Math.abs(y - r.brand)).toBeLessThanOrEqual(4);
        expect(Math.abs(r.preferences[0]! - r.preferences[1]!)).toBeLessThanOrEqual(4);
        expect(r.preferences[0]! - r.brand).toBeGreaterThan(r.tap / 2);
        // Two rows of tap targets and the bar's padding: no third row.
        expect(r.headerHeight).toBeLessThan(3 * r.tap);
      }
      await setElderModeSwitch(page, false);
    });
  });
});

describe('zoomed to 200%', () => {
  test('a 1280×720 desktop window at 200% (640×360 CSS pixels): nothing sticks out sideways', async () => {
    const page = await newPhonePage(browser, { viewport: { width: 640, height: 360 }, deviceScaleFactor: 2, isMobile: false, hasTouch: false });
    try {
      await page.goto(`${server.url}/login`);
      await page.getByLabel('手机号或用户名').waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await loginAs(page, server.url, 'shequ');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await openOverview(page);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.goto(`${server.url}/compounds/${dsct}/roster`);
      await page.locator('yishi-roster-import-page').getByRole('heading', { level: 1 }).waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/roster-zoom200.png`, fullPage: true });
    } finally {
      await page.context().close();
    }
  });
});

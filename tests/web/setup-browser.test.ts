/**
 * First-run setup in a real browser on an EMPTY database: without the link the page explains where
 * it is (the server log) and the command-line way; with the logged link the installer creates the
 * subdistrict and its administrator (a password typed twice, a mismatch said in words), lands on
 * the home page logged in, and any later visit is told the installation is already set up.
 */
import { mkdirSync } from 'node:fs';
import { meSchema } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, newPhonePage, visibleText } from '../support/browser.js';
import { ADMIN, callApi, setupToken } from '../support/empty-install.js';
import { control, focusedControl } from '../support/forms.js';
import { startTestServer, type TestServer } from '../support/server.js';

const SHOTS = '/tmp/yishi-shots/accounts';
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({ config: { seedDemo: false } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const setupPage = 'yishi-setup-page';
const field = (page: Page, name: string) => control(page, setupPage, name);

describe('first-run setup page', () => {
  test('without the link, the page says where to find it and how to set up from the command line', async () => {
    const page = await newPhonePage(browser);
    try {
      await page.goto(`${server.url}/setup`);
      await page.locator(setupPage).getByRole('heading', { name: '需要初始设置链接' }).waitFor();
      const text = await visibleText(page, setupPage);
      expect(text).toContain('服务器日志');
      expect(text).toContain('[yishi setup]');
      expect(text).toContain('yishi setup --subdistrict');
      expect(await field(page, 'subdistrict').count()).toBe(0);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SHOTS}/setup-no-token-phone.png`, fullPage: true });
    } finally {
      await page.context().close();
    }
  });

  test('a link with a wrong token is refused in words, and nothing is set up', async () => {
    const page = await newPhonePage(browser);
    try {
      await page.goto(`${server.url}/setup?token=not-the-token-from-the-log`);
      await field(page, 'subdistrict').waitFor();
      await page.getByLabel('街道名称').fill(ADMIN.subdistrict);
      await page.getByLabel('管理员姓名').fill(ADMIN.name);
      await page.getByLabel('手机号').fill(ADMIN.phone);
      await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
      await page.getByLabel('再次输入密码').fill(ADMIN.password);
      await page.getByRole('button', { name: '完成设置并登录' }).click();
      await page.locator(`${setupPage} .general-error`).waitFor();
      expect(await visibleText(page, `${setupPage} .general-error`)).toContain('初始设置链接无效或已失效');
      expect((await callApi<{ needed: boolean }>(server, 'GET', '/api/setup/status')).body.needed).toBe(true);
    } finally {
      await page.context().close();
    }
  });

  test('the logged link creates the administrator, who is logged in; a second visit finds it done', async () => {
    const token = await setupToken(server);
    const page = await newPhonePage(browser);
    try {
      await page.goto(`${server.url}/setup?token=${token}`);
      await field(page, 'subdistrict').waitFor();
      const intro = await visibleText(page, setupPage);
      expect(intro).toContain('添加社区和小区');
      expect(intro).toContain('导入各小区的业主花名册');
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SHOTS}/setup-form-phone.png`, fullPage: true });

      await page.getByLabel('街道名称').fill(ADMIN.subdistrict);
      await page.getByLabel('管理员姓名').fill(ADMIN.name);
      await page.getByLabel('手机号').fill(ADMIN.phone);
      await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
      await page.getByLabel('再次输入密码').fill(`${ADMIN.password}x`);
      await page.getByRole('button', { name: '完成设置并登录' }).click();
      // The mismatch is said in words under the second password, where the focus now is; nothing was sent.
      await expect.poll(() => visibleText(field(page, 'password2'))).toContain('两次输入的密码不一样');
      await expect.poll(() => focusedControl(page)).toBe('password2');
      expect((await callApi<{ needed: boolean }>(server, 'GET', '/api/setup/status')).body.needed).toBe(true);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SHOTS}/setup-mismatch-phone.png`, fullPage: true });

      // A password the server refuses is shown under the password, in the server's words.
      await page.getByLabel('密码', { exact: true }).fill('12345678');
      await page.getByLabel('再次输入密码').fill('12345678');
      await page.getByRole('button', { name: '完成设置并登录' }).click();
      await expect.poll(() => visibleText(field(page, 'password'))).toContain('这个密码太常见');
      await expect.poll(() => focusedControl(page)).toBe('password');

      await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
      await page.getByLabel('再次输入密码').fill(ADMIN.password);
      await page.getByRole('button', { name: '完成设置并登录' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      await page.locator('yishi-app header').getByRole('link', { name: '我的账号' }).waitFor();
      const me = meSchema.parse(await (await page.request.get(`${server.url}/api/me`)).json());
      expect(me.displayName).toBe(ADMIN.name);
      expect(me.grants.map((g) => g.title)).toEqual(['街道管理员']);
    } finally {
      await page.context().close();
    }

    // The link again, in another browser: no form, just the news and the way to log in.
    const again = await newPhonePage(browser);
    try {
      await again.goto(`${server.url}/setup?token=${token}`);
      await again.locator(setupPage).getByRole('heading', { name: '系统已完成初始设置' }).waitFor();
      expect(await field(again, 'subdistrict').count()).toBe(0);
      await again.locator(setupPage).getByRole('link', { name: '去登录' }).click();
      await again.waitForURL((u) => u.pathname === '/login');
      await again.getByLabel('手机号或用户名').fill(ADMIN.phone);
      await again.getByLabel('密码', { exact: true }).fill(ADMIN.password);
      await again.getByRole('button', { name: '登录', exact: true }).click();
      await again.waitForURL((u) => u.pathname === '/');
      // The link once more, now logged in: not told to log in, but who she is and the way home.
      await again.goto(`${server.url}/setup?token=${token}`);
      await again.locator(setupPage).getByRole('heading', { name: '系统已完成初始设置' }).waitFor();
      const done = await visibleText(again, setupPage);
      expect(done).toContain(`您已登录为 ${ADMIN.name}`);
      expect(await again.locator(setupPage).getByRole('link', { name: '去登录' }).count()).toBe(0);
      await again.locator(setupPage).getByRole('link', { name: '回到首页' }).click();
      await again.waitForURL((u) => u.pathname === '/');
    } finally {
      await again.context().close();
    }
  });
});

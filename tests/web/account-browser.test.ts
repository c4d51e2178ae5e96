/**
 * "My account" in a real browser, on an installation that started from an EMPTY database: an owner
 * logged in on a phone and on a computer sees both devices (this one marked 本机, Beijing time),
 * signs the other one out, or all others after a confirmation dialog, and changing the password
 * signs the other browser out and says so. The header links to the page.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, loginAs, newPhonePage, setElderModeSwitch, visibleText } from '../support/browser.js';
import { callApi, installNeighbourhood, issueOwnerCode, type Installation } from '../support/empty-install.js';
import { control, focusedControl } from '../support/forms.js';
import { startTestServer, type TestServer } from '../support/server.js';

const SHOTS = '/tmp/yishi-shots/accounts';
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 13; M2012K11AC) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';
const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const OWNER = { phone: '13800000004', name: '刘芳', password: 'liu-fang-2102' };

let server: TestServer;
let browser: Browser;
let install: Installation;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({ config: { seedDemo: false } });
  browser = await launchBrowser();
  install = await installNeighbourhood(server);
  // 刘芳 activates with the code the building head brought; that session is then logged out, so
  // the devices on her list are exactly the ones this test logs in.
  const code = await issueOwnerCode(server, install, OWNER.phone);
  const activated = await callApi(server, 'POST', '/api/activation', { json: { code, consent: true, password: OWNER.password } });
  expect(activated.status).toBe(200);
  await callApi(server, 'POST', '/api/auth/logout', { cookie: activated.cookie });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const ACCOUNT = 'yishi-account-page';
const devices = (page: Page) => page.locator(`${ACCOUNT} li.device`);

async function openAccount(page: Page): Promise<void> {
  await page.goto(`${server.url}/account`);
  await page.locator(ACCOUNT).getByRole('heading', { level: 1, name: '我的账号' }).waitFor();
  await devices(page).first().waitFor();
}

/** Whether the context's session still works: / either shows the page or sends to /login. */
async function stillLoggedIn(page: Page): Promise<boolean> {
  return (await page.request.get(`${server.url}/api/me`)).ok();
}

describe('my account', () => {
  let phone: Page;
  let desktop: Page;
  let desktopContext: BrowserContext;

  beforeAll(async () => {
    phone = await newPhonePage(browser, { userAgent: PHONE_UA });
    desktopContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', userAgent: DESKTOP_UA });
    desktop = await desktopContext.newPage();
    desktop.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await phone?.context().close();
    await desktopContext?.close();
  });

  test('the header links to my account; the list shows both devices, this one marked 本机', async () => {
    await loginAs(phone, server.url, OWNER.phone, OWNER.password);
    await loginAs(desktop, server.url, OWNER.phone, OWNER.password);
    await phone.locator('yishi-app header').getByRole('link', { name: '我的账号' }).click();
    await phone.waitForURL((u) => u.pathname === '/account');
    await devices(phone).first().waitFor();
    expect(await devices(phone).count()).toBe(2);
    const mine = await visibleText(devices(phone).first());
    expect(mine).toContain('Chrome · Android');
    expect(mine).toContain('本机');
    expect(mine).toMatch(/最近使用 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    expect(mine).toContain('127.0.0.1');
    const other = await visibleText(devices(phone).nth(1));
    expect(other).toContain('Chrome · Windows');
    expect(other).not.toContain('本机');
    await expectNoSeriousA11yViolations(phone);
    await phone.screenshot({ path: `${SHOTS}/account-phone.png`, fullPage: true });
    await setElderModeSwitch(phone, true);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(phone);
    await phone.screenshot({ path: `${SHOTS}/account-elder.png`, fullPage: true });
    await setElderModeSwitch(phone, false);
    await openAccount(desktop);
    await desktop.screenshot({ path: `${SHOTS}/account-desktop.png`, fullPage: true });
  });

  test('退出 on one device ends that session only', async () => {
    await openAccount(phone);
    await devices(phone).nth(1).getByRole('button', { name: /退出/ }).click();
    await expect.poll(() => devices(phone).count()).toBe(1);
    expect(await stillLoggedIn(desktop)).toBe(false);
    expect(await stillLoggedIn(phone)).toBe(true);
    expect(await visibleText(phone, ACCOUNT)).toContain('只有这台设备登录着您的账号');
  });

  test('"退出其他所有设备" asks first in a dialog, then ends every other session', async () => {
    await loginAs(desktop, server.url, OWNER.phone, OWNER.password);
    await openAccount(phone);
    expect(await devices(phone).count()).toBe(2);
    await phone.locator(ACCOUNT).getByRole('button', { name: '退出其他所有设备' }).click();
    const dialog = phone.locator(ACCOUNT).getByRole('dialog', { name: '退出其他所有设备？' });
    await dialog.waitFor();
    expect(await visibleText(dialog)).toContain('其他 1 台设备上的登录都会退出');
    await expectNoSeriousA11yViolations(phone);
    await phone.screenshot({ path: `${SHOTS}/account-confirm-phone.png` });
    // Cancel changes nothing.
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await stillLoggedIn(desktop)).toBe(true);

    await phone.locator(ACCOUNT).getByRole('button', { name: '退出其他所有设备' }).click();
    await dialog.getByRole('button', { name: '确定退出' }).click();
    await expect.poll(() => devices(phone).count()).toBe(1);
    expect(await stillLoggedIn(desktop)).toBe(false);
    // The other browser finds itself at the login page on its next visit.
    await desktop.goto(`${server.url}/account`);
    await desktop.waitForURL((u) => u.pathname === '/login');
  });

  test('changing the password signs the other browser out, and the page says so', async () => {
    await loginAs(desktop, server.url, OWNER.phone, OWNER.password);
    await openAccount(phone);
    expect(await devices(phone).count()).toBe(2);

    const page = phone.locator(ACCOUNT);
    await phone.getByLabel('原密码').fill('not-my-password');
    await phone.getByLabel('新密码', { exact: true }).fill('liu-fang-new-2102');
    await phone.getByLabel('再次输入新密码').fill('liu-fang-new-2102');
    await page.getByRole('button', { name: '保存新密码' }).click();
    await expect.poll(() => visibleText(control(phone, ACCOUNT, 'oldPassword'))).toContain('原密码不正确');
    await expect.poll(() => focusedControl(phone)).toBe('oldPassword');
    expect(await stillLoggedIn(desktop)).toBe(true);

    await phone.getByLabel('原密码').fill(OWNER.password);
    await page.getByRole('button', { name: '保存新密码' }).click();
    await expect.poll(() => visibleText(phone, ACCOUNT)).toContain('您在其他设备上的登录已经全部退出');
    await expect.poll(() => devices(phone).count()).toBe(1);
    expect(await stillLoggedIn(phone)).toBe(true);
    expect(await stillLoggedIn(desktop)).toBe(false);
    await expectNoSeriousA11yViolations(phone);
    await phone.screenshot({ path: `${SHOTS}/account-changed-phone.png`, fullPage: true });

    await desktop.goto(`${server.url}/account`);
    await desktop.waitForURL((u) => u.pathname === '/login');
    await loginAs(desktop, server.url, OWNER.phone, 'liu-fang-new-2102');
    expect(await stillLoggedIn(desktop)).toBe(true);
  });
});

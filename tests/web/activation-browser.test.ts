/**
 * Residents and invited staff get in, in a real browser, on an installation that started from an
 * EMPTY database (setup, a compound, a roster and grants made through the API):
 * - an owner scans the QR code of a letter (/activate?code=…) on a 360×740 phone in elder mode:
 *   greeted by masked name and unit, reads the privacy notice, must agree, chooses a password;
 * - an invited station chief is told the role granted;
 * - a wrong code and a phone that is not on the roster get the server's Chinese words under the field;
 * - an owner activates with phone + SMS code and no password, is sent back to the code when it was
 *   wrong, and later sets a password on "my account" without an old one;
 * - the phone's Back and Forward move between the steps with the code and consent kept, and never
 *   back into a finished activation;
 * - the SMS login on /login, and a phone that is not activated yet being sent on to /activate.
 * Every step passes axe; screenshots go to /tmp/yishi-shots/accounts. The same pages in every window
 * and in English: account-pages-windows-browser.test.ts.
 */
import { PRIVACY_NOTICE, PRIVACY_NOTICE_STAFF } from '@yishi/core';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { animationsSettled, expectNoSeriousA11yViolations, loginAs, setElderModeSwitch, visibleText } from '../support/browser.js';
import {
  ACTIVATE,
  activationField as field,
  agreeToNotice as agree,
  loggedInAs,
  stepTitle,
  useAccountPages,
  withCheckedPhonePage,
} from '../support/activation-page.js';
import { callApi, inviteStaff, issueOwnerCode, lastSmsCode } from '../support/empty-install.js';
import { control, focusedControl } from '../support/forms.js';
import { coveredBy } from '../support/hit.js';

const SHOTS = '/tmp/yishi-shots/accounts';
const pages = useAccountPages(SHOTS);

const withPage = (run: (page: Page) => Promise<void>) => withCheckedPhonePage(pages.browser, run);
const me = (page: Page) => loggedInAs(page, pages.server.url);

describe('activating an account', () => {
  test('an owner scans the letter code on a phone in elder mode: greeted, consents, chooses a password', async () => {
    const code = await issueOwnerCode(pages.server, pages.install, '13800000001');
    await withPage(async (page) => {
      await page.goto(`${pages.server.url}/activate`);
      await setElderModeSwitch(page, true);
      // As the QR code has it, but typed the way people do: lower case, a dash in the middle.
      await page.goto(`${pages.server.url}/activate?code=${code.slice(0, 5).toLowerCase()}-${code.slice(5).toLowerCase()}`);
      const greeting = page.locator(`${ACTIVATE} .greeting`);
      await greeting.waitFor();
      const hello = await visibleText(greeting);
      expect(hello).toContain('您好，王*国');
      expect(hello).toContain('都市春天小区 1栋1单元301');
      expect(await stepTitle(page).textContent()).toContain('步骤 1/3：核对身份');
      expect(await field(page, 'code').locator('input').inputValue()).toBe(`${code.slice(0, 5)}-${code.slice(5)}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SHOTS}/activate-letter-elder.png`, fullPage: true });

      await page.locator(ACTIVATE).getByRole('button', { name: '下一步' }).click();
      await expect.poll(() => stepTitle(page).textContent()).toContain('步骤 2/3：个人信息保护说明');
      const notice = await visibleText(page, ACTIVATE);
      for (const paragraph of PRIVACY_NOTICE['zh-CN']) expect(notice).toContain(paragraph);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SHOTS}/activate-letter-consent-elder.png`, fullPage: true });

      // Without the tick: said in words next to the checkbox, which gets the focus.
      await page.locator(ACTIVATE).getByRole('button', { name: '下一步' }).click();
      await expect.poll(() => visibleText(field(page, 'consent'))).toContain('请勾选“我已阅读并同意”才能继续');
      await expect.poll(() => focusedControl(page)).toBe('consent');
      expect(await stepTitle(page).textContent()).toContain('步骤 2/3');
      await agree(page);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SHOTS}/activate-letter-password-elder.png`, fullPage: true });

      const finish = page.locator(ACTIVATE).getByRole('button', { name: '完成激活' });
      await page.getByLabel('密码', { exact: true }).fill('chun');
      await finish.click();
      await expect.poll(() => visibleText(field(page, 'password'))).toContain('密码至少需要 8 位');
      await page.getByLabel('密码', { exact: true }).fill('chun-tian-301');
      await page.getByLabel('再次输入密码').fill('chun-tian-310');
      await finish.click();
      await expect.poll(() => visibleText(field(page, 'password2'))).toContain('两次输入的密码不一样');
      await expect.poll(() => focusedControl(page)).toBe('password2');
      // The server's own refusal, in its words, under the password.
      await page.getByLabel('密码', { exact: true }).fill('12345678');
      await page.getByLabel('再次输入密码').fill('12345678');
      await finish.click();
      await expect.poll(() => visibleText(field(page, 'password'))).toContain('这个密码太常见');
      await expect.poll(() => focusedControl(page)).toBe('password');
      await expectNoSeriousA11yViolations(page);

      await page.getByLabel('密码', { exact: true }).fill('chun-tian-301');
      await page.getByLabel('再次输入密码').fill('chun-tian-301');
      await finish.click();
      await page.waitForURL((u) => u.pathname === '/');
      expect((await me(page))?.displayName).toBe('王建国');
      // The home page greets her; the notice that says the account is active stands clear of the greeting.
      await page.locator('#yishi-toasts .toast', { hasText: '账号已激活' }).waitFor();
      const greetingHome = page.locator('yishi-home-page h1');
      await expect.poll(() => greetingHome.textContent()).toContain('王建国，您好');
      await animationsSettled(page);
      expect(await coveredBy(greetingHome)).toBeNull();
      await page.screenshot({ path: `${SHOTS}/activate-done-notice-elder.png` });
    });
    // The password works from another phone.
    await withPage(async (page) => {
      await loginAs(page, pages.server.url, '13800000001', 'chun-tian-301');
      expect((await me(page))?.displayName).toBe('王建国');
    });
  });

  test("the phone's Back goes to the previous step with what she entered kept, and never back into a finished activation", async () => {
    const code = await issueOwnerCode(pages.server, pages.install, '13800000004');
    await withPage(async (page) => {
      // Opened straight from the letter's link: nothing before it in this tab.
      await page.goto(`${pages.server.url}/activate`);
      const codeInput = field(page, 'code').locator('input');
      await codeInput.fill(code);
      await page.locator(ACTIVATE).getByRole('button', { name: '核对激活码' }).click();
      await page.locator(`${ACTIVATE} .greeting`).waitFor();
      const greeting = await visibleText(page.locator(`${ACTIVATE} .greeting`));
      expect(greeting).toContain('2栋1单元102');
      await page.locator(ACTIVATE).getByRole('button', { name: '下一步' }).click();
      await expect.poll(() => stepTitle(page).textContent()).toContain('步骤 2/3');

      // Back on step 2: step 1, the checked code and its greeting still there, still on /activate.
      await page.goBack();
      await expect.poll(() => stepTitle(page).textContent()).toContain('步骤 1/3');
      expect(new URL(page.url()).pathname).toBe('/activate');
      expect(await codeInput.inputValue()).toBe(`${code.slice(0, 5)}-${code.slice(5)}`);
      expect(await visibleText(page.locator(`${ACTIVATE} .greeting`))).toBe(greeting);

      // Forward again: step 2, then consent and on to step 3.
      await page.goForward();
      await expect.poll(() => stepTitle(page).textContent()).toContain('步骤 2/3');
      await agree(page);
      await page.getByLabel('密码', { exact: true }).fill('chun-tian-301');

      // Back on step 3: step 2 with the consent still ticked; Forward: the password still typed.
      await page.goBack();
      await expect.poll(() => stepTitle(page).textContent()).toContain('步骤 2/3');
      expect(await page.getByRole('checkbox', { name: '我已阅读并同意' }).isChecked()).toBe(true);
      expect(new URL(page.url()).pathname).toBe('/activate');
      // The page's own "上一步" goes back the same way: one more Back from there leaves nothing behind on step 2.
      await page.locator(ACTIVATE).getByRole('button', { name: '上一步' }).click();
      await expect.poll(() => stepTitle(page).textContent()).toContain('步骤 1/3');
      await page.goForward();
      await expect.poll(() => stepTitle(page).textContent()).toContain('步骤 2/3');
      await page.goForward();
      await expect.poll(() => stepTitle(page).textContent()).toContain('步骤 3/3');
      expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe('chun-tian-301');

      await page.getByLabel('再次输入密码').fill('chun-tian-301');
      await page.locator(ACTIVATE).getByRole('button', { name: '完成激活' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      expect((await me(page))?.displayName).toBe('刘芳');
      // Activated: Back and Forward never bring a step of it back to be sent again.
      await page.goBack().catch(() => undefined);
      await page.waitForTimeout(500);
      expect(page.url()).not.toContain('/activate');
      await page.goForward().catch(() => undefined);
      await page.waitForTimeout(500);
      if (new URL(page.url()).pathname === '/activate') expect(await stepTitle(page).textContent()).toContain('步骤 1/3');
    });
  });

  test('a code from the building head replaces a forgotten password; the new one is said to sign out other devices', async () => {
    const code = await issueOwnerCode(pages.server, pages.install, '13800000001');
    await withPage(async (page) => {
      await page.goto(`${pages.server.url}/activate?code=${code}`);
      await page.locator(`${ACTIVATE} .greeting`).waitFor();
      expect(await visibleText(page.locator(`${ACTIVATE} .greeting`))).toContain('为您的账号设置新密码（其他设备上的登录将退出）');
      await page.locator(ACTIVATE).getByRole('button', { name: '下一步' }).click();
      await agree(page);
      expect(await stepTitle(page).textContent()).toContain('步骤 3/3：设置新密码');
      await page.getByLabel('新密码', { exact: true }).fill('chun-tian-301-new');
      await page.getByLabel('再次输入密码').fill('chun-tian-301-new');
      await page.locator(ACTIVATE).getByRole('button', { name: '保存新密码' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      expect((await me(page))?.displayName).toBe('王建国');
    });
    const old = await callApi(pages.server, 'POST', '/api/auth/login', { json: { login: '13800000001', password: 'chun-tian-301' } });
    expect(old.status).toBe(401);
    await withPage(async (page) => {
      await loginAs(page, pages.server.url, '13800000001', 'chun-tian-301-new');
    });
  });

  test('an invited station chief is told the role granted and activates', async () => {
    const code = await inviteStaff(pages.server, pages.install, { name: '陈站长', phone: '13700000001', role: 'station_chief' });
    await withPage(async (page) => {
      await page.goto(`${pages.server.url}/activate?code=${code}`);
      await page.locator(`${ACTIVATE} .greeting`).waitFor();
      const hello = await visibleText(page.locator(`${ACTIVATE} .greeting`));
      expect(hello).toContain('您好，陈*长');
      expect(hello).toContain('您被授予：都市春天小区 · 服务站站长');
      await page.screenshot({ path: `${SHOTS}/activate-invitation-phone.png`, fullPage: true });
      await page.locator(ACTIVATE).getByRole('button', { name: '下一步' }).click();
      // Staff with no flat read what is kept of staff (their grants and actions), not the owners' notice about flats and votes.
      await expect.poll(() => stepTitle(page).textContent()).toContain('步骤 2/3：个人信息保护说明');
      const notice = await visibleText(page, ACTIVATE);
      for (const paragraph of PRIVACY_NOTICE_STAFF['zh-CN']) expect(notice).toContain(paragraph);
      expect(notice).not.toContain(PRIVACY_NOTICE['zh-CN'][2]);
      await page.screenshot({ path: `${SHOTS}/activate-invitation-consent-phone.png`, fullPage: true });
      await agree(page);
      await page.getByLabel('密码', { exact: true }).fill('zhan-zhang-2026');
      await page.getByLabel('再次输入密码').fill('zhan-zhang-2026');
      await page.locator(ACTIVATE).getByRole('button', { name: '完成激活' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      const who = await me(page);
      expect(who?.displayName).toBe('陈站长');
      expect(who?.grants.map((g) => g.role)).toEqual(['station_chief']);
    });
  });

  test('an already active phone on the activation page is told so and logs in with the code instead', async () => {
    await withPage(async (page) => {
      await page.goto(`${pages.server.url}/activate`);
      await page.getByRole('tab', { name: '用手机号' }).click();
      await page.getByLabel('手机号', { exact: true }).fill('13700000001');
      await page.getByRole('button', { name: '获取验证码' }).click();
      await expect.poll(() => visibleText(page, ACTIVATE)).toContain('这个手机号的账号已经激活了');
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SHOTS}/activate-already-active-phone.png`, fullPage: true });
      await page.getByLabel('短信验证码', { exact: true }).fill(lastSmsCode(pages.server, '13700000001'));
      await page.locator(ACTIVATE).getByRole('button', { name: '用验证码登录' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      expect((await me(page))?.displayName).toBe('陈站长');
    });
  });

  test("a wrong code is answered under the code field in the server's words, with the focus there", async () => {
    await withPage(async (page) => {
      await page.goto(`${pages.server.url}/activate?code=K7QM4-XPTHR`);
      await expect.poll(() => visibleText(field(page, 'code'))).toContain('激活码不正确，请核对后重新输入');
      await expect.poll(() => focusedControl(page)).toBe('code');
      expect(await page.locator(`${ACTIVATE} .greeting`).count()).toBe(0);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SHOTS}/activate-wrong-code-phone.png`, fullPage: true });
    });
  });

  test("a phone that is not on the roster gets the server's words under the phone field", async () => {
    await withPage(async (page) => {
      await page.goto(`${pages.server.url}/activate`);
      await page.getByRole('tab', { name: '用手机号' }).click();
      await page.getByLabel('手机号', { exact: true }).fill('13811112222');
      await page.getByRole('button', { name: '获取验证码' }).click();
      await expect.poll(() => visibleText(field(page, 'phone'))).toContain('手机号 13811112222 不在小区花名册中');
      await expect.poll(() => focusedControl(page)).toBe('phone');
      await expectNoSeriousA11yViolations(page);
    });
  });

  test('an owner activates with phone and SMS code, without a password; a wrong code sends her back to it', async () => {
    await withPage(async (page) => {
      await page.goto(`${pages.server.url}/activate`);
      await page.getByRole('tab', { name: '用手机号' }).click();
      await page.getByLabel('手机号', { exact: true }).fill('13800000002');
      await page.getByRole('button', { name: '获取验证码' }).click();
      await expect.poll(() => visibleText(page, ACTIVATE)).toContain('验证码已发送到 138****0002');
      // The button waits out the server's minute before another code may be asked for.
      await page
        .locator(ACTIVATE)
        .getByRole('button', { name: /秒后可重新获取/ })
        .waitFor();
      await expect.poll(() => focusedControl(page)).toBe('smsCode');
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SHOTS}/activate-sms-phone.png`, fullPage: true });
      const code = lastSmsCode(pages.server, '13800000002');

      // The code is checked at once: a wrong one is said under it, with the tries left.
      await page.getByLabel('短信验证码', { exact: true }).fill(code === '000000' ? '111111' : '000000');
      await page.locator(ACTIVATE).getByRole('button', { name: '核对验证码' }).click();
      await expect.poll(() => visibleText(field(page, 'smsCode'))).toContain('短信验证码不正确，还可以再试 4 次');
      await expect.poll(() => focusedControl(page)).toBe('smsCode');

      // The right one greets her as a letter code does: masked name and her flat, before she goes on.
      await page.getByLabel('短信验证码', { exact: true }).fill(code);
      await page.locator(ACTIVATE).getByRole('button', { name: '核对验证码' }).click();
      const greeting = page.locator(`${ACTIVATE} .greeting`);
      await greeting.waitFor();
      expect(await visibleText(greeting)).toMatch(/您好，李\*[\s\S]*都市春天小区 1栋1单元302[\s\S]*验证码有效期至/);
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SHOTS}/activate-sms-greeting-phone.png`, fullPage: true });
      await page.locator(ACTIVATE).getByRole('button', { name: '下一步' }).click();
      await agree(page);
      await page.getByRole('radio', { name: '不设密码，以后用短信验证码登录' }).click();
      expect(await page.getByLabel('密码', { exact: true }).count()).toBe(0);
      expect(await visibleText(page, ACTIVATE)).toContain('短信验证码登录');
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SHOTS}/activate-code-only-phone.png`, fullPage: true });
      await page.locator(ACTIVATE).getByRole('button', { name: '完成激活' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      expect((await me(page))?.displayName).toBe('李红');

      // No password yet: "my account" sets one without asking for an old one.
      await page.goto(`${pages.server.url}/account`);
      await page.getByLabel('新密码', { exact: true }).fill('li-hong-302');
      await page.getByLabel('再次输入新密码').fill('li-hong-302');
      await page.locator('yishi-account-page').getByRole('button', { name: '保存新密码' }).click();
      await expect.poll(() => visibleText(page, 'yishi-account-page')).toContain('密码已修改');
    });
    await withPage(async (page) => {
      await loginAs(page, pages.server.url, '13800000002', 'li-hong-302');
      expect((await me(page))?.displayName).toBe('李红');
    });
  });
});

describe('logging in with an SMS code', () => {
  test('an activated owner logs in with phone and SMS code', async () => {
    await withPage(async (page) => {
      await page.goto(`${pages.server.url}/login?next=%2Faccount`);
      // Sent here by a page: the login says it leads back there.
      await expect.poll(() => visibleText(page, 'yishi-login-page')).toContain('请先登录。登录后会回到您要打开的页面。');
      expect(await page.getByRole('tab', { name: '密码登录' }).getAttribute('aria-selected')).toBe('true');
      await page.getByRole('tab', { name: '短信验证码登录' }).click();
      await page.getByLabel('手机号', { exact: true }).fill('13800000001');
      await page.getByRole('button', { name: '获取验证码' }).click();
      await expect.poll(() => visibleText(page, 'yishi-login-page')).toContain('验证码已发送到 138****0001');
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SHOTS}/login-sms-phone.png`, fullPage: true });

      await page.getByLabel('短信验证码', { exact: true }).fill('000000' === lastSmsCode(pages.server, '13800000001') ? '111111' : '000000');
      await page.locator('yishi-login-page #way-sms').getByRole('button', { name: '登录', exact: true }).click();
      await expect.poll(() => visibleText(control(page, 'yishi-login-page', 'smsCode'))).toContain('短信验证码不正确');
      await expect.poll(() => focusedControl(page)).toBe('smsCode');

      await page.getByLabel('短信验证码', { exact: true }).fill(lastSmsCode(pages.server, '13800000001'));
      await page.locator('yishi-login-page #way-sms').getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/account');
      expect((await me(page))?.displayName).toBe('王建国');

      // Logged out (the cookie gone), on this phone: the login page opens on the way she used, the SMS code.
      await page.context().clearCookies();
      await page.goto(`${pages.server.url}/login`);
      await page.getByRole('tab', { name: '短信验证码登录' }).waitFor();
      expect(await page.getByRole('tab', { name: '短信验证码登录' }).getAttribute('aria-selected')).toBe('true');
      expect(await visibleText(page, 'yishi-login-page')).not.toContain('请先登录');
    });
  });

  test('a phone without an active account is told so and sent on to activation, where its code works', async () => {
    await withPage(async (page) => {
      await page.goto(`${pages.server.url}/login`);
      await page.getByRole('tab', { name: '短信验证码登录' }).click();
      await page.getByLabel('手机号', { exact: true }).fill('13800000003');
      await page.getByRole('button', { name: '获取验证码' }).click();
      await expect.poll(() => visibleText(page, 'yishi-login-page')).toContain('这个手机号还没有激活账号');
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `${SHOTS}/login-sms-not-activated-phone.png`, fullPage: true });

      await page.locator('yishi-login-page').getByRole('link', { name: '去激活账号' }).click();
      await page.waitForURL((u) => u.pathname === '/activate');
      // The phone comes along (never in the address), and the SMS way is open.
      await expect.poll(() => field(page, 'phone').locator('input').inputValue()).toBe('13800000003');
      expect(await page.getByRole('tab', { name: '用手机号' }).getAttribute('aria-selected')).toBe('true');
      await page.getByLabel('短信验证码', { exact: true }).fill(lastSmsCode(pages.server, '13800000003'));
      await page.locator(ACTIVATE).getByRole('button', { name: '核对验证码' }).click();
      await page.locator(`${ACTIVATE} .greeting`).waitFor();
      await page.locator(ACTIVATE).getByRole('button', { name: '下一步' }).click();
      await agree(page);
      await page.getByLabel('密码', { exact: true }).fill('zhang-wei-2101');
      await page.getByLabel('再次输入密码').fill('zhang-wei-2101');
      await page.locator(ACTIVATE).getByRole('button', { name: '完成激活' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      expect((await me(page))?.displayName).toBe('张伟');
    });
  });

  test('the login page has the way in for first-timers and passes axe with both tabs', async () => {
    await withPage(async (page) => {
      await page.goto(`${pages.server.url}/login`);
      await page.getByLabel('手机号或用户名').waitFor();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('tab', { name: '短信验证码登录' }).click();
      await page.getByLabel('手机号', { exact: true }).waitFor();
      await expectNoSeriousA11yViolations(page);
      await page.locator('yishi-login-page').getByRole('link', { name: '第一次使用？激活账号' }).click();
      await page.waitForURL((u) => u.pathname === '/activate');
      await page.locator(ACTIVATE).getByRole('heading', { level: 1, name: '激活账号' }).waitFor();
    });
  });
});

/**
 * The account pages from an EMPTY database in every window and in English: setup (done), login with
 * both tabs and each step of activation, on a 360×740 phone, the phone in elder mode and a desktop —
 * nothing wider than the window, a screenshot of each — and the activation and login pages after a
 * switch to English, the server's refusal in English too. Screenshots go to /tmp/yishi-shots/accounts.
 * The activation and login journeys themselves are in activation-browser.test.ts.
 */
import { PRIVACY_NOTICE } from '@yishi/core';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ACTIVATE, agreeToNotice as agree, stepTitle, useAccountPages, withCheckedPhonePage } from '../support/activation-page.js';
import { newPhonePage, setElderModeSwitch, visibleText } from '../support/browser.js';
import { issueOwnerCode } from '../support/empty-install.js';
import { control } from '../support/forms.js';

const SHOTS = '/tmp/yishi-shots/accounts';
const pages = useAccountPages(SHOTS);

const withPage = (run: (page: Page) => Promise<void>) => withCheckedPhonePage(pages.browser, run);

describe('on a phone, in elder mode and on a desktop', () => {
  const modes = [
    { mode: 'phone', elder: false, desktop: false },
    { mode: 'elder', elder: true, desktop: false },
    { mode: 'desktop', elder: false, desktop: true },
  ] as const;

  for (const { mode, elder, desktop } of modes) {
    test(`every screen of setup, login and activation fits the ${mode} window (screenshots)`, async () => {
      const code = await issueOwnerCode(pages.server, pages.install, '13800000005');
      const page = desktop
        ? await pages.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
        : await newPhonePage(pages.browser);
      page.setDefaultTimeout(15_000);
      const shot = async (name: string) => {
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), name).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${SHOTS}/${name}-${mode}.png`, fullPage: true });
      };
      try {
        await page.goto(`${pages.server.url}/activate`);
        await setElderModeSwitch(page, elder);

        await page.goto(`${pages.server.url}/setup`);
        await page.locator('yishi-setup-page').getByRole('heading', { name: '系统已完成初始设置' }).waitFor();
        await shot('setup-done');

        await page.goto(`${pages.server.url}/login`);
        await page.getByLabel('手机号或用户名').waitFor();
        await shot('login');
        await page.getByRole('tab', { name: '短信验证码登录' }).click();
        await page.getByLabel('手机号', { exact: true }).waitFor();
        await shot('login-sms-empty');

        await page.goto(`${pages.server.url}/activate?code=${code}`);
        await page.locator(`${ACTIVATE} .greeting`).waitFor();
        await shot('activate-code');
        await page.getByRole('tab', { name: '用手机号' }).click();
        await page.getByLabel('手机号', { exact: true }).waitFor();
        await shot('activate-sms-empty');
        await page.getByRole('tab', { name: '用激活码' }).click();
        await page.locator(ACTIVATE).getByRole('button', { name: '下一步' }).click();
        await expect.poll(() => stepTitle(page).textContent()).toContain('步骤 2/3');
        await shot('activate-consent');
        await agree(page);
        await shot('activate-password');
      } finally {
        await page.context().close();
      }
    });
  }
});

test('the activation and login pages read in English too', async () => {
  const code = await issueOwnerCode(pages.server, pages.install, '13800000005');
  await withPage(async (page) => {
    await page.goto(`${pages.server.url}/activate?code=${code}`);
    await page.locator(`${ACTIVATE} .greeting`).waitFor();
    await page.locator('yishi-app header').getByRole('button', { name: 'English' }).click();
    await page.locator(ACTIVATE).getByRole('heading', { level: 1, name: 'Activate your account' }).waitFor();
    expect(await visibleText(page.locator(`${ACTIVATE} .greeting`))).toContain('Hello, 陈*华');
    expect(await stepTitle(page).textContent()).toContain('Step 1 of 3: Who you are');
    await page.screenshot({ path: `${SHOTS}/activate-code-english.png`, fullPage: true });
    await page.locator(ACTIVATE).getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => stepTitle(page).textContent()).toContain('Step 2 of 3: Privacy notice');
    expect(await visibleText(page, ACTIVATE)).toContain(PRIVACY_NOTICE.en[0]);
    await page.screenshot({ path: `${SHOTS}/activate-consent-english.png`, fullPage: true });

    await page.goto(`${pages.server.url}/login`);
    await page.getByRole('tab', { name: 'With SMS code' }).click();
    await page.getByLabel('Phone number', { exact: true }).fill('13811112222');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    // The server's message comes in the reader's language as well.
    await expect.poll(() => visibleText(control(page, 'yishi-login-page', 'phone'))).toContain('is not on any compound roster');
    await page.screenshot({ path: `${SHOTS}/login-sms-english.png`, fullPage: true });
  });
});

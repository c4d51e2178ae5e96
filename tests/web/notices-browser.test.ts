/**
 * The notices a change leaves (app/notify.ts), in a real Chromium on a phone: native, in a polite
 * live region, at the bottom of the window (never over the header's switches), gone by
 * themselves after five seconds but not while the pointer is on one, and at once with their close
 * button. The page's clock is Playwright's, so no test waits five real seconds.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, withPhonePage } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

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

test('a saved change leaves a notice that stays while pointed at, goes by itself, and closes with its button', async () => {
  await withPhonePage(browser, async (page) => {
    await page.clock.install();
    await loginWithSessionCookie(page, server.url, 'yezhu');
    await page.goto(`${server.url}/account`);
    const save = page.locator('yishi-account-email').getByRole('button', { name: '保存邮箱' });
    const saveEmail = async (email: string) => {
      await page.locator('yishi-account-email').getByLabel('电子邮箱').fill(email);
      await save.click();
    };
    const notice = page.locator('#yishi-toasts .toast');

    await saveEmail('wang@example.com');
    await notice.waitFor();
    expect(await page.locator('#yishi-toasts').getAttribute('aria-live')).toBe('polite');
    expect(await notice.textContent()).toContain('已保存');
    expect(await page.evaluate(() => customElements.get('sl-alert'))).toBeUndefined();
    await expectNoSeriousA11yViolations(page);

    // Clear of the header, whose two rows fill the top of a phone: none of its switches and buttons is covered.
    await page.evaluate(() => window.scrollTo(0, 0));
    const noticeBox = (await notice.boundingBox())!;
    const controls = await page.locator('header').locator('a, button, label').all();
    expect(controls.length).toBeGreaterThan(3);
    for (const control of controls) {
      const box = (await control.boundingBox())!;
      const apart =
        box.y + box.height <= noticeBox.y ||
        noticeBox.y + noticeBox.height <= box.y ||
        box.x + box.width <= noticeBox.x ||
        noticeBox.x + noticeBox.width <= box.x;
      expect(apart, `the notice covers “${await control.textContent()}”`).toBe(true);
    }

    // Pointed at, it stays past its five seconds; let go, it goes.
    await notice.hover();
    await page.clock.runFor(8000);
    expect(await notice.count()).toBe(1);
    await page.mouse.move(5, 700);
    await page.clock.runFor(6000);
    await expect.poll(() => notice.count()).toBe(0);

    // Its button closes it at once, by keyboard too.
    await saveEmail('');
    await notice.waitFor();
    await notice.getByRole('button', { name: '关闭这条提示' }).focus();
    await page.keyboard.press('Enter');
    expect(await notice.count()).toBe(0);
  });
});

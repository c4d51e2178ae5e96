/**
 * The notices a change leaves (app/notify.ts), in a real Chromium on a phone: native, in a polite
 * live region, at the bottom of the window (never over the header's switches), gone by
 * themselves after five seconds but not while the pointer is on one, and at once with their close
 * button. The page's clock is Playwright's, so no test waits five real seconds.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { animationsSettled, chooseOption, expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, withPhonePage } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

const SHOTS = '/tmp/yishi-shots/notices';
mkdirSync(SHOTS, { recursive: true });

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

/** Whether what is drawn at the centre of `notice` is the notice itself (looked for through the shadow roots): it is on top. */
const drawnOnTop = (notice: Locator) =>
  notice.evaluate((toast) => {
    const { x, y, width, height } = toast.getBoundingClientRect();
    const [cx, cy] = [x + width / 2, y + height / 2];
    let hit = document.elementFromPoint(cx, cy);
    while (hit?.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(cx, cy);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    return hit !== null && toast.contains(hit);
  });

test('a notice raised while a dialog is open stands over the dialog, clear of its buttons, is heard from inside it and takes taps', async () => {
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'jiedao');
    await page.goto(`${server.url}/staff`);
    const staff = page.locator('yishi-staff-page');
    await chooseOption(staff, 'place', '都市春天小区（整个小区）');
    await chooseOption(staff, 'role', '服务站副站长');
    await staff.getByLabel('姓名', { exact: true }).fill('周建华');
    await staff.getByLabel('手机号', { exact: true }).fill('15800001234');
    await staff.getByRole('button', { name: '授权', exact: true }).click();
    // The invitation, in a modal dialog: copying its link says so in a notice while the dialog stays open.
    const dialog = staff.getByRole('dialog', { name: '把邀请交给周建华' });
    await dialog.waitFor();
    // Once pressed, the button says so (已复制 ✓) and copies again.
    const copy = dialog.getByRole('button', { name: /复制链接|已复制/ });
    const done = dialog.getByRole('button', { name: '已交给对方，关闭' });
    const notice = page.locator('.toast', { hasText: '链接已复制' });
    const close = notice.getByRole('button', { name: '关闭这条提示' });

    for (const elder of [false, true]) {
      await page.evaluate((on) => document.documentElement.classList.toggle('elder', on), elder);
      await copy.click();
      await notice.waitFor();
      // Heard: in the polite live region, inside the dialog (a screen reader hears nothing outside a modal dialog).
      expect(await dialog.locator('#yishi-toasts').getAttribute('aria-live')).toBe('polite');
      await animationsSettled(page);
      await page.screenshot({ path: `${SHOTS}/notice-over-dialog-phone${elder ? '-elder' : ''}.png` });
      // Seen: drawn over the dialog, and above the dialog's own buttons, which it does not cover.
      expect(await drawnOnTop(notice)).toBe(true);
      const [noticeBox, doneBox] = [(await notice.boundingBox())!, (await done.boundingBox())!];
      expect(noticeBox.y + noticeBox.height).toBeLessThanOrEqual(doneBox.y);
      if (!elder) await expectNoSeriousA11yViolations(page);
      // Its close button takes a real tap (not a click sent to the element): the notice goes.
      await close.click({ timeout: 5000 });
      expect(await notice.count()).toBe(0);
    }

    // Closed with a notice showing, the dialog hands the notice back to the page, where it still takes a tap.
    await copy.click();
    await notice.waitFor();
    await done.click({ timeout: 5000 });
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator('yishi-app > #yishi-toasts').locator('.toast').textContent()).toContain('链接已复制');
    expect(await drawnOnTop(notice)).toBe(true);

    // A dialog opened while that notice still shows takes it in: over the new dialog, heard and tapped there.
    await chooseOption(staff, 'role', '服务站副站长');
    await staff.getByLabel('姓名', { exact: true }).fill('钱小红');
    await staff.getByLabel('手机号', { exact: true }).fill('15800005678');
    await staff.getByRole('button', { name: '授权', exact: true }).click();
    const next = staff.getByRole('dialog', { name: '把邀请交给钱小红' });
    await next.waitFor();
    await next.locator('#yishi-toasts .toast', { hasText: '链接已复制' }).waitFor({ timeout: 3000 });
    expect(await drawnOnTop(notice)).toBe(true);
    await close.click({ timeout: 5000 });
    expect(await notice.count()).toBe(0);
  });
});

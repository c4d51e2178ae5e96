/**
 * The web app prints the configured public address (YISHI_PUBLIC_URL), not the one the page was
 * opened at: here the server listens on 127.0.0.1 and is configured as https://yishi.example.gov.cn,
 * as behind a TLS proxy or when staff open the board at a LAN address. The poster's addresses, the
 * printed board's footer, the evening talk's ask-a-question QR code (read back with jsQR; on a phone
 * it is shown by a button, and a wide screen shows it at once) and the
 * words staff read out with a one-time code all name the public address.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginWithSessionCookie, newPhonePage } from '../support/browser.js';
import { qrTextOnScreen } from '../support/qr.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const PUBLIC_URL = 'https://yishi.example.gov.cn';
let server: TestServer;
let browser: Browser;
let dsct: string;
beforeAll(async () => {
  server = await startTestServer({ config: { publicUrl: PUBLIC_URL } });
  browser = await launchBrowser();
  dsct = await compoundIdByCode(server.deps, 'DSCT');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('absolute addresses on the web pages', () => {
  it('the poster page prints the public addresses its QR codes hold', async () => {
    const page = await newPhonePage(browser);
    await page.goto(`${server.url}/board/${dsct}/poster`);
    const urls = page.locator('yishi-poster-page .url');
    await expect.poll(() => urls.allTextContents()).toEqual([`${PUBLIC_URL}/board/${dsct}`, `${PUBLIC_URL}/compounds/${dsct}/concerns`]);
    await page.context().close();
  });

  it("the board's printed footer and an evening talk's ask-a-question QR code name the public address", async () => {
    const page = await newPhonePage(browser);
    const codesFetched: string[] = [];
    page.on('request', (request) => void (request.url().includes('/ask-qr.svg') && codesFetched.push(request.url())));
    await page.goto(`${server.url}/board/${dsct}`);
    await expect.poll(() => page.locator('yishi-board-page .printed p').first().textContent()).toContain(`${PUBLIC_URL}/board/${dsct}`);
    // On a phone the code is folded behind a button (nobody scans the screen they hold), and not downloaded until shown.
    const code = page.locator('yishi-board-meetings yishi-ask-qr-code').first();
    const unfold = code.getByRole('button', { name: '出示二维码，给身边的人扫' });
    await unfold.waitFor();
    const qr = code.locator('img');
    expect(await qr.isVisible()).toBe(false);
    await page.waitForLoadState('networkidle');
    expect(codesFetched).toEqual([]);
    await unfold.click();
    expect(await code.getByRole('button', { name: '收起二维码' }).getAttribute('aria-expanded')).toBe('true');
    await qr.waitFor();
    await expect.poll(() => codesFetched.length).toBe(1);
    // The code as the phone shows it (the server draws it as an SVG image).
    const text = await qrTextOnScreen(qr);
    expect(text).toMatch(new RegExp(`^${PUBLIC_URL.replace(/\./g, '\\.')}/meetings/[\\w-]+/ask$`));
    await page.context().close();
  });

  it('a wide screen (a PC, a projected board) shows the ask-a-question code at once', async () => {
    const page = await newPhonePage(browser, { viewport: { width: 1024, height: 768 }, isMobile: false, hasTouch: false });
    await page.goto(`${server.url}/board/${dsct}`);
    const code = page.locator('yishi-board-meetings yishi-ask-qr-code').first();
    await code.locator('img').waitFor();
    expect(await code.getByRole('button').count()).toBe(0);
    expect(await qrTextOnScreen(code.locator('img'))).toMatch(/\/meetings\/[\w-]+\/ask$/);
    await page.context().close();
  });

  it('the words staff read out with a one-time code name the public address', async () => {
    const page = await newPhonePage(browser);
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}/compounds/${dsct}/activation`);
    const activation = page.locator('yishi-activation-page');
    await activation
      .locator('li.person')
      .getByRole('button', { name: /发放一次性码/ })
      .first()
      .click();
    const say = activation.locator('dialog.issued yishi-code-handover .say');
    await say.waitFor();
    expect(await say.textContent()).toContain('yishi.example.gov.cn/activate');
    expect(await say.textContent()).not.toContain('127.0.0.1');
    await page.context().close();
  });
});

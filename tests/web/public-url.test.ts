/**
 * The web app prints the configured public address (YISHI_PUBLIC_URL), not the one the page was
 * opened at: here the server listens on 127.0.0.1 and is configured as https://yishi.example.gov.cn,
 * as behind a TLS proxy or when staff open the board at a LAN address. The poster's addresses, the
 * printed board's footer, the evening talk's ask-a-question QR code (read back with jsQR) and the
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
    await page.goto(`${server.url}/board/${dsct}`);
    await expect.poll(() => page.locator('yishi-board-page .printed p').first().textContent()).toContain(`${PUBLIC_URL}/board/${dsct}`);
    const qr = page.locator('yishi-board-meetings yishi-ask-qr-code img').first();
    await qr.waitFor();
    // The code as the phone shows it (the server draws it as an SVG image).
    const text = await qrTextOnScreen(qr);
    expect(text).toMatch(new RegExp(`^${PUBLIC_URL.replace(/\./g, '\\.')}/meetings/[\\w-]+/ask$`));
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
    const say = activation.locator('sl-dialog.issued yishi-code-handover .say');
    await say.waitFor();
    expect(await say.textContent()).toContain('yishi.example.gov.cn/activate');
    expect(await say.textContent()).not.toContain('127.0.0.1');
    await page.context().close();
  });
});

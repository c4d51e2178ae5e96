/**
 * In a real Chromium with the network cut by DevTools emulation (context.setOffline): a resident asks a question on
 * an evening talk's ask page (/meetings/:id/ask) with no signal. It waits there as 待发送 and goes out once when the
 * signal returns; if the talk ended meanwhile, the refusal keeps her words and the page says where a question goes now.
 * The worker's side of the same outbox: question-queue.test.ts.
 */
import { fileURLToPath } from 'node:url';
import { meetingEndpoints } from '@yishi/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, launchBrowser, loginWithSessionCookie, newPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { dismissToasts, questionRows, talkInSession } from './talk-questions-ui.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const PHONE_390 = { viewport: { width: 390, height: 844 } };

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

const rowsOf = (meetingId: string) => questionRows(server, meetingId);

describe("a resident's question from the ask page with no network", () => {
  it('a resident asking from the phone with no signal: the question waits as 待发送 on the ask page, arrives once when the signal returns, and the page says so', async () => {
    const meetingId = await talkInSession(server, '断网夜谈·四');
    const page = await newPhonePage(browser, PHONE_390);
    const context = page.context();
    await loginWithSessionCookie(page, server.url, 'yezhu');
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/meetings/${meetingId}/ask`);
    const form = page.locator('yishi-question-form');
    await form.getByLabel('问题内容').waitFor();

    // Sent at once while online: numbered, never listed as waiting.
    await form.getByLabel('问题内容').fill('在线提的问题：楼道灯不亮');
    await chooseOption(form, 'category', '设施维修');
    await form.getByRole('button', { name: '提交问题' }).click();
    await page.getByText(/谢谢！您的问题已提交，编号 \d+/).waitFor();
    expect(await page.locator('yishi-meeting-ask-page li[data-pending="yes"]').count()).toBe(0);

    await context.setOffline(true);
    // The page itself knows before it writes (under CI's load the emulation once reached it after a write).
    await page.waitForFunction(() => !navigator.onLine);
    const text = '离线提的问题：快递柜总是满';
    await form.getByLabel('问题内容').fill(text);
    await chooseOption(form, 'category', '设施维修');
    await form.getByRole('button', { name: '提交问题' }).click();
    const waiting = page.locator('yishi-meeting-ask-page li[data-pending="yes"]', { hasText: text });
    await waiting.waitFor();
    await page.getByText('没有网络：问题保存在本机，联网后会自动发送，只发一次').waitFor();
    await dismissToasts(page);
    await page.screenshot({ path: `${SCREENSHOTS}offline-ask-pending.png`, fullPage: true });
    expect((await rowsOf(meetingId)).map((r) => r.text)).toEqual(['在线提的问题：楼道灯不亮']);

    await context.setOffline(false);
    await page.getByText('离线时提出的 1 个问题已送达').waitFor({ timeout: 20_000 });
    await waiting.waitFor({ state: 'detached' });
    expect((await rowsOf(meetingId)).map((r) => r.text)).toEqual(['在线提的问题：楼道灯不亮', text]);
    await context.close();
  });

  it('a resident whose question waited while the talk ended: back online, the refusal keeps her words and the page says the talk is over and where a question goes now', async () => {
    const meetingId = await talkInSession(server, '断网夜谈·散会');
    const page = await newPhonePage(browser, PHONE_390);
    const context = page.context();
    await loginWithSessionCookie(page, server.url, 'yezhu');
    await page.goto(`${server.url}/meetings/${meetingId}/ask`);
    const form = page.locator('yishi-question-form');
    await form.getByLabel('问题内容').waitFor();
    await context.setOffline(true);
    // The page itself knows before it writes (under CI's load the emulation once reached it after a write).
    await page.waitForFunction(() => !navigator.onLine);
    const text = '散会后才有信号：垃圾站太臭';
    await form.getByLabel('问题内容').fill(text);
    await chooseOption(form, 'category', '设施维修');
    await form.getByRole('button', { name: '提交问题' }).click();
    await page.locator('yishi-meeting-ask-page li[data-pending="yes"]', { hasText: text }).waitFor();
    await (await new ApiClient(server.url).login('shequ')).ok(meetingEndpoints.close, { params: { meetingId } });

    await context.setOffline(false);
    const box = page.locator('yishi-question-outbox-rejected');
    await box.getByText('这场夜谈目前不收集问题').waitFor({ timeout: 20_000 });
    await box.getByText(text).waitFor();
    // No form that can only be refused again: the talk is over, with the way on.
    await page.getByRole('link', { name: '反映新问题' }).waitFor();
    expect(await form.count()).toBe(0);
    expect(await rowsOf(meetingId)).toEqual([]);
    await context.close();
  });
});

/**
 * In a real Chromium on a 360×740 phone: the station chief enters last night's evening talk, held on
 * paper before anyone opened Yishi (补录). Without the box a past start is refused under the field, in
 * words that point to the box; with it the talk is created as a draft that sends no notice, its entering
 * starts and finishes with buttons worded for it, and it is held at the times entered.
 */
import { meetingEndpoints } from '@yishi/core';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, newPhonePage, shootThreeWindows } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

let server: TestServer;
let browser: Browser;
let compoundId = '';

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  compoundId = await compoundIdByCode(server.deps, 'DSCT');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Yesterday in China, YYYY-MM-DD. */
function yesterdayInChina(): string {
  return new Date(Date.now() + 8 * 3_600_000 - 24 * 3_600_000).toISOString().slice(0, 10);
}

describe('a meeting already held, entered afterwards', () => {
  it('is entered from the new-meeting form and held at the times entered', async () => {
    const chief = await new ApiClient(server.url).login('zhanzhang');
    const page = await newPhonePage(browser);
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}/compounds/${compoundId}/meetings`);
    const form = page.locator('yishi-meetings-list-page form');
    await page.getByRole('heading', { name: '新建会议' }).waitFor();
    await form.getByRole('radio', { name: '居民夜谈' }).check();
    await form.getByLabel('会议名称').fill('东门路灯夜谈');
    const day = yesterdayInChina();
    await form.getByLabel('开始时间').fill(`${day}T19:30`);
    await form.getByLabel('时长（分钟）').fill('90');
    await form.getByLabel('地点').fill('都市春天服务站');
    const count = async () => (await chief.ok(meetingEndpoints.list, { params: { compoundId }, query: {} })).items.length;
    const before = await count();

    // A past start without the box: said under the start, pointing to the box; nothing created.
    await form.getByRole('button', { name: '保存为草稿' }).click();
    await form.getByText('会议时间不能早于现在；已经开过的会议，请勾选“补录已开过的会议”').waitFor();
    expect(await form.getByLabel('开始时间').getAttribute('aria-invalid')).toBe('true');
    expect(await count()).toBe(before);

    // The box: what it means is said, the start is "when it began", the refusal is gone.
    await form.getByRole('checkbox', { name: '补录已开过的会议' }).check();
    await form.getByText(/勾选后填当时的开始时间（60 天内）。不发会议通知/).waitFor();
    expect(await form.getByText('会议时间不能早于现在；已经开过的会议，请勾选“补录已开过的会议”').count()).toBe(0);
    expect(await form.getByLabel('当时的开始时间').inputValue()).toBe(`${day}T19:30`);
    await expectNoSeriousA11yViolations(page);
    await shootThreeWindows(page, join(ARTIFACTS, 'meeting-record-form'), { part: form });
    await form.getByRole('button', { name: '保存为草稿' }).click();

    // The draft: no notice to publish; the entering starts from here.
    await page.waitForURL(/\/meetings\/[^/]+$/);
    const meetingPage = page.locator('yishi-meeting-page');
    await meetingPage.getByText('这是补录的会议，不发会议通知。').waitFor();
    expect(await meetingPage.getByRole('button', { name: '发布会议通知' }).count()).toBe(0);
    const meetingId = page.url().split('/').pop()!;
    await meetingPage.getByRole('button', { name: '开始录入（锁定议程）' }).click();
    const dialog = meetingPage.getByRole('dialog', { name: '开始录入会议内容' });
    await dialog.getByText(/会议记为 .*19:30 开始/).waitFor();
    await shootThreeWindows(page, join(ARTIFACTS, 'meeting-record-start'));
    await dialog.getByRole('button', { name: '确定开始录入' }).click();

    // Being entered: no hall screen nor residents' QR code for a meeting already over.
    await meetingPage.getByText('补录中', { exact: true }).waitFor();
    await meetingPage.getByText(/正在补录：签到的人按会议开始时间（.*19:30）记为到场/).waitFor();
    expect(await meetingPage.getByRole('link', { name: '打开大屏（投影）' }).count()).toBe(0);
    expect(await meetingPage.locator('yishi-ask-qr-code').count()).toBe(0);
    await meetingPage.getByRole('button', { name: '补录完成' }).click();
    const close = meetingPage.getByRole('dialog', { name: '补录完成' });
    await close.getByText(/会议将记为 .*21:00 结束/).waitFor();
    await close.getByRole('button', { name: '确定完成' }).click();
    await meetingPage.getByText('已结束（补录）').waitFor();
    await meetingPage.getByText('这次会议是会后补录的，会前没有发布会议通知。').waitFor();
    await shootThreeWindows(page, join(ARTIFACTS, 'meeting-record-closed'));

    const view = await chief.ok(meetingEndpoints.get, { params: { meetingId } });
    expect(view.meeting).toMatchObject({
      recorded: true,
      status: 'closed',
      startedAt: new Date(`${day}T19:30:00+08:00`).toISOString(),
      closedAt: new Date(`${day}T21:00:00+08:00`).toISOString(),
    });
    await page.context().close();
  });
});

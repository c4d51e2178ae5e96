/**
 * Publishing a new council's notice: the agenda its members co-edited live is what the confirmation
 * lists (a new meeting has no agenda rows until the notice freezes them, so the meeting's answer alone
 * would call it empty), and an agenda that really is empty is still said to be. After the notice the
 * agenda stays open to edit, and the page says what an edit then reaches (the board) and what not (those notified).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { meetingEndpoints, publicMeetingEndpoints } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPhonePage, setElderModeSwitch, visibleText } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { startTestServer, type TestServer } from '../support/server.js';

const LOOK = `${tmpdir()}/yishi-publish-notice/`;
const CONNECTED = '已连接，修改会实时同步';

let server: TestServer;
let browser: Browser;
let compoundId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  compoundId = (await server.deps.db.selectFrom('compounds').select('id').where('code', '=', 'DSCT').executeTakeFirstOrThrow()).id;
  mkdirSync(LOOK, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A new four-party council, a draft with nothing on its agenda yet. */
async function newCouncil(title: string): Promise<string> {
  const staff = await new ApiClient(server.url).login('zhanzhang');
  const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const { meeting } = await staff.ok(meetingEndpoints.create, { params: { compoundId }, body: { kind: 'four_party', title, startsAt, place: '服务站二楼' } });
  return meeting.id;
}

async function openMeeting(meetingId: string): Promise<Page> {
  const page = await newPhonePage(browser);
  const res = await page.request.post(`${server.url}/api/auth/login`, { data: { login: 'zhanzhang', password: 'yishi2026' } });
  expect(res.status()).toBe(200);
  await page.goto(`${server.url}/meetings/${meetingId}`);
  await page.getByText(CONNECTED).waitFor();
  return page;
}

describe('publishing a council’s notice', () => {
  it('lists the items added on the page, after a reload too, instead of calling the agenda empty', async () => {
    const meetingId = await newCouncil('新建议事会·停车');
    const page = await openMeeting(meetingId);
    for (const [n, title] of [
      [1, '地下车库停车位'],
      [2, '中心花园绿化补种'],
    ] as const) {
      await page.getByRole('button', { name: '添加议题' }).click();
      await page.keyboard.type(title);
      await expect.poll(() => page.getByLabel(`议题 ${n} 议题名称`).inputValue()).toBe(title);
    }
    // The items are on the server (they survive a reload), as they were when the tester opened the dialog.
    await expect.poll(() => page.locator('yishi-collab-status').innerText()).not.toContain('未同步');
    await page.reload();
    await page.getByText(CONNECTED).waitFor();
    await expect.poll(() => page.getByLabel('议题 2 议题名称').inputValue()).toBe('中心花园绿化补种');

    await page.getByRole('button', { name: '发布会议通知' }).click();
    const dialog = page.getByRole('dialog', { name: '发布会议通知' });
    await dialog.getByText('通知上的议程（共 2 项）：').waitFor();
    expect(await dialog.locator('ol li').allTextContents()).toEqual(['地下车库停车位', '中心花园绿化补种']);
    expect(await visibleText(dialog)).not.toContain('议程还是空的');
    await page.screenshot({ path: `${LOOK}/publish-agenda.png` });
    await dialog.getByRole('button', { name: '取消', exact: true }).click();
    await setElderModeSwitch(page, true);
    await page.getByRole('button', { name: '发布会议通知' }).click();
    await dialog.getByText('通知上的议程（共 2 项）：').waitFor();
    await page.screenshot({ path: `${LOOK}/publish-agenda-elder.png` });

    // What the dialog listed is what the notice carries.
    await dialog.getByRole('button', { name: '确定发布' }).click();
    await page.getByRole('button', { name: '开始会议（锁定议程）' }).waitFor();
    const board = await new ApiClient(server.url).ok(publicMeetingEndpoints.board, { params: { compoundId }, query: { limit: 100 } });
    expect(board.items.find((m) => m.id === meetingId)?.topics).toEqual(['地下车库停车位', '中心花园绿化补种']);
    // The council's agenda stays open after the notice: the secretary is told what an edit now reaches and what not.
    const afterNotice = page.getByRole('note').filter({ hasText: '会议通知已经发布：现在改议程，公示栏和订阅的日历会随之更新' });
    await afterNotice.waitFor();
    expect(await visibleText(afterNotice)).toContain('已收到通知的参会人不会另收提醒');
    await page.screenshot({ path: `${LOOK}/agenda-after-notice-elder.png`, fullPage: true });
    await page.context().close();
  });

  it('still says so when the agenda really is empty', async () => {
    const page = await openMeeting(await newCouncil('新建议事会·空议程'));
    await page.getByText('还没有议题').waitFor();
    await page.getByRole('button', { name: '发布会议通知' }).click();
    const dialog = page.getByRole('dialog', { name: '发布会议通知' });
    await dialog.getByText('议程还是空的：通知上的议程将显示为“—”。可以先返回添加议题。').waitFor();
    expect(await dialog.locator('ol li').count()).toBe(0);
    await page.context().close();
  });
});

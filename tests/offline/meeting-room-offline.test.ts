/**
 * The evening, end to end, with the real service worker: a community worker's phone visits the
 * evening talk and the council's agenda while the signal holds, then loses it (DevTools emulation,
 * context.setOffline). Offline it reloads the talk from the worker's cache and the device's copy,
 * records 5 questions from the floor, answers 2, opens the council (a page load offline) and edits
 * its agenda. When the signal returns, everything reaches the server exactly once and another staff
 * member's browser sees it. The parts have their own tests (question-queue, agenda-offline, pwa);
 * this one runs them together, through page loads served by the service worker.
 */
import { agendaDocumentName, meetingEndpoints } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { councilWithAgenda } from '../collab/agenda-council.js';
import { connect } from '../resilience/agenda-crash.js';
import { waitForSync } from '../collab/collab-helpers.js';
import { launchBrowser, loginWithSessionCookie, newPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { answerQuestionOffline, recordQuestion } from './talk-questions-ui.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;
let dsct: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser({ serviceWorkers: 'allow' });
  dsct = await compoundIdByCode(server.deps, 'DSCT');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function talkInSession(title: string): Promise<string> {
  const staff = await new ApiClient(server.url).login('zhanzhang');
  const startsAt = new Date(Date.now() + 8 * 24 * 3600_000).toISOString();
  const { meeting } = await staff.ok(meetingEndpoints.create, {
    params: { compoundId: dsct },
    body: { kind: 'evening_talk', title, startsAt, place: '都市春天服务站二楼' },
  });
  for (const step of ['schedule', 'start'] as const) await staff.ok(meetingEndpoints[step], { params: { meetingId: meeting.id } });
  return meeting.id;
}

/** The agenda's titles as the server holds them, in order. */
async function serverTitles(meetingId: string): Promise<string[]> {
  const client = connect(server.url, (await new ApiClient(server.url).login('zhanzhang')).cookie, agendaDocumentName(meetingId));
  await waitForSync(client.provider);
  const titles = client.doc
    .getArray<Y.Map<unknown>>('items')
    .toArray()
    .sort((a, b) => (a.get('order') as number) - (b.get('order') as number))
    .map((m) => String(m.get('title')));
  client.provider.destroy();
  return titles;
}

const questionRows = (meetingId: string) =>
  server.deps.db.selectFrom('meeting_questions').select(['text', 'status', 'answer']).where('meeting_id', '=', meetingId).orderBy('number').execute();

/** How many meetings' question lists the phone keeps (offline/snapshots.ts, database yishi-offline). */
function keptQuestionPages(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('yishi-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('snapshots')) return resolve(0);
          const keys = db.transaction('snapshots').objectStore('snapshots').getAllKeys();
          keys.onsuccess = () => resolve(keys.result.filter((key) => String(key).includes('|questions/')).length);
          keys.onerror = () => reject(keys.error);
        };
      }),
  );
}

describe('a meeting room with no signal', () => {
  it('5 questions recorded, 2 answered and the agenda edited offline, across page loads, arrive exactly once and another browser sees them', async () => {
    const talkId = await talkInSession('断网夜谈·联调');
    const councilId = await councilWithAgenda(server.url, dsct, '断网议事会·联调', ['加装电梯意向', '楼道堆物清理'], { draft: true });

    // While the signal holds: the worker's phone opens both meetings (the service worker installs, the pages keep their copies).
    const phone = await newPhonePage(browser, { viewport: { width: 390, height: 844 } });
    phone.setDefaultTimeout(20_000);
    await loginWithSessionCookie(phone, server.url, 'zhanzhang');
    await phone.goto(`${server.url}/meetings/${councilId}`);
    await phone.getByText('已连接，修改会实时同步').waitFor();
    await phone.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await phone.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await phone.goto(`${server.url}/meetings/${talkId}`);
    await phone.locator('yishi-questions-panel .counts').waitFor();
    // The talk's questions are kept on the device before the signal goes (written just after they are shown).
    await expect.poll(() => keptQuestionPages(phone), { timeout: 10_000 }).toBe(1);

    // The signal goes. The page is reloaded: the service worker serves the app, the device its last answers.
    const context = phone.context();
    await context.setOffline(true);
    expect(
      await phone.evaluate(() =>
        fetch('/api/session').then(
          () => 'reached',
          () => 'failed',
        ),
      ),
    ).toBe('failed');
    await phone.reload();
    await phone.locator('yishi-questions-panel .counts').waitFor();
    await phone.getByText('断网夜谈·联调').first().waitFor();

    for (let i = 1; i <= 5; i += 1) await recordQuestion(phone, `联调问题${i}：楼道灯不亮`, '5栋 王大爷');
    await answerQuestionOffline(phone, '联调问题2', '物业明天上午更换灯泡');
    await answerQuestionOffline(phone, '联调问题4', '已报修，周五前修好');
    await phone.getByText('待发送 7 条').waitFor();

    // Still offline: the council opens (a page load served by the worker) and its agenda is edited from the device's copy.
    await phone.goto(`${server.url}/meetings/${councilId}`);
    await phone.getByText('离线：修改保存在本机，联网后自动同步').waitFor();
    await phone.getByRole('button', { name: '添加议题' }).click();
    await phone.getByLabel('议题 3 议题名称').pressSequentially('夜间噪音扰民');
    await phone.locator('yishi-collab-status .unsent').waitFor();

    // Nothing has reached the server.
    expect(await questionRows(talkId)).toEqual([]);
    expect(await serverTitles(councilId)).toEqual(['加装电梯意向', '楼道堆物清理']);

    // The signal returns, with the council's page open: the queued talk writes go out too, and the agenda merges.
    await context.setOffline(false);
    await phone.getByText('已连接，修改会实时同步').waitFor();
    await expect.poll(() => phone.locator('yishi-collab-status .unsent').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(async () => (await questionRows(talkId)).length, { timeout: 20_000 }).toBe(5);
    await expect.poll(async () => (await questionRows(talkId)).filter((q) => q.status === 'answered').length, { timeout: 20_000 }).toBe(2);

    // Exactly once: five rows in the order recorded, the two answers on the right ones, one new agenda item.
    const rows = await questionRows(talkId);
    expect(rows.map((q) => q.text)).toEqual([1, 2, 3, 4, 5].map((i) => `联调问题${i}：楼道灯不亮`));
    expect(rows.map((q) => q.answer)).toEqual([null, '物业明天上午更换灯泡', null, '已报修，周五前修好', null]);
    expect(await serverTitles(councilId)).toEqual(['加装电梯意向', '楼道堆物清理', '夜间噪音扰民']);

    // Another staff member's browser sees it all.
    const other = await newPhonePage(browser);
    other.setDefaultTimeout(20_000);
    await loginWithSessionCookie(other, server.url, 'jiedao');
    await other.goto(`${server.url}/meetings/${talkId}`);
    const panel = other.locator('yishi-questions-panel');
    await panel.locator('li.question', { hasText: '联调问题5' }).waitFor();
    expect(await panel.locator('li.question').count()).toBe(5);
    expect(await panel.locator('li.question[data-pending="yes"]').count()).toBe(0);
    await panel.getByText('物业明天上午更换灯泡').waitFor();
    await panel.getByText('已报修，周五前修好').waitFor();
    await other.goto(`${server.url}/meetings/${councilId}`);
    await expect.poll(() => other.getByLabel('议题 3 议题名称').inputValue()).toBe('夜间噪音扰民');
    expect(await other.locator('li.item').count()).toBe(3);

    // And the phone's queue is empty: the talk's page says nothing waits.
    await phone.goto(`${server.url}/meetings/${talkId}`);
    await phone.locator('li.question', { hasText: '联调问题5' }).waitFor();
    expect(await phone.getByText(/待发送 \d+ 条/).count()).toBe(0);
    await other.context().close();
    await context.close();
  });
});

/**
 * In a real Chromium: writes left in the outbox (IndexedDB) by a page closed with no signal are sent when the app is
 * opened again online on any page — here the home page, which imports none of the outbox's code — not only when the
 * person goes back to that meeting. Meanwhile the connection strip says how many wait; each goes out once, with its
 * Idempotency-Key. A resident's question from the ask page, and a staff member's listing of a question.
 */
import { fileURLToPath } from 'node:url';
import { eveningTalkEndpoints } from '@yishi/core';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, holdRequests, launchBrowser, loginWithSessionCookie, newPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { talkInSession } from './talk-questions-ui.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

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

const questionTexts = async (meetingId: string) =>
  (await server.deps.db.selectFrom('meeting_questions').select('text').where('meeting_id', '=', meetingId).execute()).map((row) => row.text);

/** The Idempotency-Key of every request the context makes that `matches`. */
function keysOf(context: BrowserContext, matches: (request: Request) => boolean): string[] {
  const keys: string[] = [];
  context.on('request', (request) => void (matches(request) && keys.push(request.headers()['idempotency-key'] ?? '')));
  return keys;
}

/**
 * The page closed with its write queued, the signal back, the app opened again on the home page in the same browser
 * (same IndexedDB): the strip says one write waits while its request is held, then it is sent and the strip clears.
 */
async function reopenHome(context: BrowserContext, sendUrl: RegExp, screenshot?: string): Promise<Page> {
  await context.setOffline(false);
  const home = await context.newPage();
  home.setDefaultTimeout(15_000);
  const send = await holdRequests(home, sendUrl, (request) => request.method() === 'POST');
  await home.goto(`${server.url}/`);
  const note = home.locator('yishi-connection-bar').getByText('1 条离线记录待发送，联网后自动发送');
  await note.waitFor();
  await send.arrived;
  if (screenshot) await home.screenshot({ path: `${SCREENSHOTS}${screenshot}` });
  await send.release();
  await note.waitFor({ state: 'detached', timeout: 20_000 });
  return home;
}

describe('the outbox, sent from wherever the app is opened again', () => {
  it('a question asked offline on the ask page, the page closed: the home page opened online sends it, once, and says it waits meanwhile', async () => {
    const meetingId = await talkInSession(server, '断网夜谈·重开首页');
    const page = await newPhonePage(browser);
    const context = page.context();
    await loginWithSessionCookie(page, server.url, 'yezhu');
    await page.goto(`${server.url}/meetings/${meetingId}/ask`);
    const form = page.locator('yishi-question-form');
    await form.getByLabel('问题内容').waitFor();

    await context.setOffline(true);
    const text = '离线提的问题：地库入口积水';
    await form.getByLabel('问题内容').fill(text);
    await chooseOption(form, 'category', '设施维修');
    await form.getByRole('button', { name: '提交问题' }).click();
    await page.locator('yishi-meeting-ask-page li[data-pending="yes"]', { hasText: text }).waitFor();
    // The strip says so on the page it was asked from too.
    await page.locator('yishi-connection-bar').getByText('1 条离线记录待发送').waitFor();
    await page.close();
    expect(await questionTexts(meetingId)).toEqual([]);

    const keys = keysOf(context, (request) => request.method() === 'POST' && /\/api\/meetings\/[^/]+\/questions$/.test(request.url()));
    const home = await reopenHome(context, /\/api\/meetings\/[^/]+\/questions$/, 'offline-outbox-waiting-home.png');
    expect(await questionTexts(meetingId)).toEqual([text]);
    // Sent once: one request, and nothing more goes out while the home page stays open.
    await home.waitForTimeout(3_000);
    expect(keys).toHaveLength(1);
    expect(await questionTexts(meetingId)).toEqual([text]);
    await context.close();
  });

  it('a question listed offline on the meeting page, the page closed: the home page opened online lists it, once', async () => {
    const meetingId = await talkInSession(server, '断网夜谈·重开列入');
    const staff = await new ApiClient(server.url).login('shequ');
    const text = '7栋电梯按钮失灵';
    const asked = await staff.ok(eveningTalkEndpoints.submit, { params: { meetingId }, body: { text, category: 'facilities' } });
    const page = await newPhonePage(browser);
    const context = page.context();
    await loginWithSessionCookie(page, server.url, 'shequ');
    await page.goto(`${server.url}/meetings/${meetingId}`);
    await page.locator('yishi-questions-panel .counts').waitFor();

    await context.setOffline(true);
    // The page itself knows it is offline before the listing is saved (under load the emulation reached it late once).
    await page.waitForFunction(() => !navigator.onLine);
    const question = page.locator('li.question', { hasText: text });
    await question.getByRole('button', { name: '列入问题清单' }).click();
    await question.getByLabel('整改措施').fill('物业两日内更换按钮');
    await question.getByRole('button', { name: '保存' }).click();
    await question.getByText('列入问题清单：待发送').waitFor();
    await page.close();

    const items = () => server.deps.db.selectFrom('action_items').select('measures').where('source_id', '=', asked.id).execute();
    expect(await items()).toEqual([]);
    const keys = keysOf(context, (request) => request.method() === 'POST' && request.url().endsWith('/list'));
    await reopenHome(context, /\/api\/meetings\/[^/]+\/questions\/[^/]+\/list$/);
    await expect.poll(items).toEqual([{ measures: '物业两日内更换按钮' }]);
    expect(keys).toHaveLength(1);
    await context.close();
  });
});

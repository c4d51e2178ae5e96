/**
 * In a real Chromium with the network cut by DevTools emulation (context.setOffline): an evening-talk
 * worker on a phone records questions from the floor and answers some with no signal. Each write
 * waits in the outbox (IndexedDB), shows as 待发送, and goes out exactly once when the network is
 * back — an answer to a question recorded offline after it, against the id the server gave it —
 * and another staff member's browser sees it all. A write the server refuses meanwhile (the talk was
 * closed) is shown with the server's reason and its text is kept; a queue left in a tab closed while
 * offline goes out when the page is opened again. A correction of an answer waits and goes out the same way.
 * A resident's own questions from the ask page: ask-page-offline.test.ts.
 */
import { fileURLToPath } from 'node:url';
import { addWorkdays, chinaDate, eveningTalkEndpoints, meetingEndpoints } from '@yishi/core';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdRequests, launchBrowser, loginWithSessionCookie, newPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { answerQuestionOffline, dismissToasts, questionRows, recordQuestion, talkInSession } from './talk-questions-ui.js';
import { startTestServer, type TestServer } from '../support/server.js';

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

async function openTalk(login: string, meetingId: string, context?: BrowserContext): Promise<Page> {
  const page = context ? await context.newPage() : await newPhonePage(browser, PHONE_390);
  if (!context) await loginWithSessionCookie(page, server.url, login);
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/meetings/${meetingId}`);
  await page.locator('yishi-questions-panel .counts').waitFor();
  return page;
}

/** A talk open on shequ's phone, gone offline with one question recorded and waiting as 待发送. */
async function offlineWithOneQuestion(title: string, text: string): Promise<{ meetingId: string; page: Page; context: BrowserContext }> {
  const meetingId = await talkInSession(server, title);
  const page = await openTalk('shequ', meetingId);
  await page.context().setOffline(true);
  // The page itself knows before it writes (under CI's load the emulation once reached it after a write).
  await page.waitForFunction(() => !navigator.onLine);
  await recordQuestion(page, text);
  await page.locator('li.question[data-pending="yes"]', { hasText: text }).waitFor();
  return { meetingId, page, context: page.context() };
}

/** Notices go by after 5 s; a screenshot of the list is taken without them. */
const rowsOf = (meetingId: string) => questionRows(server, meetingId);

describe('evening-talk questions with no network', () => {
  it('5 recorded and 2 answered offline wait as 待发送, then arrive exactly once, in order, and another browser sees them', async () => {
    const meetingId = await talkInSession(server, '断网夜谈·一');
    const page = await openTalk('shequ', meetingId);
    const context = page.context();
    await context.setOffline(true);
    // The page itself knows before it writes (under CI's load the emulation once reached it after a write).
    await page.waitForFunction(() => !navigator.onLine);
    // What the emulation cuts, from the page: fetch fails as a network error (the app's ApiError status 0).
    expect(
      await page.evaluate(() =>
        fetch('/api/session').then(
          () => 'reached',
          () => 'failed',
        ),
      ),
    ).toBe('failed');
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    // A new websocket (the live agenda's) cannot connect either.
    const socket = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/collab/agenda-probe`);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('error');
          setTimeout(() => resolve('timeout'), 5000);
        }),
    );
    expect(socket).toBe('error');

    const texts = Array.from({ length: 5 }, (_, i) => `离线记录的问题${i + 1}：楼道灯不亮`);
    for (const text of texts) await recordQuestion(page, text);
    const panel = page.locator('yishi-questions-panel');
    await expect.poll(() => panel.locator('li.question[data-pending="yes"]').count()).toBe(5);
    await panel.getByText('待发送 5 条').waitFor();
    await answerQuestionOffline(page, texts[1]!, '物业今晚起安排专人维修');
    await answerQuestionOffline(page, texts[3]!, '已报街道，下周更换灯具');
    await panel.getByText('待发送 7 条').waitFor();
    expect(await rowsOf(meetingId)).toEqual([]);
    // The list reloaded with no network shows the page saved when it was last loaded, and says from when.
    await panel.evaluate((el) => (el as unknown as { questions: { reload: () => Promise<void> } }).questions.reload());
    await panel.getByText(/离线，显示的是 \d\d:\d\d 的内容/).waitFor();
    await expect.poll(() => panel.locator('li.question[data-pending="yes"]').count()).toBe(5);
    await dismissToasts(page);
    await page.screenshot({ path: `${SCREENSHOTS}offline-questions-pending.png`, fullPage: true });

    await context.setOffline(false);
    await expect.poll(() => panel.locator('li.question[data-pending="yes"]').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => panel.locator('.outbox-count').count()).toBe(0);
    const rows = await rowsOf(meetingId);
    // Each exactly once, in the order recorded; the two answers against the ids the server gave.
    expect(rows.map((r) => r.text)).toEqual(texts);
    expect(rows.map((r) => r.status)).toEqual(['raised', 'answered', 'raised', 'answered', 'raised']);
    expect(rows[1]!.answer).toBe('物业今晚起安排专人维修');
    const keys = await server.deps.db.selectFrom('idempotency_keys').select('key').where('operation', 'like', '%questions%').execute();
    expect(keys.length).toBeGreaterThanOrEqual(7);
    await panel.getByText('物业今晚起安排专人维修').waitFor();
    await expect.poll(() => panel.locator('.offline-note').count()).toBe(0);

    // Another staff member, in another browser context, sees the 5 questions and the 2 answers.
    const other = await openTalk('jiedao', meetingId);
    const otherPanel = other.locator('yishi-questions-panel');
    for (const text of texts) await otherPanel.locator('li.question', { hasText: text }).waitFor();
    expect(await otherPanel.locator('li.question .q-status.answered').count()).toBe(2);
    await otherPanel.getByText('已报街道，下周更换灯具').waitFor();
    const api = await new ApiClient(server.url).login('jiedao');
    const seen = await api.ok(eveningTalkEndpoints.questions, { params: { meetingId } });
    expect([seen.counts.raised, seen.counts.answered]).toEqual([5, 2]);
    await other.context().close();
    await context.close();
  });

  it('an answer being typed to a question recorded offline stays open with its words when the signal returns and the question goes out', async () => {
    const text = '离线记录：车棚充电桩不通电';
    const { meetingId, page, context } = await offlineWithOneQuestion('断网夜谈·答复中', text);
    const question = page.locator('li.question', { hasText: text });
    await question.getByRole('button', { name: '现场答复' }).click();
    await question.getByLabel('答复内容').fill('物业明早派电工检修');
    // One bar of signal: the list read again once the question is in comes back late.
    const list = await holdRequests(page, /\/api\/meetings\/[^/]+\/questions(\?|$)/, (request) => request.method() === 'GET');
    await context.setOffline(false);
    // The question goes out: it shows the number the server gave it, not 待发送, while the list is on its way; the form
    // the worker is typing into stays, with its words, then and once the list is in; and they can go on typing.
    await expect.poll(async () => (await rowsOf(meetingId)).length, { timeout: 20_000 }).toBe(1);
    await list.arrived;
    await page.locator('li.question[data-number="1"]', { hasText: text }).waitFor();
    expect(await question.getByLabel('答复内容').inputValue()).toBe('物业明早派电工检修');
    await list.release();
    await page.locator('li.question[data-number="1"] .q-status', { hasText: '待处理' }).waitFor();
    expect(await page.locator('li.question', { hasText: text }).count()).toBe(1);
    await expect.poll(() => page.locator('li.question[data-pending="yes"]').count()).toBe(0);
    expect(await question.getByLabel('答复内容').inputValue()).toBe('物业明早派电工检修');
    await question.getByLabel('答复内容').pressSequentially('，周五前修好');
    await question.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => (await rowsOf(meetingId))[0]?.answer).toBe('物业明早派电工检修，周五前修好');
    await question.getByText('已现场答复').waitFor();
    await context.close();
  });

  it('an answer corrected with no signal waits as 修改答复：待发送 and lands once, with its key, when the signal returns', async () => {
    const meetingId = await talkInSession(server, '断网夜谈·修改答复');
    const staff = await new ApiClient(server.url).login('shequ');
    const text = '东门路灯坏了一个月';
    const asked = await staff.ok(eveningTalkEndpoints.submit, { params: { meetingId }, body: { text, category: 'facilities' } });
    await staff.ok(eveningTalkEndpoints.answer, {
      params: { meetingId, questionId: asked.id },
      body: { answer: '物业今晚更换灯泡', answeredByName: '物业 吴涛' },
    });
    const page = await openTalk('shequ', meetingId);
    const context = page.context();
    const question = page.locator('li.question', { hasText: text });
    await question.getByText('物业 吴涛 答复：物业今晚更换灯泡').waitFor();
    await context.setOffline(true);
    // The page itself knows before it writes (under CI's load the emulation once reached it after a write).
    await page.waitForFunction(() => !navigator.onLine);
    await question.getByRole('button', { name: '修改答复' }).click();
    await question.getByLabel(/答复人/).fill('物业 吴韬');
    await question.getByRole('button', { name: '保存修改' }).click();
    await question.getByText('修改答复：待发送').waitFor();
    const answeredBy = async () =>
      (await server.deps.db.selectFrom('meeting_questions').select('answered_by_name').where('id', '=', asked.id).executeTakeFirstOrThrow()).answered_by_name;
    expect(await answeredBy()).toBe('物业 吴涛');

    // Every try, and the tries answered. A try the network refused as the signal came back (under CI's load the
    // emulation lifts after the page hears 'online') is tried again with the same key: it still lands once.
    const tried: string[] = [];
    const sent: string[] = [];
    const isAnswer = (request: Request) => request.method() === 'PUT' && request.url().endsWith('/answer');
    context.on('request', (request) => void (isAnswer(request) && tried.push(request.headers()['idempotency-key'] ?? '')));
    context.on('requestfinished', (request) => void (isAnswer(request) && sent.push(request.headers()['idempotency-key'] ?? '')));
    await context.setOffline(false);
    await question.getByText('物业 吴韬 答复：物业今晚更换灯泡').waitFor({ timeout: 20_000 });
    expect(await answeredBy()).toBe('物业 吴韬');
    expect(sent).toHaveLength(1);
    expect(new Set(tried)).toEqual(new Set(sent));
    const keys = await server.deps.db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('operation', '=', 'put /meetings/:meetingId/questions/:questionId/answer')
      .execute();
    expect(keys.map((k) => k.key)).toContain(sent[0]);
    await context.close();
  });

  it('a question listed with no signal at 23:58 and sent after midnight counts its working days from the day it was listed', async () => {
    const meetingId = await talkInSession(server, '断网夜谈·跨夜列入');
    const staff = await new ApiClient(server.url).login('shequ');
    const text = '5栋单元门禁坏了';
    const asked = await staff.ok(eveningTalkEndpoints.submit, { params: { meetingId }, body: { text, category: 'facilities' } });
    // The phone's clock: two minutes to midnight in China, today.
    const today = chinaDate(new Date());
    const beforeMidnight = new Date(`${today}T23:58:00+08:00`);
    const page = await newPhonePage(browser, PHONE_390);
    await page.clock.setFixedTime(beforeMidnight);
    await loginWithSessionCookie(page, server.url, 'shequ');
    await page.goto(`${server.url}/meetings/${meetingId}`);
    await page.locator('yishi-questions-panel .counts').waitFor();
    const context = page.context();
    await context.setOffline(true);
    // The page itself knows before it writes (under CI's load the emulation once reached it after a write).
    await page.waitForFunction(() => !navigator.onLine);
    const question = page.locator('li.question', { hasText: text });
    await question.getByRole('button', { name: '列入问题清单' }).click();
    await question.getByLabel('整改措施').fill('物业三日内修复门禁');
    await question.getByRole('button', { name: '保存' }).click();
    await question.getByText('列入问题清单：待发送').waitFor();
    // Ten minutes later it is tomorrow on the phone; then the signal comes back.
    await page.clock.setFixedTime(new Date(beforeMidnight.getTime() + 10 * 60_000));
    const sent: unknown[] = [];
    context.on('request', (request) => void (request.method() === 'POST' && request.url().endsWith('/list') && sent.push(request.postDataJSON())));
    await context.setOffline(false);
    await question.getByText('已列入问题清单').waitFor({ timeout: 20_000 });
    expect(sent).toEqual([expect.objectContaining({ listedOn: today, deadlineWorkdays: 5 })]);
    const item = await server.deps.db
      .selectFrom('action_items')
      .select(['due_date', 'deadline_workdays'])
      .where('source_id', '=', asked.id)
      .executeTakeFirstOrThrow();
    expect(item).toEqual({ due_date: addWorkdays(today, 5).dueDate, deadline_workdays: 5 });
    await context.close();
  });

  it('a question listed offline that someone answered meanwhile: the refusal names the question, by number and words, and offers no retry', async () => {
    const meetingId = await talkInSession(server, '断网夜谈·同时处理');
    const staff = await new ApiClient(server.url).login('shequ');
    const text = '3栋电梯经常停';
    const asked = await staff.ok(eveningTalkEndpoints.submit, { params: { meetingId }, body: { text, category: 'facilities' } });
    const page = await newPhonePage(browser, PHONE_390);
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}/meetings/${meetingId}`);
    const panel = page.locator('yishi-questions-panel');
    await panel.locator('.counts').waitFor();
    const context = page.context();
    await context.setOffline(true);
    // The page itself knows before it writes (under CI's load the emulation once reached it after a write).
    await page.waitForFunction(() => !navigator.onLine);
    const question = page.locator('li.question', { hasText: text });
    await question.getByRole('button', { name: '列入问题清单' }).click();
    await question.getByLabel('整改措施').fill('物业联系电梯维保单位检修');
    await question.getByRole('button', { name: '保存' }).click();
    await question.getByText('列入问题清单：待发送').waitFor();
    // Meanwhile a colleague answers it on the spot, online.
    await staff.ok(eveningTalkEndpoints.answer, {
      params: { meetingId, questionId: asked.id },
      body: { answer: '已联系维保，明天检修', answeredByName: '物业 吴韬' },
    });

    await context.setOffline(false);
    const box = panel.locator('yishi-question-outbox-rejected');
    await box.getByText(`第 ${asked.number} 号问题：${text}`).waitFor({ timeout: 20_000 });
    await box.getByText('物业联系电梯维保单位检修').waitFor();
    expect(await box.getByRole('button', { name: '重试' }).count()).toBe(0);
    await context.close();
  });

  it('a question queued offline and refused meanwhile (the talk was closed) shows the server’s reason; the text stays', async () => {
    const text = '散会前没来得及发出的问题：电梯经常停';
    const { meetingId, page, context } = await offlineWithOneQuestion('断网夜谈·二', text);
    const panel = page.locator('yishi-questions-panel');
    // Someone else closes the talk through the API meanwhile.
    const convener = await new ApiClient(server.url).login('shequ');
    await convener.ok(meetingEndpoints.close, { params: { meetingId } });

    await context.setOffline(false);
    const box = panel.locator('yishi-question-outbox-rejected');
    await box.getByText('这场夜谈目前不收集问题').waitFor({ timeout: 20_000 });
    await box.getByText(text).waitFor();
    for (const name of ['复制文字', '放弃']) await box.getByRole('button', { name }).waitFor();
    // Sent again it would meet the same refusal: no 重试 that does nothing.
    expect(await box.getByRole('button', { name: '重试' }).count()).toBe(0);
    expect(await rowsOf(meetingId)).toEqual([]);
    // The refusal reloaded the meeting: the page now says it is closed.
    await page.getByText('已结束').first().waitFor();
    await dismissToasts(page);
    await page.screenshot({ path: `${SCREENSHOTS}offline-questions-rejected.png`, fullPage: true });
    // Discarding is the worker's choice; then it is gone.
    await box.getByRole('button', { name: '放弃' }).click();
    await expect.poll(() => box.locator('li').count()).toBe(0);
    await context.close();
  });

  it('back online on one bar: a send that still meets no network is tried again by itself, with no reload, write or other signal', async () => {
    const text = '信号时有时无：三号楼门禁坏了';
    const { meetingId, page, context } = await offlineWithOneQuestion('断网夜谈·五', text);
    const tries: string[] = [];
    await context.route('**/api/meetings/*/questions', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      tries.push((await route.request().headerValue('Idempotency-Key')) ?? '');
      // The first send after 'online' is lost before it reaches the server, as on a dead bar of signal.
      if (tries.length === 1) return route.abort('internetdisconnected');
      return route.continue();
    });
    await context.setOffline(false);
    // Nothing else happens on the page: the outbox tries again by itself (its first wait is 2 s), with the same key.
    await expect.poll(async () => (await rowsOf(meetingId)).map((r) => r.text), { timeout: 12_000 }).toEqual([text]);
    expect(tries.length).toBe(2);
    expect(tries[1]).toBe(tries[0]);
    await expect.poll(() => page.locator('li.question[data-pending="yes"]').count()).toBe(0);
    await context.close();
  });

  it('an answer lost on its way back and a reload mid-queue: the retry carries the same key, each write lands once', async () => {
    const text = '回音丢失的问题：自行车棚漏雨';
    const { meetingId, page, context } = await offlineWithOneQuestion('断网夜谈·四', text);
    await answerQuestionOffline(page, text, '本周内修补车棚顶');
    // Back online, but the server's answer to the question is lost on the way back: it has written
    // the question, the phone does not know, and the answer waiting on it stays queued.
    const keys: string[] = [];
    await context.route('**/api/meetings/*/questions', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push((await route.request().headerValue('Idempotency-Key')) ?? '');
      await route.fetch();
      await route.abort('internetdisconnected');
    });
    await context.setOffline(false);
    // Should the flush that 'online' starts still meet no network (seen once in CI: no request within
    // 10 s), the outbox tries again by itself (2, 4, 8 s…; the case above).
    // (Under load a retry may go out too before the page is closed below: with the same key, aborted the same way.)
    await expect.poll(() => keys.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await rowsOf(meetingId)).map((r) => [r.text, r.status])).toEqual([[text, 'raised']]);
    await page.locator('li.question[data-pending="yes"]', { hasText: text }).waitFor();
    await page.close();

    // Opened again with a working network: the question goes again with its key (the server answers
    // from the stored response), then the answer against the id the server gave it.
    await context.unroute('**/api/meetings/*/questions');
    const resent: string[] = [];
    context.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/questions')) resent.push(request.headers()['idempotency-key'] ?? '');
    });
    // The answer's first try fails on the network: the question is in, and the answer waits — now
    // naming the server's id, kept on the device — for a later flush (the page flushes on load and
    // when its list connects), which sends it.
    let answerTries = 0;
    await context.route('**/api/meetings/*/questions/*/answer', (route) => (answerTries++ === 0 ? route.abort('internetdisconnected') : route.continue()));
    const again = await openTalk('shequ', meetingId, context);
    await again.locator('li.question:not([data-pending])', { hasText: text }).getByText('本周内修补车棚顶').waitFor({ timeout: 20_000 });
    // Every send of the question, before the reload and after, carried its one key.
    expect(new Set(keys)).toEqual(new Set([keys[0]]));
    expect(resent).toEqual([keys[0]]);
    expect(answerTries).toBe(2);
    expect((await rowsOf(meetingId)).map((r) => [r.text, r.status, r.answer])).toEqual([[text, 'answered', '本周内修补车棚顶']]);
    await context.close();
  });

  it('the queue survives closing the page offline: opening it again online sends it, once', async () => {
    const text = '关掉页面前记下的问题：垃圾清运太晚';
    const { meetingId, page, context } = await offlineWithOneQuestion('断网夜谈·三', text);
    await page.close();
    expect(await rowsOf(meetingId)).toEqual([]);

    await context.setOffline(false);
    const again = await openTalk('shequ', meetingId, context);
    await again.locator('li.question:not([data-pending])', { hasText: text }).waitFor({ timeout: 20_000 });
    expect((await rowsOf(meetingId)).map((r) => r.text)).toEqual([text]);
    await context.close();
  });
});

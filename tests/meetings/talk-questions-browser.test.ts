/**
 * An evening talk's questions in a real Chromium on a phone: a resident asks through the ask form; in
 * the hall the community worker answers on the spot (a second form stays open while the first answer is
 * on its way), is refused an answer without who gave it, lists a question as an action item with its
 * deadline in working days (0 refused under the field), corrects an answer through the outbox, and is
 * refused a correction once the minutes are published. A correction made after the minutes' draft was
 * generated is named on the minutes page, and in its publish dialog, until the draft carries it.
 */
import { actionItemEndpoints, eveningTalkEndpoints, meetingEndpoints, minutesEndpoints } from '@yishi/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseOption,
  expectNoSeriousA11yViolations,
  holdRequests,
  launchBrowser,
  loginWithSessionCookie,
  newPhonePage,
  visibleText,
} from '../support/browser.js';
import { focusedControl } from '../support/forms.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let browser: Browser;
let nextTalkId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const talk = await server.deps.db.selectFrom('meetings').select('id').where('title', '=', '围庐夜话·冬季第一场').executeTakeFirstOrThrow();
  nextTalkId = talk.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function pageAs(login: string): Promise<Page> {
  const page = await newPhonePage(browser);
  await loginWithSessionCookie(page, server.url, login);
  return page;
}

describe("an evening talk's questions in the browser", () => {
  it('a resident asks through the form; staff answer, correct an answer and list questions in the hall', async () => {
    const resident = await pageAs('jumin');
    await resident.goto(`${server.url}/meetings/${nextTalkId}/ask`);
    await resident.getByLabel('问题内容').fill('单元门口的路灯晚上不亮');
    await chooseOption(resident.locator('yishi-question-form'), 'category', '设施维修');
    await resident.getByRole('button', { name: '提交问题' }).click();
    await resident.getByText('谢谢！您的问题已提交').waitFor();
    await expectNoSeriousA11yViolations(resident);
    await resident.context().close();

    const staff = await new ApiClient(server.url).login('shequ');
    await staff.ok(meetingEndpoints.start, { params: { meetingId: nextTalkId } });
    const page = await pageAs('shequ');
    await page.goto(`${server.url}/meetings/${nextTalkId}`);
    const asked = page.locator('li.question', { hasText: '单元门口的路灯晚上不亮' });
    await asked.getByRole('button', { name: '现场答复' }).click();
    await asked.getByLabel('答复内容').fill('物业今晚更换灯泡');
    await asked.getByLabel('答复人（如“物业 吴涛”）').fill('物业 吴涛');
    // On one bar of signal the answer takes a while; the worker opens the next question's form and types
    // meanwhile. That form stays open with its words when the first answer comes back (it used to close).
    const answer = await holdRequests(page, '**/api/meetings/*/questions/*/answer');
    await asked.getByRole('button', { name: '保存' }).click();
    const other = page.locator('li.question', { hasText: '冬季落叶清扫' });
    await other.getByRole('button', { name: '现场答复' }).click();
    await other.getByLabel('答复内容').fill('下周起每天清扫两次');
    await answer.release();
    await asked.getByText('已现场答复').waitFor();
    expect(await other.getByLabel('答复内容').inputValue()).toBe('下周起每天清扫两次');
    // An answer without who gave it is refused, and the field says so; the question goes on the list instead.
    // The answerer comes prefilled with the worker's name; emptied, the answer is refused.
    await other.getByLabel('答复人（如“物业 吴涛”）').fill('');
    await other.getByRole('button', { name: '保存' }).click();
    await other.locator('input[name="answeredByName"][aria-invalid="true"]').waitFor();
    expect(await other.locator('#action-answeredByName-problem').textContent()).not.toBe('');
    await other.getByRole('button', { name: '取消' }).click();
    await other.getByRole('button', { name: '列入问题清单' }).click();
    await other.getByLabel('整改措施').fill('物业五个工作日内增加清扫频次');
    // The responsible unit is the action-item form's choice, in words, sent as its code (never free text).
    await chooseOption(other, 'unit', '物业企业');
    // The deadline comes as 5 working days, with the date it makes; 0 is refused under the field, in words, and nothing is sent.
    const deadline = other.getByLabel('办理时限（工作日）');
    expect(await deadline.inputValue()).toBe('5');
    await expect.poll(() => other.locator('#deadlineWorkdays-hint').textContent()).toMatch(/^不算周末和法定节假日，截止 \d{4}年/);
    const listings: string[] = [];
    page.on('request', (request) => void (request.url().endsWith('/list') && listings.push(request.url())));
    await deadline.fill('0');
    await other.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => other.locator('#deadlineWorkdays-problem').textContent()).toBe('请填写 1 到 60 之间的整数（工作日天数）');
    expect(await deadline.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedControl(page)).toBe('deadlineWorkdays');
    expect(listings).toEqual([]);
    await deadline.fill('10');
    const due = /截止 (\S+（周.）)/.exec((await other.locator('#deadlineWorkdays-hint').textContent()) ?? '')?.[1];
    expect(due).toBeTruthy();
    await other.getByRole('button', { name: '保存' }).click();
    await other.getByText('已列入问题清单').waitFor();
    const { counts, items: questions } = await staff.ok(eveningTalkEndpoints.questions, { params: { meetingId: nextTalkId } });
    expect(counts).toMatchObject({ raised: 3, answered: 1, listed: 1, open: 1 });
    const itemId = questions.find((q) => q.text.includes('冬季落叶清扫'))!.actionItemId!;
    // The answer named the wrong official: 修改答复 opens the answer form with the answer as saved; the
    // correction goes through the outbox with its own key, and the list shows the new words and when.
    await asked.getByRole('button', { name: '修改答复' }).click();
    expect(await asked.getByLabel('答复内容').inputValue()).toBe('物业今晚更换灯泡');
    expect(await asked.getByLabel('答复人（如“物业 吴涛”）').inputValue()).toBe('物业 吴涛');
    await asked.getByLabel('答复内容').fill('物业今晚更换东门路灯灯泡');
    await asked.getByLabel('答复人（如“物业 吴涛”）').fill('物业 吴韬');
    const correction = page.waitForRequest((request) => request.method() === 'PUT' && request.url().endsWith('/answer'));
    await asked.getByRole('button', { name: '保存修改' }).click();
    expect((await correction).headers()['idempotency-key']).toMatch(/^[\w-]{36}$/);
    await asked.getByText('物业 吴韬 答复：物业今晚更换东门路灯灯泡').waitFor();
    await asked.getByText(/· 修改于 \d{4}年\d+月\d+日（周.） \d\d:\d\d$/).waitFor();
    expect(await asked.getByText('物业今晚更换灯泡', { exact: false }).count()).toBe(0);
    const corrected = await staff.ok(eveningTalkEndpoints.questions, { params: { meetingId: nextTalkId } });
    expect(corrected.counts).toMatchObject({ answered: 1 });
    expect(corrected.items.find((q) => q.text === '单元门口的路灯晚上不亮')).toMatchObject({ answer: '物业今晚更换东门路灯灯泡', answeredByName: '物业 吴韬' });
    // Meanwhile the talk is closed and its minutes published: a correction from this page (opened before)
    // is refused, said under the form in words, which keeps what was typed.
    await staff.ok(meetingEndpoints.close, { params: { meetingId: nextTalkId } });
    await staff.ok(minutesEndpoints.generate, { params: { meetingId: nextTalkId } });
    await staff.ok(minutesEndpoints.publish, { params: { meetingId: nextTalkId }, body: { confirm: true } });
    await asked.getByRole('button', { name: '修改答复' }).click();
    await asked.getByLabel('答复内容').fill('物业今晚已更换东门路灯灯泡');
    await asked.getByRole('button', { name: '保存修改' }).click();
    const refusal = asked.locator('form').getByRole('alert');
    await expect.poll(() => refusal.textContent()).toMatch(/^本场会议的纪要已经公示（第 1 版），答复不能再在这里修改；如答复有误，请到“会议纪要”发布更正版本/);
    expect(await asked.getByLabel('答复内容').inputValue()).toBe('物业今晚已更换东门路灯灯泡');
    await asked.getByRole('button', { name: '取消' }).click();
    const listed = await staff.ok(actionItemEndpoints.get, { params: { itemId } });
    expect(listed).toMatchObject({ responsibleUnit: 'property_manager', responsibleUnitLabel: { 'zh-CN': '物业企业' }, deadlineWorkdays: 10 });
    // The item says the deadline given, due on the date the form showed.
    await other.getByRole('link', { name: '已转为整改事项' }).click();
    await page.getByRole('heading', { level: 1, name: /冬季落叶清扫/ }).waitFor();
    expect(await visibleText(page)).toContain(`10 个工作日内，截止 ${due}`);
    await page.context().close();
  });

  it('an answer corrected after the draft was generated: the minutes page names the question until the draft is regenerated', async () => {
    const staff = await new ApiClient(server.url).login('shequ');
    const compoundId = await compoundIdByCode(server.deps, 'DSCT');
    const startsAt = new Date(Date.now() + 86_400_000).toISOString();
    const { meeting } = await staff.ok(meetingEndpoints.create, {
      params: { compoundId },
      body: { kind: 'evening_talk', title: '围庐夜话·纪要核对', startsAt, place: '中心广场' },
    });
    const meetingId = meeting.id;
    for (const step of ['schedule', 'start'] as const) await staff.ok(meetingEndpoints[step], { params: { meetingId } });
    const asked = await staff.ok(eveningTalkEndpoints.submit, { params: { meetingId }, body: { text: '东门路灯坏了一个月', category: 'facilities' } });
    const params = { meetingId, questionId: asked.id };
    await staff.ok(eveningTalkEndpoints.answer, { params, body: { answer: '物业今晚更换灯泡', answeredByName: '物业 吴涛' } });
    await staff.ok(meetingEndpoints.close, { params: { meetingId } });
    await staff.ok(minutesEndpoints.generate, { params: { meetingId } });
    await staff.ok(eveningTalkEndpoints.correctAnswer, { params, body: { answer: '物业明早更换灯泡', answeredByName: '物业 吴涛' } });

    const page = await pageAs('shequ');
    await page.goto(`${server.url}/meetings/${meetingId}/minutes`);
    const note = page.locator('yishi-minutes-page .outdated-answers').first();
    await note.waitFor();
    expect(await note.textContent()).toMatch(/^\s*第 1 号问题的答复在夜谈中修改过，草稿里还是修改前的内容/);
    await page.screenshot({ path: '/tmp/yishi-shots/minutes-outdated-answer-phone.png' });
    await page.getByRole('button', { name: '审核并公示' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.locator('.outdated-answers').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await page.getByRole('button', { name: '重新生成草稿' }).click();
    await page.locator('dialog[open]').getByRole('button', { name: '替换为重新生成的草稿' }).click();
    await page.getByRole('button', { name: '撤销，恢复原来的草稿' }).waitFor();
    await expect.poll(() => page.locator('yishi-minutes-page .outdated-answers').count()).toBe(0);
    expect(await visibleText(page)).toContain('答复（物业 吴涛）：物业明早更换灯泡');
    await page.context().close();
  });
});

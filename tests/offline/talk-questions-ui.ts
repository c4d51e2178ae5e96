/**
 * A staff member's hands on an evening talk's questions panel (components/meetings/questions-panel.ts),
 * for the offline browser tests: open a talk, record a question from the floor, answer one on the spot.
 */
import { meetingEndpoints } from '@yishi/core';
import type { Page } from 'playwright-core';
import { chooseOption } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, type TestServer } from '../support/server.js';

/** A new evening talk of the demo compound, in session (questions and answers open), made by shequ through the API. */
export async function talkInSession(server: TestServer, title: string): Promise<string> {
  const staff = await new ApiClient(server.url).login('shequ');
  const startsAt = new Date(Date.now() + 8 * 24 * 3600_000).toISOString();
  const compoundId = await compoundIdByCode(server.deps, 'DSCT');
  const created = await staff.ok(meetingEndpoints.create, {
    params: { compoundId },
    body: { kind: 'evening_talk', title, startsAt, place: '都市春天服务站二楼' },
  });
  const meetingId = created.meeting.id;
  for (const step of ['schedule', 'start'] as const) await staff.ok(meetingEndpoints[step], { params: { meetingId } });
  return meetingId;
}

/** Records a question from the floor through the panel's form (facility repairs, asked by `asker`). */
export async function recordQuestion(page: Page, text: string, asker = '3栋 李阿姨'): Promise<void> {
  const panel = page.locator('yishi-questions-panel');
  await panel.getByRole('button', { name: '记录现场问题' }).click();
  const form = panel.locator('yishi-question-form');
  await form.getByLabel('问题内容').fill(text);
  await chooseOption(form, 'category', '设施维修');
  await form.getByLabel(/提问人/).fill(asker);
  await form.getByRole('button', { name: '提交问题' }).click();
  await form.waitFor({ state: 'detached' });
}

/** Answers a question on the spot, offline: the answer waits as 待发送. */
export async function answerQuestionOffline(page: Page, questionText: string, words: string): Promise<void> {
  const question = page.locator('li.question', { hasText: questionText });
  await question.getByRole('button', { name: '现场答复' }).click();
  await question.getByLabel('答复内容').fill(words);
  await question.getByRole('button', { name: '保存' }).click();
  await question.getByText('现场答复：待发送').waitFor();
}

/** The talk's questions as stored, in number order. */
export const questionRows = (server: TestServer, meetingId: string) =>
  server.deps.db.selectFrom('meeting_questions').select(['id', 'text', 'status', 'answer']).where('meeting_id', '=', meetingId).orderBy('number').execute();

/** Removes the toasts on screen, before a screenshot. */
export async function dismissToasts(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('.toast-stack .toast').forEach((toast) => toast.remove()));
}

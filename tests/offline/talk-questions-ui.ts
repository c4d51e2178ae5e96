/**
 * A staff member's hands on an evening talk's questions panel (components/meetings/questions-panel.ts),
 * for the offline browser tests: record a question from the floor, answer one on the spot.
 */
import type { Page } from 'playwright-core';
import { chooseOption } from '../support/browser.js';

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

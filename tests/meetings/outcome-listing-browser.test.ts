/**
 * Turning a council's agenda item into an action item writes to the append-only ledger: the secretary
 * sees what will be listed (title, the description the note becomes, responsible unit, deadline) and
 * confirms it; 取消 sends nothing and keeps what was typed.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { meetingEndpoints } from '@yishi/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { councilWithAgenda } from '../collab/agenda-council.js';
import { launchBrowser, newPhonePage, setElderModeSwitch, visibleText } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { startTestServer, type TestServer } from '../support/server.js';

const LOOK = `${tmpdir()}/yishi-outcome-listing/`;

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

describe('an agenda item turned into an action item', () => {
  it('is listed on the ledger only after a confirmation that says what will be listed; 取消 keeps the form as typed', async () => {
    const meetingId = await councilWithAgenda(server.url, compoundId, '车库照明议事会', ['地下车库照明']);
    await (await new ApiClient(server.url).login('jiedao')).ok(meetingEndpoints.start, { params: { meetingId } });
    const ledgerSize = async () => (await server.deps.db.selectFrom('action_items').select('id').execute()).length;
    const before = await ledgerSize();

    const page = await newPhonePage(browser);
    expect((await page.request.post(`${server.url}/api/auth/login`, { data: { login: 'jiedao', password: 'yishi2026' } })).status()).toBe(200);
    await page.goto(`${server.url}/meetings/${meetingId}`);
    const outcomes = page.locator('yishi-agenda-outcomes');
    await outcomes.getByRole('button', { name: '记录结果' }).click();
    const form = outcomes.locator('form');
    await form.getByRole('radio', { name: '转为整改事项' }).check();
    // Saved with no responsible unit: refused under its field; typing one clears the refusal at once.
    const unit = form.getByLabel('责任单位');
    await form.getByRole('button', { name: '保存' }).click();
    const unitProblem = form.getByText('请填写责任单位：整改事项列入台账后要由它办理和销号');
    await unitProblem.waitFor();
    expect(await unit.getAttribute('aria-invalid')).toBe('true');
    await unit.fill('物业服务中心');
    await unitProblem.waitFor({ state: 'detached' });
    expect(await unit.getAttribute('aria-invalid')).not.toBe('true');
    await form.screenshot({ path: `${LOOK}/unit-filled.png` });
    await setElderModeSwitch(page, true);
    await form.screenshot({ path: `${LOOK}/unit-filled-elder.png` });
    await setElderModeSwitch(page, false);
    // The form says where the note goes.
    await form.getByLabel('说明（将作为整改事项的问题描述）').fill('B2 层东侧照明不足，需增设灯具');
    await form.getByRole('button', { name: '保存' }).click();

    const dialog = page.getByRole('dialog', { name: '确认转为整改事项' });
    await dialog.waitFor();
    const text = await visibleText(dialog);
    expect(text).toContain('标题 地下车库照明');
    expect(text).toContain('问题描述 B2 层东侧照明不足，需增设灯具');
    expect(text).toContain('责任单位 物业服务中心');
    expect(text).toContain('办理期限 5 个工作日');
    await page.screenshot({ path: `${LOOK}/listing-confirm.png` });

    // 取消: nothing listed, the form still holds what was typed.
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await ledgerSize()).toBe(before);
    expect(await form.getByLabel('责任单位').inputValue()).toBe('物业服务中心');
    expect(await form.getByLabel('说明（将作为整改事项的问题描述）').inputValue()).toBe('B2 层东侧照明不足，需增设灯具');

    await setElderModeSwitch(page, true);
    await form.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor();
    await page.screenshot({ path: `${LOOK}/listing-confirm-elder.png` });
    await dialog.getByRole('button', { name: '确定列入台账' }).click();
    await outcomes.getByRole('link', { name: '已转为整改事项' }).waitFor();
    expect(await ledgerSize()).toBe(before + 1);
    const listed = await server.deps.db
      .selectFrom('action_items')
      .select(['title', 'description', 'deadline_workdays'])
      .where('title', '=', '地下车库照明')
      .executeTakeFirstOrThrow();
    expect(listed).toEqual({ title: '地下车库照明', description: 'B2 层东侧照明不足，需增设灯具', deadline_workdays: 5 });
    await page.context().close();
  });
});

/**
 * In a real Chromium on a 360×740 phone: a four-party council in session with only the community and
 * the departments signed in. Recording "达成一致" offers the owners' committee and the property manager
 * as absent (未出席), not to be ticked; closing the session says, before the irreversible step, how many
 * items still have no outcome and which parties the quorum lacks; so does publishing the minutes.
 */
import { meetingEndpoints, minutesEndpoints } from '@yishi/core';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeSampleAgenda } from '../../packages/server/src/testing/agenda-fixture.js';
import { animationsSettled, expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, newPhonePage, visibleText } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

let server: TestServer;
let browser: Browser;
let meetingId: string;
let convener: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const dsct = await compoundIdByCode(server.deps, 'DSCT');
  convener = await new ApiClient(server.url).login('jiedao');
  const created = await convener.ok(meetingEndpoints.create, {
    params: { compoundId: dsct },
    body: { kind: 'four_party', title: '两方到场的议事会', startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), place: '服务站二楼' },
  });
  meetingId = created.meeting.id;
  // Two items: 地下车库停车位, 路灯维修.
  await storeSampleAgenda(server.deps.db, meetingId, new Date());
  await convener.ok(meetingEndpoints.schedule, { params: { meetingId } });
  const started = await convener.ok(meetingEndpoints.start, { params: { meetingId } });
  for (const a of started.attendance.filter((x) => x.party === 'community' || x.party === 'department')) {
    await convener.ok(meetingEndpoints.signIn, { params: { meetingId, attendanceId: a.id }, body: {} });
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function phoneAs(login: string): Promise<Page> {
  const page = await newPhonePage(browser);
  await loginWithSessionCookie(page, server.url, login);
  return page;
}

describe('a council with two of the four parties signed in', () => {
  it('the outcome form offers the absent parties as 未出席, not to be ticked; the parties present agree', async () => {
    const page = await phoneAs('jiedao');
    await page.goto(`${server.url}/meetings/${meetingId}`);
    await page.getByText('未达到法定人数，缺：业委会、物业企业').first().waitFor();
    const item = page.locator('yishi-agenda-outcomes li', { hasText: '地下车库停车位' });
    await item.getByRole('button', { name: '记录结果' }).click();
    const parties = item.getByRole('group', { name: '同意方' });
    await parties.waitFor();
    for (const absent of ['业委会（未出席）', '物业企业（未出席）']) expect(await parties.getByRole('checkbox', { name: absent }).isDisabled()).toBe(true);
    await parties.getByText('标为“未出席”的一方没有人签到，不能记为同意方。').waitFor();
    await parties.getByRole('checkbox', { name: '街道（社区）' }).check();
    await parties.getByRole('checkbox', { name: '职能部门' }).check();
    await parties.scrollIntoViewIfNeeded();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(ARTIFACTS, 'council-outcome-absent-360.png') });
    await item.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => (await item.textContent())!.replace(/\s+/g, ' ')).toContain('同意方：街道（社区）、职能部门');
    const view = await convener.ok(meetingEndpoints.get, { params: { meetingId } });
    expect(view.agendaItems[0]).toMatchObject({ outcome: 'agreed', agreedParties: ['community', 'department'] });
    await page.context().close();
  });

  it('closing says which items have no outcome and which parties the quorum lacks, before the session ends', async () => {
    const page = await phoneAs('jiedao');
    await page.goto(`${server.url}/meetings/${meetingId}`);
    await page.getByRole('button', { name: '结束会议' }).click();
    await page.getByRole('dialog', { name: '结束会议' }).waitFor();
    const dialog = page.locator('dialog[open]');
    await dialog.getByText('还有 1 个议题没有记录议定结果').waitFor();
    await dialog.getByText('未达到法定人数，缺：业委会、物业企业').waitFor();
    await animationsSettled(page);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: join(ARTIFACTS, 'council-close-dialog-360.png') });
    await dialog.getByRole('button', { name: '确定结束' }).click();
    await page.locator('.toast', { hasText: '已完成：结束会议' }).waitFor();
    await expect.poll(() => visibleText(page)).toContain('已结束');
    await page.context().close();
  });

  it('publishing the minutes says the same about the unrecorded outcome and the quorum', async () => {
    await convener.ok(minutesEndpoints.generate, { params: { meetingId } });
    const page = await phoneAs('jiedao');
    await page.goto(`${server.url}/meetings/${meetingId}/minutes`);
    await page.getByRole('button', { name: '审核并公示' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByRole('heading', { name: '确认公示纪要' }).waitFor();
    await dialog.getByText('还有 1 个议题没有记录议定结果').waitFor();
    await dialog.getByText('未达到法定人数，缺：业委会、物业企业').waitFor();
    await animationsSettled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'council-publish-dialog-360.png') });
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
    await page.context().close();
  });
});

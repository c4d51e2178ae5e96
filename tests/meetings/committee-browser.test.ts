/**
 * In a real Chromium on a 360×740 phone: an owners' committee meeting (业委会会议) was held with three
 * of its five members; one of them opens the minutes, sees who has signed, taps "我已核对，确认签字",
 * confirms in the dialog, and is listed as signed with the time. The meeting page shows the members
 * present against the quorum and the decision counted against all the members.
 */
import { meetingEndpoints, minutesEndpoints } from '@yishi/core';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MEMBER_LOGINS } from '../../packages/server/src/seed/committee.seed.js';
import { storeSampleAgenda } from '../../packages/server/src/testing/agenda-fixture.js';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, shootThreeWindows, withPhonePage } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

let server: TestServer;
let browser: Browser;
let meetingId: string;
/** The member who signs in the browser: the first of the four the demo grants. */
const SIGNER = MEMBER_LOGINS[0]!;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const dsct = await compoundIdByCode(server.deps, 'DSCT');
  // Held through the API: noticed 8 days ahead, three members signed in, one decision, closed, drafted.
  const chair = await new ApiClient(server.url).login('yeweihui');
  const startsAt = new Date(Date.now() + 8 * 86_400_000).toISOString();
  const created = await chair.ok(meetingEndpoints.create, {
    params: { compoundId: dsct },
    body: { kind: 'owners_committee', title: '电梯维保合同续签', startsAt, place: '业委会办公室' },
  });
  meetingId = created.meeting.id;
  await storeSampleAgenda(server.deps.db, meetingId, new Date());
  await chair.ok(meetingEndpoints.schedule, { params: { meetingId } });
  const started = await chair.ok(meetingEndpoints.start, { params: { meetingId } });
  const present = [];
  for (const login of ['yeweihui', SIGNER, MEMBER_LOGINS[1]!]) {
    const member = await new ApiClient(server.url).login(login);
    const user = await server.deps.db.selectFrom('users').select('id').where('username', '=', login).executeTakeFirstOrThrow();
    const row = started.attendance.find((a) => a.userId === user.id)!;
    await member.ok(meetingEndpoints.signIn, { params: { meetingId, attendanceId: row.id }, body: {} });
    present.push(row.id);
  }
  await chair.ok(meetingEndpoints.recordOutcome, {
    params: { meetingId, itemId: started.agendaItems[0]!.id },
    body: { outcome: 'members_resolved', agreedMembers: present.slice(0, 2) },
  });
  await chair.ok(meetingEndpoints.close, { params: { meetingId } });
  await chair.ok(minutesEndpoints.generate, { params: { meetingId } });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("an owners' committee meeting on a phone", () => {
  test('the meeting shows the members present against the quorum, and a decision 2 of 5 not passed', async () => {
    await withPhonePage(browser, async (page) => {
      await loginWithSessionCookie(page, server.url, SIGNER);
      await page.goto(`${server.url}/meetings/${meetingId}`);
      await page.getByRole('heading', { level: 1, name: '电梯维保合同续签' }).waitFor();
      await page.getByText('应到委员 5 人，实到 3 人，已过半数（需 ≥ 3 人），可以开会议事。').waitFor();
      await page.getByText('委员须本人到场签到、本人表决，不得委托他人代为出席或表决。').waitFor();
      await page.getByText('2 / 5 名委员同意（过半数：需 ≥ 3）').waitFor();
      expect(await page.locator('yishi-agenda-outcomes .outcome.failed').first().textContent()).toBe('未通过');
      await expectNoSeriousA11yViolations(page);
      await shootThreeWindows(page, join(ARTIFACTS, 'committee-meeting'));
    });
  });

  test('a member who attended checks the draft and signs it in the app', async () => {
    await withPhonePage(browser, async (page) => {
      await loginWithSessionCookie(page, server.url, SIGNER);
      await page.goto(`${server.url}/meetings/${meetingId}/minutes`);
      await page.getByRole('heading', { name: '出席委员签字' }).waitFor();
      const list = page.locator('yishi-minutes-signatures');
      expect(await list.getByText('待签字').count()).toBe(3);
      await page.getByRole('button', { name: '我已核对，确认签字' }).click();
      const dialog = page.locator('yishi-minutes-page dialog.sign');
      await dialog.getByText('我已核对纪要草稿的全部内容').waitFor();
      await dialog.getByRole('button', { name: '我已核对，确认签字' }).click();
      await list.getByText(/已核对签字 · /).waitFor();
      expect(await list.getByText('待签字').count()).toBe(2);
      // Signed: no button to sign again; the minutes wait for the other two.
      await expect.poll(() => page.getByRole('button', { name: '我已核对，确认签字' }).count()).toBe(0);
      await page.getByText(/还有出席委员未签字：/).waitFor();
      await expectNoSeriousA11yViolations(page);
      await shootThreeWindows(page, join(ARTIFACTS, 'committee-minutes-signed'));
    });
  });
});

/**
 * In a real Chromium on a 360×740 phone: a four-party council in session whose property company sent
 * a stand-in nobody granted beforehand. The station chief running it adds him on the spot with his
 * party; he is signed in at once and the quorum is reached. An empty name is said under the field and
 * nothing is sent; the same person twice is refused in words under the name.
 */
import { meetingEndpoints } from '@yishi/core';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser, loginWithSessionCookie, newPhonePage, shootThreeWindows } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const ARTIFACTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

let server: TestServer;
let browser: Browser;
let meetingId: string;
let chief: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const dsct = await compoundIdByCode(server.deps, 'DSCT');
  chief = await new ApiClient(server.url).login('zhanzhang');
  const created = await chief.ok(meetingEndpoints.create, {
    params: { compoundId: dsct },
    body: { kind: 'four_party', title: '物业缺席的议事会', startsAt: new Date(Date.now() + 3_600_000).toISOString(), place: '服务站二楼' },
  });
  meetingId = created.meeting.id;
  await chief.ok(meetingEndpoints.schedule, { params: { meetingId } });
  const started = await chief.ok(meetingEndpoints.start, { params: { meetingId } });
  // Everyone but the property company's granted representative signs in.
  for (const a of started.attendance.filter((x) => x.party !== 'property_manager'))
    await chief.ok(meetingEndpoints.signIn, { params: { meetingId, attendanceId: a.id }, body: {} });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a council's attendee who came without an invitation", () => {
  it('is added with his party and signed in at once on the phone, and the quorum is reached', async () => {
    const page = await newPhonePage(browser);
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}/meetings/${meetingId}`);
    const attendance = page.locator('yishi-council-attendance');
    await attendance.getByText('未达到法定人数，缺：物业企业').waitFor();

    await attendance.getByRole('button', { name: '＋ 添加名单外的参会人' }).click();
    const form = attendance.getByRole('form', { name: '添加名单外的参会人' });
    // The keyboard is in the name; the party the quorum lacks is already chosen.
    await expect
      .poll(() =>
        page.evaluate(() => {
          let el: Element | null = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          return el?.id;
        }),
      )
      .toBe('name');
    expect(await form.getByRole('radio', { name: '物业企业' }).isChecked()).toBe(true);

    // No name: said under the field, nothing sent.
    const before = (await chief.ok(meetingEndpoints.get, { params: { meetingId } })).attendance.length;
    await form.getByRole('button', { name: '添加并签到' }).click();
    await form.getByText('请填写姓名').waitFor();
    expect(await form.getByLabel('姓名').getAttribute('aria-invalid')).toBe('true');
    expect((await chief.ok(meetingEndpoints.get, { params: { meetingId } })).attendance.length).toBe(before);

    await form.getByLabel('姓名').fill('孙经理');
    await form.getByLabel('单位或职务（选填）').fill('万家物业');
    await form.scrollIntoViewIfNeeded();
    await expectNoSeriousA11yViolations(page);
    await shootThreeWindows(page, join(ARTIFACTS, 'council-walk-in-form'), { part: form });
    await form.getByRole('button', { name: '添加并签到' }).click();

    await attendance.getByText('已达到法定人数：四方均已到场').waitFor();
    const row = attendance.locator('li', { hasText: '孙经理' });
    await expect.poll(async () => (await row.textContent())!.replace(/\s+/g, ' ')).toContain('孙经理 · 物业企业 · 万家物业 ✓ 已签到');
    expect(await form.count()).toBe(0);
    const view = await chief.ok(meetingEndpoints.get, { params: { meetingId } });
    expect(view.quorum).toMatchObject({ reached: true, missing: [] });
    expect(view.attendance.find((a) => a.name === '孙经理')).toMatchObject({ party: 'property_manager', organisation: '万家物业' });

    // The same person again (a colleague on another phone had added him): refused under the name, on the list once.
    await attendance.getByRole('button', { name: '＋ 添加名单外的参会人' }).click();
    await form.getByLabel('姓名').fill('孙经理');
    await form.getByRole('radio', { name: '物业企业' }).check();
    await form.getByLabel('单位或职务（选填）').fill('万家物业');
    await form.getByRole('button', { name: '添加并签到' }).click();
    await form.getByText('孙经理 已经在参会名单上了，请在名单里点“签到”').waitFor();
    expect((await chief.ok(meetingEndpoints.get, { params: { meetingId } })).attendance.filter((a) => a.name === '孙经理')).toHaveLength(1);
    await shootThreeWindows(page, join(ARTIFACTS, 'council-walk-in-after'));
    await page.context().close();
  });

  it('is not offered to a representative who does not run the council', async () => {
    const page = await newPhonePage(browser);
    await loginWithSessionCookie(page, server.url, 'yeweihui');
    await page.goto(`${server.url}/meetings/${meetingId}`);
    await page
      .locator('yishi-council-attendance')
      .getByText(/法定人数/)
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: '＋ 添加名单外的参会人' }).count()).toBe(0);
    await page.context().close();
  });
});

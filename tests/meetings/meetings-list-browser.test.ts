/**
 * The lists a resident opens from the compound's page, and the forms on them for staff, in a real
 * Chromium on a 360×740 phone: the meetings list with the station chief's form to create a meeting
 * (native fields: an empty form is refused under its fields in the server's words, the focus on the
 * first; the kind's usual length proposed until one is typed), and the votes list, whose vote-period
 * settings only the compound's organisers fetch.
 */
import { meetingEndpoints } from '@yishi/core';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { focusedControl } from '../support/forms.js';
import {
  chooseOption,
  expectNoSeriousA11yViolations,
  launchBrowser,
  loginWithSessionCookie,
  setElderModeSwitch,
  visibleText,
  withPhonePage,
} from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const LIST = 'yishi-meetings-list-page';
let server: TestServer;
let browser: Browser;
let compoundId = '';

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  compoundId = await compoundIdByCode(server.deps, 'DSCT');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('the station chief creates an evening talk on her phone: an empty form is refused field by field, the focus on the first problem', async () => {
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}/compounds/${compoundId}/meetings`);
    const form = page.locator(`${LIST} form`);
    await page.getByRole('heading', { name: '新建会议' }).waitFor();
    // The first kind she runs, with its usual length.
    // Each kind a radio row read whole (a closed select cut the words off in elder mode).
    const kinds = form.getByRole('group', { name: '会议类型' }).getByRole('radio');
    const duration = form.getByLabel('时长（分钟）');
    expect(await kinds.count()).toBeGreaterThan(1);
    expect(await form.getByRole('radio', { name: '四方共治议事会' }).isChecked()).toBe(true);
    expect(await duration.inputValue()).toBe('120');

    await form.getByRole('button', { name: '保存为草稿' }).click();
    await form.locator('#title-problem').waitFor();
    for (const field of ['title', 'startsAt', 'place']) {
      // In words a person reads (an empty date and time was zod's "无效ISO日期时间").
      expect(await form.locator(`#${field}-problem`).textContent(), field).toBe('不能为空');
      expect(await form.locator(`#${field}`).getAttribute('aria-invalid'), field).toBe('true');
      expect(await form.locator(`#${field}`).getAttribute('aria-describedby'), field).toBe(`${field}-problem`);
    }
    await expect.poll(() => focusedControl(page)).toBe('title');
    await page.screenshot({ path: `${SCREENSHOTS}/meetings-new-refused-phone.png`, fullPage: true });

    // Another kind proposes its own length; a problem goes once its field is edited.
    await chooseOption(form, 'kind', '居民夜谈');
    expect(await duration.inputValue()).toBe('90');
    await form.getByLabel('会议名称').fill('冬季居民夜谈');
    expect(await form.locator('#title-problem').count()).toBe(0);
    expect(await form.locator('#place-problem').count()).toBe(1);
    await duration.fill('60');
    await form.getByLabel('开始时间').fill(new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 16));
    await form.getByLabel('地点').fill('服务站二楼');
    await setElderModeSwitch(page, true);
    await expectNoSeriousA11yViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await setElderModeSwitch(page, false);
    await form.getByRole('button', { name: '保存为草稿' }).click();
    await page.waitForURL(/\/meetings\/[^/]+$/);
    const meetingId = new URL(page.url()).pathname.split('/')[2]!;
    const saved = await server.deps.db
      .selectFrom('meetings')
      .select(['kind', 'title', 'status', 'duration_minutes', 'place'])
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({ kind: 'evening_talk', title: '冬季居民夜谈', status: 'draft', duration_minutes: 60, place: '服务站二楼' });
  });
});

test('a resident reads the meetings list without a form; an owner reads the votes list, which fetches no vote-period settings', async () => {
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'jumin');
    await page.goto(`${server.url}/compounds/${compoundId}/meetings`);
    await page.locator(`${LIST} tbody tr`).first().waitFor();
    expect(await page.locator(`${LIST} form`).count()).toBe(0);
    expect(await visibleText(page)).not.toContain('新建会议');
    expect(await page.evaluate(() => ['sl-select', 'sl-input', 'sl-button'].filter((tag) => customElements.get(tag)))).toEqual([]);
    await setElderModeSwitch(page, true);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/meetings-list-phone-elder.png` });
    await setElderModeSwitch(page, false);
  });
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'yezhu');
    await page.goto(`${server.url}/compounds/${compoundId}/votes`);
    await page.locator('yishi-votes-page article.vote').first().waitFor();
    expect(await visibleText(page)).not.toContain('业主大会表决期限');
    // Nor its code.
    expect(await page.evaluate(() => customElements.get('yishi-vote-settings'))).toBeUndefined();
  });
});

test('the compound’s organisers find the vote periods under the votes list, fetched for them', async () => {
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}/compounds/${compoundId}/votes`);
    await page.getByRole('heading', { name: '业主大会表决期限' }).waitFor();
    await page
      .locator('yishi-vote-settings')
      .getByLabel(/公告期/)
      .waitFor();
    expect(await visibleText(page)).toContain('发起表决');
  });
});

test('a meeting held at another time than its notice said is listed at the time it was held, the planned time beside it', async () => {
  const convener = await new ApiClient(server.url).login('jiedao');
  const startsAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const { meeting } = await convener.ok(meetingEndpoints.create, {
    params: { compoundId },
    body: { kind: 'four_party', title: '提前召开的议事会', startsAt, place: '服务站' },
  });
  for (const step of [meetingEndpoints.schedule, meetingEndpoints.start, meetingEndpoints.close])
    await convener.ok(step, { params: { meetingId: meeting.id } });
  await withPhonePage(browser, async (page) => {
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}/compounds/${compoundId}/meetings`);
    const row = page.locator(`${LIST} tr`).filter({ hasText: '提前召开的议事会' });
    const when = (await row.locator('td').innerText()).split('\n')[0]!;
    // Held today, from start to close; the notice's time (two days on) beside it.
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${tmpdir()}/yishi-meetings-held.png` });
    await setElderModeSwitch(page, true);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${tmpdir()}/yishi-meetings-held-elder.png` });
    expect(when).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日（周.） \d\d:\d\d—\d\d:\d\d（原定 \d{4}年\d{1,2}月\d{1,2}日（周.） \d\d:\d\d）$/);
  });
});

/**
 * In a real Chromium: the station chief publishes the voting notice of an art. 278 vote from the
 * management page's stepper (a dialog says what it does and that it is published), and the demo
 * owner 王建国 reads on his phone, in plain words and in elder mode, when voting opens and that he
 * should check the roll first.
 */
import { fileURLToPath } from 'node:url';
import { voteEndpoints } from '@yishi/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  animationsSettled,
  expectNoSeriousA11yViolations,
  launchBrowser,
  loginWithSessionCookie,
  newPhonePage,
  setElderModeSwitch,
  withPhonePage,
} from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const TITLE = '使用专项维修资金更换消防水泵';

let server: TestServer;
let browser: Browser;
let voteId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const dsct = await compoundIdByCode(server.deps, 'DSCT');
  const staff = await new ApiClient(server.url).login('zhanzhang');
  voteId = (
    await staff.ok(voteEndpoints.create, {
      params: { compoundId: dsct },
      body: { title: TITLE, kind: 'yes_no', rule: { kind: 'art278', matter: 5 }, closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    })
  ).id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the statutory timeline', () => {
  test('the stepper announces the vote after a confirmation; the owner reads the timeline in plain words', async () => {
    const page = await newPhonePage(browser, { viewport: { width: 1024, height: 1000 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false });
    try {
      await loginWithSessionCookie(page, server.url, 'zhanzhang');
      await page.goto(`${server.url}/votes/${voteId}/manage`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      // A statutory draft has no "open" button: its next step is the notice.
      expect(await page.getByRole('button', { name: '立即开始' }).count()).toBe(0);
      await page.getByRole('button', { name: '发布投票通知公告' }).click();
      const dialog = page.getByRole('dialog', { name: '发布投票通知公告' });
      await dialog.waitFor();
      expect(await page.locator('yishi-vote-stepper dialog').textContent()).toContain('公告发布后不能撤回');
      await animationsSettled(page);
      await expectNoSeriousA11yViolations(page);
      await page.locator('yishi-vote-stepper dialog').getByRole('button', { name: '确认发布' }).click();
      const summary = page.locator('yishi-vote-timeline .summary');
      await expect.poll(async () => (await summary.textContent()) ?? '').toMatch(/^投票将于 \d+月\d+日 \d\d:\d\d 开始；在此之前请核对名册/);
      await page.getByRole('button', { name: '开始投票' }).waitFor();
      await animationsSettled(page);
      await expectNoSeriousA11yViolations(page);
      // The stepper at the top of the page (the roll below it runs to every unit).
      await page.screenshot({ path: `${SCREENSHOTS}/vote-timeline-manage.png` });
    } finally {
      await page.context().close();
    }

    await withPhonePage(browser, async (phone) => {
      await loginWithSessionCookie(phone, server.url, 'yezhu');
      await phone.goto(`${server.url}/votes/${voteId}`);
      await phone.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      const timeline = phone.locator('yishi-vote-timeline');
      await timeline.getByRole('heading', { name: '表决进程' }).waitFor();
      expect(await timeline.locator('.summary').textContent()).toMatch(/^投票将于 .+ 开始；在此之前请核对名册（核对期至 .+）。$/);
      expect(await timeline.locator('li[aria-current="step"]').count()).toBeGreaterThan(0);
      await timeline.getByText('已发布的公告（1）').click();
      await timeline.getByRole('heading', { name: `投票通知公告：${TITLE}` }).waitFor();
      await expectNoSeriousA11yViolations(phone);
      await phone.screenshot({ path: `${SCREENSHOTS}/vote-timeline-owner-phone.png`, fullPage: true });
      await setElderModeSwitch(phone, true);
      await expectNoSeriousA11yViolations(phone);
      // No sideways scrolling on a 360 px phone, elder mode included.
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    });
  });
});

test('the station chief extends an open vote from her phone: the reason is asked for under its field, then the new closing time is published', async () => {
  const dsct = await compoundIdByCode(server.deps, 'DSCT');
  const open = await server.deps.db
    .selectFrom('votes')
    .select(['id', 'title', 'closes_at'])
    .where('compound_id', '=', dsct)
    .where('status', '=', 'open')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await withPhonePage(browser, async (page) => {
    await page.clock.install();
    await loginWithSessionCookie(page, server.url, 'zhanzhang');
    await page.goto(`${server.url}/votes/${open.id}/manage`);
    const heading = page.getByRole('heading', { level: 1, name: open.title });
    await heading.waitFor();
    // The live turnout is fetched again every 5 s in place: the page is not swapped for a spinner
    // (which threw a reader scrolled down the roll back to the top).
    await heading.evaluate((h) => h.setAttribute('data-seen', 'yes'));
    const refetched = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/votes/${open.id}` && r.request().method() === 'GET');
    await page.clock.runFor(5_500);
    await refetched;
    expect(await heading.getAttribute('data-seen')).toBe('yes');
    // The roll below finds a unit as its number is typed.
    const units = page.locator('yishi-vote-roll tbody th');
    await units.first().waitFor();
    await page.locator('yishi-vote-roll').getByLabel('查找房屋').fill('2栋');
    await expect
      .poll(async () => (await units.allTextContents()).length > 0 && (await units.allTextContents()).every((label) => label.includes('2栋')))
      .toBe(true);
    // 王建国 votes online meanwhile: at the next 5-s refresh his flat's row reads as voted, in place
    // (the filter typed and the place scrolled to kept).
    const owner = await new ApiClient(server.url).login('yezhu');
    const flat = (await owner.ok(voteEndpoints.get, { params: { voteId: open.id } })).mine.find((m) => !m.voted)!;
    const filter = page.locator('yishi-vote-roll').getByLabel('查找房屋');
    await filter.fill(flat.label);
    const row = page.locator('yishi-vote-roll tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${flat.label}$`) }) });
    await row.filter({ hasText: '未投' }).waitFor();
    await row.scrollIntoViewIfNeeded();
    const scrolled = await page.evaluate(() => window.scrollY);
    await owner.ok(voteEndpoints.castBallot, { params: { voteId: open.id }, body: { unitId: flat.voterKey, choices: ['yes'] } });
    await page.clock.runFor(5_500);
    await row.filter({ hasText: '✓ 已投 · 网上' }).waitFor();
    expect(await filter.inputValue()).toBe(flat.label);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    expect(await heading.getAttribute('data-seen')).toBe('yes');
    await page.locator('yishi-vote-stepper').getByRole('button', { name: '延期' }).click();
    const dialog = page.getByRole('dialog', { name: '延期' });
    await dialog.waitFor();
    // Enter in the time field sends the form, as the button does: without a reason, refused under its field.
    await dialog.getByLabel('新的截止时间').press('Enter');
    await dialog.locator('#reason-problem').waitFor();
    expect(await dialog.locator('#reason-problem').textContent()).toMatch(/请写明延期理由/);
    expect(await dialog.getByLabel('延期理由（至少 4 个字，将公开）').getAttribute('aria-invalid')).toBe('true');
    await expectNoSeriousA11yViolations(page);
    await dialog.getByLabel('延期理由（至少 4 个字，将公开）').fill('春节期间部分业主不在家');
    expect(await dialog.locator('#reason-problem').count()).toBe(0);
    await dialog.getByRole('button', { name: '确认发布' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(async () => (await server.deps.db.selectFrom('votes').select('closes_at').where('id', '=', open.id).executeTakeFirstOrThrow()).closes_at)
      .not.toBe(open.closes_at);
  });
});

/**
 * The notification centre in Chromium: the bell in the header shows the unread count, opens my list,
 * one notice and then all are marked read and the bell follows; the list follows a language switch;
 * elder mode has 48 px targets and a 360 px phone does not scroll sideways. The preferences page
 * saves a channel; "My account" keeps an e-mail address; the compound's robots page refuses an
 * address that is not https in words under the field. Screenshots of each, phone, elder and desktop.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { proposalEndpoints } from '@yishi/core';
import { loadConfig } from '../../packages/server/src/config.js';
import { enqueueNotifications, type NotificationEvent } from '../../packages/server/src/services/notifications.service.js';
import { writeOwedNotices } from '../../packages/server/src/services/notification-worker.js';
import {
  animationsSettled,
  expectNoSeriousA11yViolations,
  holdRequests,
  launchBrowser,
  loginWithSessionCookie,
  newPhonePage,
  setElderModeSwitch,
  visibleText,
} from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { focusedControl } from '../support/forms.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

/** Screenshots go to $YISHI_ARTIFACTS (docs/screenshots when the docs are refreshed). */
const SHOTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
let server: TestServer;
let browser: Browser;
let dsct: string;
let openVoteId: string;
/** yezhu's unread notices after the setup (an owner on the vote's roll, a seconder of the first proposal). */
let unread: number;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({ config: { notifications: { ...loadConfig({}).notifications, worker: false } } });
  browser = await launchBrowser();
  dsct = await compoundIdByCode(server.deps, 'DSCT');
  const vote = await server.deps.db.selectFrom('votes').select('id').where('compound_id', '=', dsct).where('status', '=', 'open').executeTakeFirstOrThrow();
  openVoteId = vote.id;
  const closed = await server.deps.db
    .selectFrom('votes')
    .select('id')
    .where('compound_id', '=', dsct)
    .where('title', '=', '使用专项维修资金更换2栋电梯')
    .executeTakeFirstOrThrow();
  const proposal = await server.deps.db.selectFrom('proposals').select('id').where('compound_id', '=', dsct).orderBy('created_at').executeTakeFirstOrThrow();
  // The demo's past notified nobody: its open vote and its result are told now, as the services would have.
  const events: NotificationEvent[] = [
    { kind: 'vote_opened', voteId: vote.id },
    { kind: 'vote_result', voteId: closed.id },
  ];
  for (const event of events) await server.deps.db.transaction().execute((trx) => enqueueNotifications(trx, server.deps, event));
  // A vote's notices are written by the worker after the commit (its SMS rows stay owed: no worker runs here).
  await writeOwedNotices(server.deps);
  // The station chief answers the proposal yezhu seconded: its notice comes from the decision itself.
  const chief = await new ApiClient(server.url).login('zhanzhang');
  await chief.ok(proposalEndpoints.decide, {
    params: { proposalId: proposal.id },
    body: { action: 'put_on_agenda', agendaItemId: null, note: '列入下次四方共治议事会议程' },
  });
  const yezhu = await server.deps.db.selectFrom('users').select('id').where('username', '=', 'yezhu').executeTakeFirstOrThrow();
  unread = (await server.deps.db.selectFrom('notifications').select('id').where('user_id', '=', yezhu.id).where('in_app', '=', 1).execute()).length;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Success toasts go before a screenshot (they cover the header on a phone). */
async function clearToasts(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('.toast-stack .toast').forEach((alert) => alert.remove()));
}

const bell = (page: Page) => page.locator('yishi-app header yishi-notification-bell a');
const notices = (page: Page) => page.locator('yishi-notifications-page li.notice');

async function tapHeight(page: Page, locator: ReturnType<Page['locator']>): Promise<number> {
  return (await locator.boundingBox())!.height;
}

describe('the bell and my notifications', () => {
  let phone: Page;
  beforeAll(async () => {
    phone = await newPhonePage(browser);
    await loginWithSessionCookie(phone, server.url, 'yezhu');
  });
  afterAll(() => phone?.context().close());

  test('the bell shows the unread count and opens the list', async () => {
    await phone.goto(`${server.url}/`);
    expect(unread).toBe(3);
    await expect.poll(() => bell(phone).getAttribute('aria-label')).toBe('通知，3 条未读');
    expect(await bell(phone).innerText()).toContain('3');
    await bell(phone).click();
    await phone.waitForURL((u) => u.pathname === '/notifications');
    await notices(phone).first().waitFor();
    expect(await notices(phone).count()).toBe(3);
    const text = await visibleText(phone, 'yishi-notifications-page');
    expect(text).toContain('表决开始：利用小区共有场地建设电动自行车充电棚');
    expect(text).toContain('3 条未读');
    await expectNoSeriousA11yViolations(phone);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: `${SHOTS}/notifications-list-phone.png`, fullPage: true });
  });

  test('elder mode: 48 px targets, no sideways scrolling', async () => {
    await setElderModeSwitch(phone, true);
    await animationsSettled(phone);
    expect(await tapHeight(phone, bell(phone))).toBeGreaterThanOrEqual(48);
    expect(await tapHeight(phone, phone.locator('yishi-notifications-page button.mark-one').first())).toBeGreaterThanOrEqual(48);
    expect(await tapHeight(phone, phone.locator('yishi-notifications-page button.mark-all'))).toBeGreaterThanOrEqual(48);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(phone);
    await phone.screenshot({ path: `${SHOTS}/notifications-list-elder.png`, fullPage: true });
    await setElderModeSwitch(phone, false);
  });

  test('the list follows a language switch without a reload', async () => {
    await phone.locator('yishi-app header button.language').click();
    await expect.poll(() => visibleText(phone, 'yishi-notifications-page')).toContain('Vote open: 利用小区共有场地建设电动自行车充电棚');
    expect(await bell(phone).getAttribute('aria-label')).toBe('Notifications, 3 unread');
    await phone.locator('yishi-app header button.language').click();
    await expect.poll(() => visibleText(phone, 'yishi-notifications-page')).toContain('表决开始');
  });

  test('mark one read, then all: the bell follows, even when the count after the first comes back last', async () => {
    await phone.locator('yishi-notifications-page li.unread button.mark-one').first().click();
    await expect.poll(() => bell(phone).getAttribute('aria-label')).toBe('通知，2 条未读');
    expect(await visibleText(phone, 'yishi-notifications-page')).toContain('2 条未读');
    // One bar of signal: the bell's count after the next one is marked read ("1") is answered, but comes back only
    // after the count asked for once all are read.
    let asked = 0;
    const slow = await holdRequests(phone, '**/api/me/notifications/unread', () => ++asked === 1, 'answer');
    await phone.locator('yishi-notifications-page li.unread button.mark-one').first().click();
    await slow.arrived;
    await phone.locator('yishi-notifications-page button.mark-all').click();
    await expect.poll(() => visibleText(phone, 'yishi-notifications-page')).toContain('没有未读通知');
    await expect.poll(() => bell(phone).getAttribute('aria-label')).toBe('通知');
    await slow.release();
    // The late "1" came and went: the bell still says none, as the list does.
    await phone.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(await bell(phone).getAttribute('aria-label')).toBe('通知');
    expect(await phone.locator('yishi-notifications-page li.unread').count()).toBe(0);
  });

  test('opening a notice goes to its page', async () => {
    await phone.locator('yishi-notifications-page li.notice h2 a').filter({ hasText: '表决开始' }).click();
    await phone.waitForURL((u) => u.pathname.startsWith('/votes/'));
  });

  test('on a desktop', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const desktop = await context.newPage();
    try {
      await loginWithSessionCookie(desktop, server.url, 'yezhu2');
      await desktop.goto(`${server.url}/notifications`);
      await desktop.locator('yishi-notifications-page h1').waitFor();
      await desktop.locator('yishi-notifications-page li.notice').first().waitFor();
      await expect.poll(() => bell(desktop).getAttribute('aria-label')).toMatch(/^通知，\d+ 条未读$/);
      await desktop.screenshot({ path: `${SHOTS}/notifications-list-desktop.png` });
    } finally {
      await context.close();
    }
  });
});

describe('preferences and e-mail', () => {
  test('turning SMS off for votes is saved; the page says e-mail is not set up here; my e-mail is kept on My account', async () => {
    const phone = await newPhonePage(browser);
    try {
      await loginWithSessionCookie(phone, server.url, 'yezhu');
      await phone.goto(`${server.url}/account`);
      const email = phone.locator('yishi-account-email input[name="email"]');
      await email.fill('not-an-address');
      await phone.locator('yishi-account-email button[type="submit"]').click();
      await expect.poll(() => visibleText(phone, 'yishi-account-email')).toContain('电子邮箱格式不正确');
      await email.fill('wang@example.com');
      await phone.locator('yishi-account-email button[type="submit"]').click();
      await expect
        .poll(async () => (await server.deps.db.selectFrom('users').select('email').where('username', '=', 'yezhu').executeTakeFirst())?.email)
        .toBe('wang@example.com');

      await phone.goto(`${server.url}/account/notifications`);
      await phone.locator('yishi-notification-settings-page fieldset').first().waitFor();
      const text = await visibleText(phone, 'yishi-notification-settings-page');
      expect(text).toContain('本平台暂未开通邮件发送');
      expect(text).toContain('短信发送到 138****0001');
      expect(text).toContain('邮件发送到 wang@example.com');
      // No e-mail box to tick where no e-mail goes out: each kind says so instead.
      expect(await phone.locator('yishi-notification-settings-page input[name$=".email"]').count()).toBe(0);
      expect(text).toContain('（邮件未开通）');
      await expectNoSeriousA11yViolations(phone);
      await phone.screenshot({ path: `${SHOTS}/notifications-settings-phone.png`, fullPage: true });
      const sms = phone.locator('yishi-notification-settings-page input[name="vote_opened.sms"]');
      expect(await sms.isChecked()).toBe(true);
      await sms.click();
      await phone.locator('yishi-notification-settings-page button[type="submit"]').click();
      await expect
        .poll(async () => (await server.deps.db.selectFrom('notification_settings').select('channels_json').executeTakeFirst())?.channels_json)
        .toBe('{"vote_opened":{"sms":false}}');
      await phone.reload();
      await sms.waitFor();
      expect(await sms.isChecked()).toBe(false);
      // Saved on one bar of signal: a switch turned while the save is on its way stays as turned.
      const save = await holdRequests(phone, '**/api/me/notification-settings', (request) => request.method() !== 'GET');
      const other = phone.locator('yishi-notification-settings-page input[type="checkbox"]:not([name="vote_opened.sms"])').first();
      const otherBefore = await other.isChecked();
      await sms.click();
      await phone.locator('yishi-notification-settings-page button[type="submit"]').click();
      await other.click();
      await save.release();
      await phone.getByText('通知设置已保存').first().waitFor();
      expect(await sms.isChecked()).toBe(true);
      expect(await other.isChecked()).toBe(!otherBefore);

      await setElderModeSwitch(phone, true);
      await animationsSettled(phone);
      // The tap target is the checkbox's whole row, its label.
      expect(
        await tapHeight(phone, phone.locator('yishi-notification-settings-page label.check', { has: phone.locator('input[name="vote_opened.sms"]') })),
      ).toBeGreaterThanOrEqual(48);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await expectNoSeriousA11yViolations(phone);
      await clearToasts(phone);
      await phone.screenshot({ path: `${SHOTS}/notifications-settings-elder.png`, fullPage: true });
      await setElderModeSwitch(phone, false);
    } finally {
      await phone.context().close();
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const desktop = await context.newPage();
    try {
      await loginWithSessionCookie(desktop, server.url, 'yezhu');
      await desktop.goto(`${server.url}/account/notifications`);
      await desktop.locator('yishi-notification-settings-page fieldset').first().waitFor();
      await desktop.screenshot({ path: `${SHOTS}/notifications-settings-desktop.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });
});

describe("the compound's group robots", () => {
  test('staff add a robot; an address that is not https is refused in words under the field', async () => {
    const phone = await newPhonePage(browser);
    try {
      await loginWithSessionCookie(phone, server.url, 'zhanzhang');
      await phone.goto(`${server.url}/compounds/${dsct}/notifications`);
      const page = phone.locator('yishi-compound-robots-page');
      await page.locator('form').waitFor();
      expect(await visibleText(phone, 'yishi-compound-robots-page')).toContain('还没有接入群机器人');
      await page.getByLabel('名称', { exact: true }).fill('社区工作群');
      await page.locator('input[name="url"]').fill('http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=633a31f6-7f9c-4bc4-97a0-0ec1eefa5898');
      await page.locator('form button[type="submit"]').click();
      await expect.poll(() => page.locator('#url-problem').textContent()).toContain('Webhook 地址必须以 https:// 开头');
      expect(await page.locator('input[name="url"]').getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => focusedControl(phone)).toBe('url');
      await expectNoSeriousA11yViolations(phone);
      await phone.screenshot({ path: `${SHOTS}/notifications-robots-refused-phone.png`, fullPage: true });
      await page.locator('input[name="url"]').fill('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=633a31f6-7f9c-4bc4-97a0-0ec1eefa5898');
      await page.locator('form button[type="submit"]').click();
      await page.locator('li.robot').first().waitFor();
      const robot = await visibleText(page.locator('li.robot').first());
      expect(robot).toContain('社区工作群');
      expect(robot).toContain('企业微信群机器人');
      expect(robot).toContain('key=633a…5898');
      expect(robot).not.toContain('7f9c');
      // DingTalk shows the secret field.
      await page.getByRole('radio', { name: '钉钉自定义机器人' }).check();
      await page.locator('input[name="secret"]').waitFor();
      await page.getByLabel('名称', { exact: true }).fill('街道钉钉群');
      await page.locator('input[name="url"]').fill('https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789');
      await page.locator('input[name="secret"]').fill('SEC0123456789abcdef');
      await page.locator('form button[type="submit"]').click();
      await expect.poll(() => page.locator('li.robot').count()).toBe(2);
      expect(await visibleText(page.locator('li.robot').nth(1))).toContain('已加签');
      await animationsSettled(phone);
      await expectNoSeriousA11yViolations(phone);
      await clearToasts(phone);
      await phone.screenshot({ path: `${SHOTS}/notifications-robots-phone.png`, fullPage: true });
      await setElderModeSwitch(phone, true);
      await animationsSettled(phone);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      expect(await tapHeight(phone, page.locator('li.robot button').first())).toBeGreaterThanOrEqual(48);
      expect(await tapHeight(phone, page.locator('li.robot label.switch').first())).toBeGreaterThanOrEqual(48);
      await clearToasts(phone);
      await phone.screenshot({ path: `${SHOTS}/notifications-robots-elder.png`, fullPage: true });
      await setElderModeSwitch(phone, false);
      // Removing one asks first (its address would have to be copied from the group again): 不删除 keeps it, 删除 removes it.
      await page.locator('li.robot').nth(1).getByRole('button', { name: '删除 街道钉钉群' }).click();
      const ask = page.getByRole('dialog', { name: '删除“街道钉钉群”' });
      await ask.getByText('删除后这个群不再收到通知').waitFor();
      await ask.getByRole('button', { name: '不删除' }).click();
      await ask.waitFor({ state: 'hidden' });
      expect(await page.locator('li.robot').count()).toBe(2);
      await page.locator('li.robot').nth(1).getByRole('button', { name: '删除 街道钉钉群' }).click();
      await ask.getByRole('button', { name: '删除', exact: true }).click();
      await expect.poll(() => page.locator('li.robot').count()).toBe(1);
    } finally {
      await phone.context().close();
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const desktop = await context.newPage();
    try {
      await loginWithSessionCookie(desktop, server.url, 'zhanzhang');
      await desktop.goto(`${server.url}/compounds/${dsct}/notifications`);
      await desktop.locator('yishi-compound-robots-page li.robot').first().waitFor();
      await desktop.screenshot({ path: `${SHOTS}/notifications-robots-desktop.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });
});

describe("who was notified, on the vote's management page", () => {
  test('the station chief sees how many owners the opening reached and why the others were not (yet)', async () => {
    const event = await server.deps.db
      .selectFrom('notification_events')
      .select(['id', 'recipient_count'])
      .where('kind', '=', 'vote_opened')
      .where('subject_id', '=', openVoteId)
      .executeTakeFirstOrThrow();
    const phone = await newPhonePage(browser);
    try {
      await loginWithSessionCookie(phone, server.url, 'zhanzhang');
      await phone.goto(`${server.url}/votes/${openVoteId}/manage`);
      const summary = phone.locator('yishi-delivery-summary');
      await expect.poll(() => visibleText(summary)).toContain('人已收到“表决开始”');
      const text = await visibleText(summary);
      expect(text).toContain('通知送达情况');
      expect(text).toMatch(new RegExp(`${event.recipient_count.toLocaleString('en')} 人中 \\d+ 人已收到“表决开始”`));
      // No worker runs in this test: the owners' text messages are still owed, and said so.
      expect(text).toContain('正在发送');
      // Nothing to send again while it is still being sent.
      expect(await summary.getByRole('button', { name: '给未收到的人重发' }).count()).toBe(0);
      await expectNoSeriousA11yViolations(phone);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await summary.screenshot({ path: `${SHOTS}/notifications-delivery-phone.png` });
    } finally {
      await phone.context().close();
    }
  });
});

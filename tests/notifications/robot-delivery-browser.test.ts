/**
 * A group robot's message that does not get through, on the robots page in Chromium: while it is
 * retried the robot says why the last try failed and when the next one is (it had said only
 * "发送中"); once failed for good, why, in words, not a code. The robot is a local HTTPS server
 * speaking the WeCom webhook's protocol, answering 502 and then refusing the key.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { notificationEndpoints } from '@yishi/core';
import { loadConfig } from '../../packages/server/src/config.js';
import { RobotSender } from '../../packages/server/src/notify/robot-sender.js';
import { runNotificationBatch } from '../../packages/server/src/services/notification-worker.js';
import { startTestRobotServer, type TestRobotServer } from '../../packages/server/src/testing/robot-test-server.js';
import { launchBrowser, loginWithSessionCookie, newPhonePage, visibleText } from '../support/browser.js';
import { ApiClient } from '../support/child-server.js';
import { compoundIdByCode, startTestServer, type TestServer } from '../support/server.js';

const SHOTS = process.env.YISHI_ARTIFACTS ?? join(tmpdir(), 'yishi-artifacts');
let robots: TestRobotServer;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  robots = await startTestRobotServer();
  server = await startTestServer({ config: { notifications: { ...loadConfig({}).notifications, worker: false, robotHosts: robots.hosts } } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await robots?.close();
});

test('a robot whose message is being retried says why and when; one that failed says why in words', async () => {
  const dsct = await compoundIdByCode(server.deps, 'DSCT');
  const chief = await new ApiClient(server.url).login('zhanzhang');
  const robot = await chief.ok(notificationEndpoints.addRobot, {
    params: { compoundId: dsct },
    body: { kind: 'wecom', name: '社区工作群', url: robots.wecomUrl('key-0001'), events: ['vote_opened'] },
  });
  const channels = { sms: server.deps.sms, mail: null, robots: new RobotSender({ allowedHosts: robots.hosts, agent: robots.agent }) };

  const phone = await newPhonePage(browser);
  try {
    await loginWithSessionCookie(phone, server.url, 'zhanzhang');
    await phone.goto(`${server.url}/compounds/${dsct}/notifications`);
    const card = phone.locator('yishi-compound-robots-page li.robot').first();
    await card.waitFor();

    // The test message meets a 502: one try, the next one later.
    robots.answerNext({ status: 502 });
    await card.getByRole('button', { name: '发送测试消息' }).click();
    await expect.poll(() => server.deps.db.selectFrom('notification_deliveries').select('id').where('robot_id', '=', robot.id).execute()).toHaveLength(1);
    expect(await runNotificationBatch(server.deps, channels)).toBe(1);
    await phone.reload();
    await card.waitFor();
    const retrying = await visibleText(card.locator('p.last'));
    expect(retrying).toMatch(/最近一次：发送中，.*第 1 次没有发出去（对方服务出错，HTTP 502），.+自动再试/);
    await phone.screenshot({ path: `${SHOTS}/notifications-robot-retrying-phone.png`, fullPage: true });

    // The key refused (the robot was removed from the group): failed for good, and why.
    robots.answerNext({ errcode: 93000 });
    await server.deps.db
      .updateTable('notification_deliveries')
      .set({ next_attempt_at: new Date(0).toISOString() })
      .where('robot_id', '=', robot.id)
      .execute();
    expect(await runNotificationBatch(server.deps, channels)).toBe(1);
    await phone.reload();
    await card.waitFor();
    const failed = await visibleText(card.locator('p.last'));
    expect(failed).toMatch(/最近一次：失败，.*（服务商拒绝发送：机器人地址已失效，可能已被移出群，请重新复制地址（93000））/);
    expect(failed).not.toMatch(/provider_refused|errcode/);
  } finally {
    await phone.context().close();
  }
});

/**
 * The notification tests' set-up: a real SMTP server and the local WeCom / DingTalk stand-in for the
 * file, and for each test a demo app whose notifications go to them, its clock at a Beijing daytime
 * the test may move (`f.now`), and the channels the worker sends through.
 */
import { beijingClock, beijingInstant } from '@yishi/core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { loadConfig } from '../config.js';
import { SmtpMailSender } from '../notify/mail-sender.js';
import { RobotSender } from '../notify/robot-sender.js';
import type { NotificationChannels } from '../notify/channels.js';
import { writeOwedNotices } from '../services/notification-worker.js';
import { enqueueNotifications } from '../services/notifications.service.js';
import { startTestRobotServer, type TestRobotServer } from './robot-test-server.js';
import { startTestSmtpServer, type TestSmtpServer } from './smtp-test-server.js';
import { createTestApp, type TestApp } from './test-app.js';

/** 10:00 Beijing time today: outside quiet hours. */
export const DAYTIME = beijingInstant(beijingClock(new Date()).date, 10 * 60);

export interface NotificationFixture {
  smtp: TestSmtpServer;
  robots: TestRobotServer;
  t: TestApp;
  dsct: string;
  /** The app's clock: set it to move time. */
  now: Date;
  channels: NotificationChannels;
  mail: SmtpMailSender;
}

/** Registers the hooks; the fields are set once the hooks have run (inside a test). */
export function useNotificationFixture(): NotificationFixture {
  const f = {} as NotificationFixture;
  beforeAll(async () => {
    f.smtp = await startTestSmtpServer();
    f.robots = await startTestRobotServer();
  });
  afterAll(async () => {
    await f.smtp.close();
    await f.robots.close();
  });
  beforeEach(async () => {
    f.smtp.received.length = 0;
    f.robots.received.length = 0;
    f.t = await createTestApp({
      config: {
        notifications: {
          ...loadConfig({}).notifications,
          mail: { url: f.smtp.url, from: '议事平台 <yishi@test.example>' },
          robotHosts: f.robots.hosts,
          maxAttempts: 3,
        },
        publicUrl: 'https://yishi.test.example',
      },
    });
    f.now = DAYTIME;
    f.t.deps.clock = () => f.now;
    f.dsct = await f.t.compoundId('DSCT');
    f.mail = new SmtpMailSender(f.t.deps.config.notifications.mail!);
    f.channels = { sms: f.t.deps.sms, mail: f.mail, robots: new RobotSender({ allowedHosts: f.robots.hosts, agent: f.robots.agent }) };
  });
  afterEach(async () => {
    f.mail.close();
    await f.t.close();
  });
  return f;
}

/** The demo compound's open vote. */
export async function openVoteId(f: NotificationFixture): Promise<string> {
  const row = await f.t.deps.db.selectFrom('votes').select('id').where('compound_id', '=', f.dsct).where('status', '=', 'open').executeTakeFirstOrThrow();
  return row.id;
}

/** An event enqueued in a transaction of its own; a vote roll's notices then written as the worker writes them after the commit. */
export async function enqueue(f: NotificationFixture, event: Parameters<typeof enqueueNotifications>[2]) {
  const result = await f.t.deps.db.transaction().execute((trx) => enqueueNotifications(trx, f.t.deps, event));
  return result.owed ? { ...result, recipients: await writeOwedNotices(f.t.deps) } : result;
}

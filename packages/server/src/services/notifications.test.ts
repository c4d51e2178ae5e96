/**
 * Notifications end to end inside the server, against real protocol peers: a real SMTP server
 * (smtp-server) receives the mail, a local HTTPS server stands in for the WeCom and DingTalk webhooks
 * and checks the payload and DingTalk's signature, text messages go through the log sender (and a
 * refusing sender). Time is a fixed Beijing daytime unless a test moves it.
 */
import { beijingClock, beijingInstant, notificationEndpoints } from '@yishi/core';
import type { KyselyPlugin } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { SmtpMailSender } from '../notify/mail-sender.js';
import type { NotificationChannels } from '../notify/channels.js';
import { SmsSendError, type SmsSender } from '../sms/sms-sender.js';
import type { TestRobotServer } from '../testing/robot-test-server.js';
import type { TestSmtpServer } from '../testing/smtp-test-server.js';
import { ownersOnRoll } from '../testing/roll-owners.js';
import { DAYTIME, enqueue, openVoteId, useNotificationFixture } from '../testing/notification-fixture.js';
import type { TestApp } from '../testing/test-app.js';
import { deliveryReport } from './notification-delivery.service.js';
import { drainNotifications, runNotificationBatch, writeOwedDeliveries, writeOwedNotices } from './notification-worker.js';
import { enqueueNotifications } from './notifications.service.js';

const f = useNotificationFixture();
let t: TestApp;
let dsct: string;
let smtp: TestSmtpServer;
let robots: TestRobotServer;
let channels: NotificationChannels;
beforeEach(() => {
  ({ t, dsct, smtp, robots, channels } = f);
});

async function userId(username: string): Promise<string> {
  return (await t.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

function deliveries(eventId: string) {
  return t.deps.db.selectFrom('notification_deliveries').selectAll().where('event_id', '=', eventId).execute();
}

describe('a vote opening owes its notices in its transaction (one fan-out row), written after it in a few statements', () => {
  it('writes one notice per owner and an SMS for each phone, batched; a rolled-back transaction leaves nothing', async () => {
    const voteId = await openVoteId(f);
    const owners = await ownersOnRoll(t.deps.db, voteId);
    let statements = 0;
    // Counted as they come back (a subquery is built through the same plugin, but is no statement of its own).
    const counter: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        statements++;
        return args.result;
      },
    };
    const result = await t.deps.db
      .withPlugin(counter)
      .transaction()
      .execute((trx) => enqueueNotifications(trx, t.deps, { kind: 'vote_opened', voteId }));
    // The event's transaction writes no notice: one fan-out row owes them all.
    expect(result).toMatchObject({ recipients: 0, deliveries: 0, owed: true });
    expect(await t.deps.db.selectFrom('notifications').select('id').where('event_id', '=', result.eventId!).execute()).toHaveLength(0);
    expect(owners.length).toBeGreaterThan(50);
    // Constant, whatever the number of owners: the vote, its compound, the event, the fan-out row (and the robots).
    expect(statements).toBeLessThanOrEqual(5);
    // The worker writes the notices after the commit, in one step of its own: a few statements, whatever the number of owners.
    statements = 0;
    expect(await writeOwedNotices({ db: t.deps.db.withPlugin(counter) })).toBe(owners.length);
    expect(statements).toBeLessThanOrEqual(7);
    expect(await writeOwedNotices(t.deps)).toBe(0);
    expect(
      (await t.deps.db.selectFrom('notification_events').select('recipient_count').where('id', '=', result.eventId!).executeTakeFirstOrThrow()).recipient_count,
    ).toBe(owners.length);
    // Their SMS rows are owed, and written by the worker in one step of its own (a few statements too).
    expect(await deliveries(result.eventId!)).toHaveLength(0);
    // Meanwhile staff read everyone as being sent to, and there is nothing to resend yet.
    const chief = await t.login('zhanzhang');
    const report = await t.ok(notificationEndpoints.deliveries, {
      cookie: chief,
      params: { compoundId: dsct },
      query: { subjectKind: 'vote', subjectId: voteId },
    });
    const owed = report.events.find((e) => e.eventId === result.eventId)!;
    expect(owed.notReached).toEqual([{ reason: 'pending', label: '正在发送', count: owners.length }]);
    expect(await t.ok(notificationEndpoints.resend, { cookie: chief, params: { compoundId: dsct, eventId: result.eventId! } })).toEqual({ requeued: 0 });
    statements = 0;
    expect(await writeOwedDeliveries({ db: t.deps.db.withPlugin(counter) })).toBe(owners.length);
    expect(statements).toBeLessThanOrEqual(6);
    expect(await writeOwedDeliveries(t.deps)).toBe(0);
    const rows = await deliveries(result.eventId!);
    expect(rows.filter((d) => d.channel === 'sms')).toHaveLength(owners.length);

    // Inside a transaction that fails, nothing is left behind.
    await expect(
      t.deps.db.transaction().execute(async (trx) => {
        await enqueueNotifications(trx, t.deps, { kind: 'vote_opened', voteId });
        throw new Error('the opening failed');
      }),
    ).rejects.toThrow('the opening failed');
    const events = await t.deps.db.selectFrom('notification_events').select('id').where('kind', '=', 'vote_opened').execute();
    expect(events).toHaveLength(1);
    expect(await t.deps.db.selectFrom('notification_fanouts').select('event_id').execute()).toHaveLength(0);
  });
});

describe('channels against real peers', () => {
  it('delivers SMS through the sender, e-mail to the SMTP server with a stable Message-ID, and the in-app notice', async () => {
    const yezhu = await t.login('yezhu');
    await t.ok(notificationEndpoints.setEmail, { cookie: yezhu, body: { email: 'Wang.Jianguo@Example.com' } });
    const voteId = await openVoteId(f);
    const { eventId } = await enqueue(f, { kind: 'vote_opened', voteId });
    const sent = await drainNotifications(t.deps, channels);
    const rows = await deliveries(eventId!);
    expect(sent).toBe(rows.length);
    expect(rows.every((d) => d.status === 'sent')).toBe(true);

    expect(smtp.received).toHaveLength(1);
    const message = smtp.received[0]!;
    const emailRow = rows.find((d) => d.channel === 'email')!;
    expect(message.to).toEqual(['wang.jianguo@example.com']);
    expect(message.messageId).toBe(`<${emailRow.id}.${eventId}@yishi.test.example>`);
    expect(message.subject).toBe('表决开始：利用小区共有场地建设电动自行车充电棚');
    expect(message.raw).toMatch(/multipart\/alternative/);
    expect(message.raw).toMatch(/text\/html/);

    const sms = t.smsLog.filter((line) => line.includes('利用小区共有场地'));
    expect(sms.length).toBe(rows.filter((d) => d.channel === 'sms').length);
    expect(sms.find((line) => line.includes('13800000001'))).toMatch(
      /都市春天小区业主表决“利用小区共有场地建设电动自行车充电棚”已开始，\d+月\d+日 \d{2}:\d{2}截止。请登录议事平台投票：https:\/\/yishi\.test\.example\/votes\//,
    );

    const attempts = await t.deps.db.selectFrom('notification_attempts').selectAll().execute();
    expect(attempts).toHaveLength(rows.length);
    expect(attempts.every((a) => a.outcome === 'sent' && a.attempt === 1)).toBe(true);

    // The bell: in both languages, read one, read all.
    const list = await t.ok(notificationEndpoints.list, { cookie: yezhu, query: {} });
    expect(list.unread).toBe(1);
    expect(list.items[0]).toMatchObject({ kind: 'vote_opened', path: `/votes/${voteId}`, readAt: null });
    expect(list.items[0]!.title).toEqual({ 'zh-CN': '表决开始：利用小区共有场地建设电动自行车充电棚', en: 'Vote open: 利用小区共有场地建设电动自行车充电棚' });
    expect(list.items[0]!.body.en).toMatch(/is open until \d+ \w{3} \d{2}:\d{2} \(Beijing time\)/);
    const other = await t.login('yezhu2');
    expect((await t.api(notificationEndpoints.markRead, { cookie: other, params: { notificationId: list.items[0]!.id } })).status).toBe(404);
    expect(await t.ok(notificationEndpoints.markRead, { cookie: yezhu, params: { notificationId: list.items[0]!.id } })).toEqual({ marked: 1 });
    expect(await t.ok(notificationEndpoints.unread, { cookie: yezhu })).toEqual({ unread: 0 });
    await enqueue(f, { kind: 'vote_result', voteId });
    expect((await t.ok(notificationEndpoints.unread, { cookie: yezhu })).unread).toBe(1);
    expect(await t.ok(notificationEndpoints.markAllRead, { cookie: yezhu })).toEqual({ marked: 1 });
  });

  it('posts markdown to WeCom and a signed message to DingTalk; refuses a robot address that is not https, in words', async () => {
    const chief = await t.login('zhanzhang');
    const notHttps = await t.api(notificationEndpoints.addRobot, {
      cookie: chief,
      params: { compoundId: dsct },
      body: { kind: 'wecom', name: '物业群', url: `http://${robots.hosts[0]}/cgi-bin/webhook/send?key=abc`, events: ['vote_opened'] },
    });
    expect(notHttps.status).toBe(400);
    expect(notHttps.error!.code).toBe('robot_url_not_https');
    expect(notHttps.error!.message).toContain('https://');
    const otherHost = await t.api(notificationEndpoints.addRobot, {
      cookie: chief,
      params: { compoundId: dsct },
      body: { kind: 'wecom', name: '物业群', url: 'https://example.com/cgi-bin/webhook/send?key=abc', events: ['vote_opened'] },
    });
    expect(otherHost.error!.code).toBe('robot_url_host');
    const resident = await t.login('yezhu');
    expect((await t.api(notificationEndpoints.robots, { cookie: resident, params: { compoundId: dsct } })).status).toBe(403);

    const wecom = await t.ok(notificationEndpoints.addRobot, {
      cookie: chief,
      params: { compoundId: dsct },
      body: { kind: 'wecom', name: '社区工作群', url: robots.wecomUrl('wecom-key-0001'), events: ['vote_opened', 'staff_digest'] },
    });
    expect(wecom.url).not.toContain('wecom-key-0001');
    robots.secrets.set('ding-token-1', 'SECtest-secret-1');
    await t.ok(notificationEndpoints.addRobot, {
      cookie: chief,
      params: { compoundId: dsct },
      body: { kind: 'dingtalk', name: '街道钉钉群', url: robots.dingtalkUrl('ding-token-1'), secret: 'SECtest-secret-1', events: ['vote_opened'] },
    });
    // A robot whose secret does not match what DingTalk holds: refused, recorded, nothing else stops.
    robots.secrets.set('ding-token-2', 'SECthe-real-one');
    await t.ok(notificationEndpoints.addRobot, {
      cookie: chief,
      params: { compoundId: dsct },
      body: { kind: 'dingtalk', name: '旧钉钉群', url: robots.dingtalkUrl('ding-token-2'), secret: 'SECa-stale-one', events: ['vote_opened'] },
    });

    const voteId = await openVoteId(f);
    const { eventId } = await enqueue(f, { kind: 'vote_opened', voteId });
    await drainNotifications(t.deps, channels);
    expect(robots.received).toHaveLength(3);
    const [toWecom, toDing, toStale] = ['qyapi', 'ding-token-1', 'ding-token-2'].map((k) =>
      robots.received.find((r) => r.host.startsWith(k) || r.query.get('access_token') === k),
    );
    expect(toWecom!.refusal).toBeNull();
    expect((toWecom!.body as { markdown: { content: string } }).markdown.content).toMatch(/^### 表决开始：利用小区共有场地建设电动自行车充电棚\n/);
    expect(toDing!.refusal).toBeNull();
    expect(toDing!.query.get('sign')).toBeTruthy();
    expect((toDing!.body as { markdown: { title: string; text: string } }).markdown.text).toContain(`[查看详情](https://yishi.test.example/votes/${voteId})`);
    expect(toStale!.refusal).toBe('sign');
    const rows = await deliveries(eventId!);
    const robotRows = rows.filter((d) => d.robot_id);
    expect(robotRows.map((d) => d.status).sort()).toEqual(['failed', 'sent', 'sent']);
    expect(robotRows.find((d) => d.status === 'failed')!.reason).toBe('provider_refused');
    // Every SMS still went.
    expect(rows.filter((d) => d.channel === 'sms').every((d) => d.status === 'sent')).toBe(true);

    const listed = await t.ok(notificationEndpoints.robots, { cookie: chief, params: { compoundId: dsct } });
    expect(listed.robots.find((r) => r.name === '旧钉钉群')!.last).toMatchObject({ status: 'failed', reason: 'provider_refused', retryAt: null });
    expect(listed.robots.find((r) => r.name === '旧钉钉群')!.last!.problem).toBe('errcode 310000');
    expect(listed.robots.find((r) => r.name === '社区工作群')!.last).toMatchObject({ status: 'sent', attempts: 1, retryAt: null, problem: null });

    // A try that does not get through: the robot says why and when the next try is, until it is delivered.
    robots.answerNext({ status: 502 });
    f.now = new Date(f.now.getTime() + 60_000);
    expect(await t.ok(notificationEndpoints.testRobot, { cookie: chief, params: { compoundId: dsct, robotId: wecom.id } })).toEqual({ queued: true });
    expect(await runNotificationBatch(t.deps, channels)).toBe(1);
    const lastOfWecom = async () =>
      (await t.ok(notificationEndpoints.robots, { cookie: chief, params: { compoundId: dsct } })).robots.find((r) => r.id === wecom.id)!.last!;
    const retrying = await lastOfWecom();
    expect(retrying).toMatchObject({ status: 'pending', attempts: 1, problem: 'HTTP502', reason: null });
    expect(Date.parse(retrying.retryAt!)).toBeGreaterThan(f.now.getTime());
    f.now = new Date(f.now.getTime() + 5 * 60_000);
    await drainNotifications(t.deps, channels);
    expect(await lastOfWecom()).toMatchObject({ status: 'sent', attempts: 2, problem: null, retryAt: null });
    expect((robots.received.at(-1)!.body as { markdown: { content: string } }).markdown.content).toContain('社区工作群');
  });

  it('retries with back-off on 451 and a refused connection, gives up with a reason on 550 and after the last attempt', async () => {
    const yezhu = await t.login('yezhu');
    await t.ok(notificationEndpoints.setEmail, { cookie: yezhu, body: { email: 'yezhu@example.com' } });
    const voteId = await openVoteId(f);
    const { eventId } = await enqueue(f, { kind: 'vote_result', voteId });
    smtp.refuse(451);
    expect(await runNotificationBatch(t.deps, channels)).toBe(1);
    let [row] = await deliveries(eventId!);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(Date.parse(row!.next_attempt_at) - f.now.getTime()).toBeGreaterThanOrEqual(30_000);
    // Not due yet: nothing is sent.
    expect(await runNotificationBatch(t.deps, channels)).toBe(0);
    f.now = new Date(f.now.getTime() + 5 * 60_000);
    expect(await runNotificationBatch(t.deps, channels)).toBe(1);
    [row] = await deliveries(eventId!);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    const attempts = await t.deps.db.selectFrom('notification_attempts').selectAll().where('delivery_id', '=', row!.id).orderBy('attempt').execute();
    expect(attempts.map((a) => [a.attempt, a.outcome, a.error_code])).toEqual([
      [1, 'retry', 'SMTP451'],
      [2, 'sent', null],
    ]);

    const second = await enqueue(f, { kind: 'vote_result', voteId });
    smtp.refuse(550);
    await drainNotifications(t.deps, channels);
    expect((await deliveries(second.eventId!))[0]).toMatchObject({ status: 'failed', reason: 'provider_refused' });

    // The mail server is down: three attempts (maxAttempts), then unreachable.
    const third = await enqueue(f, { kind: 'vote_result', voteId });
    const down = { ...channels, mail: new SmtpMailSender({ url: 'smtp://127.0.0.1:1', from: 'x@test.example' }) };
    for (let i = 0; i < 3; i++) {
      await runNotificationBatch(t.deps, down);
      f.now = new Date(f.now.getTime() + 3 * 3600_000);
    }
    down.mail.close();
    expect((await deliveries(third.eventId!))[0]).toMatchObject({ status: 'failed', reason: 'unreachable', attempts: 3 });
  });

  it('records a person with no phone and a refusing SMS provider with their reasons; the report says who was not reached and resend queues them', async () => {
    const voteId = await openVoteId(f);
    const owner = await t.deps.db.selectFrom('persons').select('id').where('phone', '=', '13900000005').executeTakeFirstOrThrow();
    await t.deps.db.updateTable('persons').set({ phone: null }).where('id', '=', owner.id).execute();
    const { eventId, recipients } = await enqueue(f, { kind: 'vote_opened', voteId });
    let calls = 0;
    const refusing: SmsSender = {
      provider: 'test',
      send: async (message) => {
        calls++;
        if (message.phone === '13900000007') throw new SmsSendError('number is blacklisted', 'FailedOperation.PhoneNumberInBlacklist', false);
        return t.deps.sms.send(message);
      },
    };
    await drainNotifications(t.deps, { ...channels, sms: refusing });
    expect(calls).toBe(recipients - 1);
    const chief = await t.login('zhanzhang');
    const report = await t.ok(notificationEndpoints.deliveries, {
      cookie: chief,
      params: { compoundId: dsct },
      query: { subjectKind: 'vote', subjectId: voteId },
    });
    const event = report.events.find((e) => e.eventId === eventId)!;
    expect(event.recipients).toBe(recipients);
    expect(event.reached).toBe(recipients - 2);
    expect(event.notReached).toEqual([
      { reason: 'no_account', label: '未激活账号，也没有手机号', count: 1 },
      { reason: 'provider_refused', label: '服务商拒绝发送', count: 1 },
    ]);
    // Read two notices and two deliveries at a time, the report is the same.
    expect(await deliveryReport(t.deps, dsct, 'vote', voteId, 'zh-CN', 2)).toEqual(report);
    // The phone is on the roster again: resend reaches both.
    await t.deps.db.updateTable('persons').set({ phone: '13900000005' }).where('id', '=', owner.id).execute();
    expect(await t.ok(notificationEndpoints.resend, { cookie: chief, params: { compoundId: dsct, eventId: eventId! } })).toEqual({ requeued: 2 });
    await drainNotifications(t.deps, channels);
    const after = await t.ok(notificationEndpoints.deliveries, {
      cookie: chief,
      params: { compoundId: dsct },
      query: { subjectKind: 'vote', subjectId: voteId },
    });
    expect(after.events.find((e) => e.eventId === eventId)!.reached).toBe(recipients);
  });

  it('holds SMS and e-mail in quiet hours until 07:30 Beijing time, and caps SMS per person per day', async () => {
    const voteId = await openVoteId(f);
    f.now = beijingInstant(beijingClock(DAYTIME).date, 23 * 60);
    const { eventId } = await enqueue(f, { kind: 'vote_opened', voteId });
    expect(await runNotificationBatch(t.deps, channels)).toBe(0);
    const rows = await deliveries(eventId!);
    const morning = beijingInstant(beijingClock(new Date(f.now.getTime() + 86_400_000)).date, 7 * 60 + 30);
    expect(rows.every((d) => d.next_attempt_at === morning.toISOString())).toBe(true);
    f.now = new Date(morning.getTime() + 60_000);
    await drainNotifications(t.deps, channels);
    expect((await deliveries(eventId!)).every((d) => d.status === 'sent')).toBe(true);
    // Three a day (the default cap): the fourth is refused for the day, with its reason.
    for (let i = 0; i < 3; i++) await enqueue(f, { kind: 'vote_opened', voteId });
    await drainNotifications(t.deps, channels);
    const capped = await t.deps.db
      .selectFrom('notification_deliveries')
      .select(['status', 'reason'])
      .where('channel', '=', 'sms')
      .where('address', '=', '13800000001')
      .execute();
    expect(capped.filter((d) => d.status === 'sent')).toHaveLength(3);
    expect(capped.filter((d) => d.status === 'failed')).toEqual([{ status: 'failed', reason: 'daily_cap' }]);
  });

  it('honours preferences: SMS turned off is recorded as opted out', async () => {
    const yezhu = await t.login('yezhu');
    const settings = await t.ok(notificationEndpoints.saveSettings, { cookie: yezhu, body: { quietHours: true, kinds: { vote_opened: { sms: false } } } });
    expect(settings.kinds.find((k) => k.kind === 'vote_opened')!.channels).toEqual({ in_app: true, sms: false, email: true });
    expect(settings.emailAvailable).toBe(true);
    expect(settings.phone).toBe('138****0001');
    const bad = await t.api(notificationEndpoints.setEmail, { cookie: yezhu, body: { email: 'not an address' } });
    expect(bad.status).toBe(400);
    const { eventId } = await enqueue(f, { kind: 'vote_opened', voteId: await openVoteId(f) });
    const mine = await t.deps.db
      .selectFrom('notifications')
      .select(['skipped', 'in_app'])
      .where('event_id', '=', eventId!)
      .where('user_id', '=', await userId('yezhu'))
      .executeTakeFirstOrThrow();
    expect(mine).toEqual({ skipped: 'sms:opted_out email:no_email', in_app: 1 });
  });
});

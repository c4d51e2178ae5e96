/**
 * The outbox worker: claims due deliveries with a lease (notifications.repository claimDeliveries:
 * one UPDATE … RETURNING, FOR UPDATE SKIP LOCKED on PostgreSQL, so with several instances exactly one
 * claims each row), records the attempt, sends, and settles the row in the same step as the
 * provider's answer — sent, retried later with exponential back-off (quiet hours respected), or
 * failed with its reason. A row is only ever sent by the instance holding its lease; a row whose
 * holder died is taken over when the lease runs out (on SQLite, one process per file, at once at
 * start-up). What remains is the window between a provider accepting a message and our commit:
 * docs/operations.md ("Notifications") says how large it is and what a mail reader sees.
 */
import { randomInt } from 'node:crypto';
import {
  NOTIFICATION_SPECS,
  afterQuietHours,
  beijingClock,
  renderNotification,
  retryDelayMs,
  robotMarkdown,
  smsParamsOf,
  type DigestUnit,
  type NotificationKind,
  type NotificationParams,
} from '@yishi/core';
import { publicUrlOf } from '../config.js';
import { dialectOf } from '../db/dialect.js';
import * as repo from '../db/repositories/notifications.repository.js';
import type { CompoundRobotRow, NotificationDeliveryRow, NotificationEventRow } from '../db/tables/notifications.table.js';
import type { Deps } from '../deps.js';
import { INSTANCE_ID } from '../instance.js';
import { ChannelError } from '../notify/channel-error.js';
import type { NotificationChannels } from '../notify/channels.js';
import { SmsSendError, type SmsTemplate } from '../sms/sms-sender.js';
import { listenForFanouts, writeOwedVoteNotices } from './notifications.service.js';

export interface NotificationWorker {
  /** Looks for due deliveries now instead of at the next poll. */
  wake: () => void;
  stop: () => Promise<void>;
}

interface Outcome {
  status: 'sent' | 'retry' | 'failed';
  providerMessageId?: string;
  reason?: string;
  errorCode?: string;
  errorMessage?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The Message-ID of a delivery: the same on every attempt, so a message sent twice is recognisably one. */
export function messageIdOf(delivery: Pick<NotificationDeliveryRow, 'id' | 'event_id'>, publicUrl: string): string {
  const host = new URL(publicUrl).hostname || 'yishi.local';
  return `<${delivery.id}.${delivery.event_id}@${host}>`;
}

function emailOf(kind: NotificationKind, params: NotificationParams, locale: 'zh-CN' | 'en', base: string) {
  const words = renderNotification(kind, params, locale);
  const url = `${base}${words.path}`;
  const settings = `${base}/account/notifications`;
  const footer =
    locale === 'en'
      ? `You receive this from Yishi (议事). Choose which notices you get: ${settings}`
      : `本邮件由议事平台自动发送。设置接收哪些通知：${settings}`;
  const open = locale === 'en' ? 'Open' : '查看详情';
  return {
    subject: words.title,
    text: `${words.body}\n\n${open}: ${url}\n\n--\n${footer}\n`,
    html: `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;font-size:16px;line-height:1.6">
<h1 style="font-size:20px">${escapeHtml(words.title)}</h1>
<p>${escapeHtml(words.body)}</p>
<p><a href="${escapeHtml(url)}">${open}</a></p>
<hr><p style="color:#4b5563;font-size:14px">${escapeHtml(footer)}</p>
</body></html>`,
  };
}

/** Whether an error from a sender may pass on a later try, and its code. */
function classify(error: unknown): { retryable: boolean; code: string; message: string } {
  if (error instanceof ChannelError || error instanceof SmsSendError) return { retryable: error.retryable, code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { retryable: true, code: 'Error', message };
}

async function sendOne(
  deps: Deps,
  channels: NotificationChannels,
  delivery: NotificationDeliveryRow,
  event: NotificationEventRow | undefined,
  robot: CompoundRobotRow | undefined,
): Promise<Outcome> {
  if (!event) return { status: 'failed', reason: 'unreachable', errorCode: 'EventMissing' };
  const params = JSON.parse(event.params_json) as NotificationParams;
  const base = publicUrlOf(deps.config);
  const locale = delivery.locale === 'en' ? 'en' : 'zh-CN';
  switch (delivery.channel) {
    case 'sms': {
      const template = NOTIFICATION_SPECS[event.kind].sms;
      const smsParams = smsParamsOf(event.kind, params, `${base}${renderNotification(event.kind, params, 'zh-CN').path}`);
      if (!template || !smsParams || !delivery.address) return { status: 'failed', reason: 'provider_refused', errorCode: 'NoTemplate' };
      const personKey = delivery.person_id ?? delivery.address;
      const day = beijingClock(deps.clock()).date;
      if (!(await repo.takeSmsAllowance(deps.db, personKey, day, deps.config.notifications.smsDailyCap))) {
        return {
          status: 'failed',
          reason: 'daily_cap',
          errorCode: 'DailyCap',
          errorMessage: `more than ${deps.config.notifications.smsDailyCap} text messages today`,
        };
      }
      try {
        const sent = await channels.sms.send({ phone: delivery.address, template: template as SmsTemplate, params: smsParams });
        return { status: 'sent', providerMessageId: sent.providerMessageId };
      } catch (error) {
        await repo.returnSmsAllowance(deps.db, personKey, day);
        throw error;
      }
    }
    case 'email': {
      if (!channels.mail) return { status: 'failed', reason: 'email_off', errorCode: 'NoSmtp' };
      if (!delivery.address) return { status: 'failed', reason: 'no_email', errorCode: 'NoAddress' };
      const mail = emailOf(event.kind, params, locale, base);
      const sent = await channels.mail.send({ to: delivery.address, ...mail, messageId: messageIdOf(delivery, base) });
      return { status: 'sent', providerMessageId: sent.providerMessageId };
    }
    case 'wecom':
    case 'dingtalk': {
      if (!robot) return { status: 'failed', reason: 'robot_removed', errorCode: 'RobotRemoved' };
      if (robot.enabled !== 1 && event.kind !== 'robot_test') return { status: 'failed', reason: 'robot_disabled', errorCode: 'RobotDisabled' };
      const digest = params.digest ? (JSON.parse(params.digest) as DigestUnit[]) : undefined;
      const { path } = renderNotification(event.kind, params, 'zh-CN');
      const message = robotMarkdown(event.kind, params, `${base}${path}`, digest);
      const sent = await channels.robots.send({ kind: robot.kind, url: robot.url, secret: robot.secret }, message);
      return { status: 'sent', providerMessageId: sent.providerMessageId };
    }
  }
}

/**
 * One round: claim a batch of due deliveries for `owner`, send them (a few at a time), settle each.
 * Answers how many it claimed; tests call it directly, the worker loop calls it until a batch comes
 * back short.
 */
/**
 * Writes the notices that vote events' fan-out rows owe (notifications.service.ts writeOwedVoteNotices):
 * each event's in one transaction with its row locked (SKIP LOCKED on PostgreSQL: one instance writes
 * them), so they are written once, also after a crash between the vote's commit and now. Answers how
 * many notices it wrote.
 */
export async function writeOwedNotices(deps: Pick<Deps, 'db'>): Promise<number> {
  let written = 0;
  for (;;) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const [fanout] = await repo.claimFanouts(trx, 1, 'notices');
      if (!fanout) return null;
      return writeOwedVoteNotices(trx, { ...fanout, notices_json: fanout.notices_json! });
    });
    if (done === null) return written;
    written += done;
  }
}

/**
 * Writes the SMS and e-mail rows that events' set-based notices owe (a vote's roll): each event's in
 * one transaction with the removal of its fan-out row, so they are written once, by one instance
 * (SKIP LOCKED on PostgreSQL), also after a crash. Answers how many rows it wrote.
 */
export async function writeOwedDeliveries(deps: Pick<Deps, 'db'>): Promise<number> {
  let written = 0;
  for (;;) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const [fanout] = await repo.claimFanouts(trx, 1);
      if (!fanout) return null;
      return repo.writeOwedDeliveries(trx, fanout);
    });
    if (done === null) return written;
    written += done;
  }
}

/** Everything the fan-outs owe: the notices, then their SMS and e-mail rows. Answers how many rows it wrote. */
export async function writeFanouts(deps: Pick<Deps, 'db'>): Promise<number> {
  return (await writeOwedNotices(deps)) + (await writeOwedDeliveries(deps));
}

export async function runNotificationBatch(deps: Deps, channels: NotificationChannels, owner = INSTANCE_ID, limit?: number): Promise<number> {
  await writeFanouts(deps);
  const settings = deps.config.notifications;
  const batch = limit ?? settings.concurrency * 4;
  const now = deps.clock();
  const claimed = await deps.db.transaction().execute(async (trx) => {
    const rows = await repo.claimDeliveries(trx, {
      owner,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + settings.leaseMs).toISOString(),
      limit: batch,
    });
    await repo.insertAttempts(
      trx,
      rows.map((r) => ({ id: `${r.id}-${r.attempts}`, delivery_id: r.id, attempt: r.attempts, instance_id: owner, started_at: now.toISOString() })),
    );
    return rows;
  });
  if (claimed.length === 0) return 0;
  const events = new Map((await repo.eventsByIds(deps.db, [...new Set(claimed.map((d) => d.event_id))])).map((e) => [e.id, e]));
  const robots = new Map((await repo.robotsByIds(deps.db, [...new Set(claimed.flatMap((d) => (d.robot_id ? [d.robot_id] : [])))])).map((r) => [r.id, r]));

  let next = 0;
  const lane = async () => {
    while (next < claimed.length) {
      const delivery = claimed[next++]!;
      let outcome: Outcome;
      try {
        outcome = await sendOne(deps, channels, delivery, events.get(delivery.event_id), delivery.robot_id ? robots.get(delivery.robot_id) : undefined);
      } catch (error) {
        const { retryable, code, message } = classify(error);
        const last = delivery.attempts >= settings.maxAttempts;
        outcome =
          retryable && !last
            ? { status: 'retry', errorCode: code, errorMessage: message }
            : { status: 'failed', reason: retryable ? 'unreachable' : 'provider_refused', errorCode: code, errorMessage: message };
      }
      await settle(deps, owner, delivery, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, claimed.length) }, lane));
  return claimed.length;
}

/** Records the outcome the moment it is known: the row and its attempt in one transaction. */
async function settle(deps: Deps, owner: string, delivery: NotificationDeliveryRow, outcome: Outcome): Promise<void> {
  const at = deps.clock();
  const iso = at.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (outcome.status === 'sent') {
      await repo.settleDelivery(trx, { id: delivery.id, owner, status: 'sent', providerMessageId: outcome.providerMessageId ?? null, sentAt: iso });
    } else if (outcome.status === 'retry') {
      let nextAt = new Date(at.getTime() + retryDelayMs(delivery.attempts, randomInt(1000) / 1000));
      if (delivery.channel === 'sms' || delivery.channel === 'email') nextAt = afterQuietHours(nextAt);
      await repo.settleDelivery(trx, { id: delivery.id, owner, status: 'pending', nextAttemptAt: nextAt.toISOString() });
    } else {
      await repo.settleDelivery(trx, { id: delivery.id, owner, status: 'failed', reason: outcome.reason ?? 'provider_refused' });
    }
    await repo.finishAttempt(trx, {
      deliveryId: delivery.id,
      attempt: delivery.attempts,
      outcome: outcome.status,
      at: iso,
      errorCode: outcome.errorCode ?? null,
      errorMessage: outcome.errorMessage ?? null,
    });
  });
}

/** Sends until nothing is due (tests and the benchmark; the server uses the worker loop). */
export async function drainNotifications(deps: Deps, channels: NotificationChannels, owner = INSTANCE_ID): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await runNotificationBatch(deps, channels, owner);
    total += n;
    if (n === 0) return total;
  }
}

export function startNotificationWorker(deps: Deps, channels: NotificationChannels, owner = INSTANCE_ID): NotificationWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let again = false;
  const settings = deps.config.notifications;

  const round = async () => {
    do {
      again = false;
      try {
        // A full batch means more may be waiting: go on at once.
        while (!stopped && (await runNotificationBatch(deps, channels, owner)) >= settings.concurrency * 4);
      } catch (error) {
        console.error('[yishi] notification worker', error);
      }
    } while (again && !stopped);
  };
  const tick = () => {
    if (stopped) return;
    timer = null;
    running = running.then(round).finally(() => {
      if (!stopped && !timer) timer = setTimeout(tick, settings.pollMs).unref();
    });
  };
  // SQLite is one process per database file: a lease not ours belongs to a process that is gone.
  const start = dialectOf(deps.db) === 'sqlite' ? repo.releaseDeadLeases(deps.db, owner, deps.clock().toISOString()) : Promise.resolve(0);
  running = start.then(
    () => undefined,
    (error: unknown) => console.error('[yishi] notification worker', error),
  );
  tick();
  const wake = () => {
    if (stopped) return;
    if (timer) {
      clearTimeout(timer);
      tick();
    } else again = true;
  };
  // A vote's notices owed by a commit of this process are written at once, not at the next poll.
  const unlisten = listenForFanouts(wake);
  return {
    wake,
    stop: async () => {
      stopped = true;
      unlisten();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

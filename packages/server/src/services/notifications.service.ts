/**
 * Notifications enter here: a feature service calls `enqueueNotifications(trx, deps, event)` inside
 * its own transaction, so the notices exist exactly when the thing they tell of does (a rolled-back
 * vote opening leaves no notice behind). The event's recipients are resolved with a few set-based
 * reads (notification-recipients.ts), leaving out whoever caused it; each person gets a notice row (in-app, and the record of which channels were not
 * used and why) and one outbox row per SMS or e-mail to send; the compound's group robots get theirs.
 * Inserts are chunked: a vote for 10,000 owners is a handful of statements. The outbox worker
 * (notification-worker.ts) sends.
 *
 * Also here: my notification centre (list, unread count, mark read) and my preferences.
 */
import {
  DomainError,
  NOTIFICATION_SPECS,
  PERSONAL_KINDS,
  afterQuietHours,
  renderNotification,
  type NotificationKind,
  type NotificationParams,
  type NotificationSettingsInput,
  type PageRequest,
  type PersonalChannel,
} from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { newId } from '../db/ids.js';
import * as repo from '../db/repositories/notifications.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import type { NewNotification, NewNotificationDelivery } from '../db/tables/notifications.table.js';
import type { Deps } from '../deps.js';
import { resolveEvent, type NotificationEvent } from './notification-recipients.js';

export type { NotificationEvent } from './notification-recipients.js';

export type NotifyDeps = Pick<Deps, 'config' | 'clock'>;

/** The channels a person gets for a kind: the kind's defaults with their own changes. */
export function channelsFor(kind: NotificationKind, channelsJson: string | null): Record<PersonalChannel, boolean> {
  const spec = NOTIFICATION_SPECS[kind];
  const mine = channelsJson ? ((JSON.parse(channelsJson) as Record<string, Partial<Record<PersonalChannel, boolean>>>)[kind] ?? {}) : {};
  return {
    in_app: mine.in_app ?? spec.defaults.in_app,
    sms: spec.sms !== null && (mine.sms ?? spec.defaults.sms),
    email: mine.email ?? spec.defaults.email,
  };
}

export interface EnqueueResult {
  /** Null when the event's key existed already (the scheduler's occurrence was created before) or its subject is gone. */
  eventId: string | null;
  recipients: number;
  /** Outbox rows written now; a vote roll's SMS and e-mail rows follow from the worker (repo.writeOwedDeliveries). */
  deliveries: number;
}

/** Plans one person's notice and deliveries. */
function planFor(
  kind: NotificationKind,
  eventId: string,
  r: repo.RecipientRow,
  ctx: { now: Date; nowIso: string; mailOn: boolean },
): { notification: NewNotification; deliveries: NewNotificationDelivery[] } | null {
  const spec = NOTIFICATION_SPECS[kind];
  const hasAccount = r.userId !== null;
  // Without an account only a text message can reach a person; for kinds with none, nobody is there.
  if (!hasAccount && !spec.sms) return null;
  const wants = channelsFor(kind, r.channelsJson);
  const notificationId = newId();
  const skipped: string[] = [];
  const deliveries: NewNotificationDelivery[] = [];
  const held = r.quietHours === 0 ? ctx.nowIso : afterQuietHours(ctx.now).toISOString();
  const locale = r.locale === 'en' ? 'en' : 'zh-CN';
  const base = {
    event_id: eventId,
    notification_id: notificationId,
    person_id: r.personId,
    locale,
    status: 'pending' as const,
    next_attempt_at: held,
    created_at: ctx.nowIso,
  };
  if (!hasAccount) skipped.push('in_app:no_account');
  else if (!wants.in_app) skipped.push('in_app:opted_out');
  if (spec.sms) {
    const phone = r.personPhone ?? r.userPhone;
    if (!wants.sms) skipped.push('sms:opted_out');
    else if (!phone) skipped.push('sms:no_phone');
    else deliveries.push({ ...base, id: newId(), channel: 'sms', address: phone });
  }
  if (hasAccount) {
    if (!wants.email) {
      if (r.email) skipped.push('email:opted_out');
    } else if (!r.email) skipped.push('email:no_email');
    else if (!ctx.mailOn) skipped.push('email:email_off');
    else deliveries.push({ ...base, id: newId(), channel: 'email', address: r.email });
  }
  return {
    notification: {
      id: notificationId,
      event_id: eventId,
      kind,
      person_id: r.personId,
      user_id: r.userId,
      in_app: hasAccount && wants.in_app ? 1 : 0,
      skipped: skipped.join(' '),
      read_at: null,
      created_at: ctx.nowIso,
    },
    deliveries,
  };
}

/**
 * How people with default settings are noticed, by what they have — the same planFor, asked once for
 * each of the eight cases — for the set-based insert of a vote's roll.
 */
function bulkPlan(kind: NotificationKind, eventId: string, ctx: { now: Date; nowIso: string; mailOn: boolean }): repo.BulkNoticePlan {
  const variants: repo.BulkNoticeVariant[] = [];
  let sms = false;
  let email = false;
  for (const account of [true, false])
    for (const phone of [true, false])
      for (const hasEmail of [true, false]) {
        const plan = planFor(
          kind,
          eventId,
          {
            personId: 'p',
            userId: account ? 'u' : null,
            personPhone: phone ? '1' : null,
            userPhone: null,
            email: hasEmail ? 'e' : null,
            locale: null,
            quietHours: null,
            channelsJson: null,
          },
          ctx,
        );
        variants.push({
          account,
          phone,
          email: hasEmail,
          listed: plan !== null,
          inApp: plan?.notification.in_app === 1,
          skipped: plan?.notification.skipped ?? '',
        });
        sms ||= plan?.deliveries.some((d) => d.channel === 'sms') ?? false;
        email ||= plan?.deliveries.some((d) => d.channel === 'email') ?? false;
      }
  return { eventId, kind, nowIso: ctx.nowIso, heldAt: afterQuietHours(ctx.now).toISOString(), variants, sms, email };
}

/**
 * Records an event and everything it sends, inside the caller's transaction. Call it from the
 * feature's service right where the thing happens (a vote opens, an item is signed off …).
 */
export async function enqueueNotifications(trx: Db, deps: NotifyDeps, event: NotificationEvent): Promise<EnqueueResult> {
  if (!deps.config.notifications.enabled) return { eventId: null, recipients: 0, deliveries: 0 };
  if (event.dedupeKey && (await repo.eventKeyExists(trx, event.dedupeKey))) return { eventId: null, recipients: 0, deliveries: 0 };
  const resolved = await resolveEvent(trx, event);
  if (!resolved) return { eventId: null, recipients: 0, deliveries: 0 };
  const now = deps.clock();
  const nowIso = now.toISOString();
  const eventId = newId();
  const inserted = await repo.insertEvent(trx, {
    id: eventId,
    kind: event.kind,
    compound_id: resolved.compoundId,
    subject_kind: resolved.subjectKind,
    subject_id: resolved.subjectId,
    dedupe_key: event.dedupeKey ?? null,
    params_json: JSON.stringify(resolved.params),
    caused_by_user_id: event.causedByUserId ?? null,
    created_at: nowIso,
  });
  if (!inserted) return { eventId: null, recipients: 0, deliveries: 0 };

  const spec = NOTIFICATION_SPECS[event.kind];
  const notifications: NewNotification[] = [];
  const deliveries: NewNotificationDelivery[] = [];
  let bulk = { notices: 0 };
  if (spec.personal) {
    // Whoever did the thing is not told of it, unless the notice is their receipt.
    const cause = spec.receipt ? null : (event.causedByUserId ?? null);
    const seen = new Set<string>();
    const ctx = { now, nowIso, mailOn: deps.config.notifications.mail !== null };
    if (resolved.voteRoll) {
      const { voteId, ...roll } = resolved.voteRoll;
      bulk = await repo.insertVoteNoticesBulk(trx, voteId, { ...roll, exceptUserId: cause }, bulkPlan(event.kind, eventId, ctx));
    }
    for (const r of resolved.recipients) {
      const key = r.personId ?? `u:${r.userId}`;
      if (seen.has(key) || (cause !== null && r.userId === cause)) continue;
      seen.add(key);
      const plan = planFor(event.kind, eventId, r, ctx);
      if (!plan) continue;
      notifications.push(plan.notification);
      deliveries.push(...plan.deliveries);
    }
  }
  // The compound's staff group robots that listen for this event (or the one robot being tested).
  if (resolved.compoundId && (spec.robot || resolved.robotIds)) {
    const robots = resolved.robotIds ? await repo.robotsByIds(trx, resolved.robotIds) : await repo.listRobots(trx, resolved.compoundId);
    for (const robot of robots) {
      const listens = resolved.robotIds !== undefined || (robot.enabled === 1 && (JSON.parse(robot.events_json) as string[]).includes(event.kind));
      if (!listens) continue;
      deliveries.push({
        id: newId(),
        event_id: eventId,
        notification_id: null,
        person_id: null,
        channel: robot.kind,
        robot_id: robot.id,
        address: null,
        locale: 'zh-CN',
        status: 'pending',
        next_attempt_at: nowIso,
        created_at: nowIso,
      });
    }
  }
  await repo.insertNotifications(trx, notifications);
  await repo.insertDeliveries(trx, deliveries);
  const recipients = notifications.length + bulk.notices;
  if (recipients > 0) await repo.setRecipientCount(trx, eventId, recipients);
  return { eventId, recipients, deliveries: deliveries.length };
}

// ---- my notification centre --------------------------------------------------------------------

export async function listMyNotifications(deps: Deps, actor: Actor, page: PageRequest) {
  const { rows, next } = await repo.readMyNotificationsPage(deps.db, actor.userId, page);
  const items = rows.map((row) => {
    const params = JSON.parse(row.params_json) as NotificationParams;
    const zh = renderNotification(row.kind, params, 'zh-CN');
    const en = renderNotification(row.kind, params, 'en');
    return {
      id: row.id,
      kind: row.kind,
      title: { 'zh-CN': zh.title, en: en.title },
      body: { 'zh-CN': zh.body, en: en.body },
      path: zh.path,
      createdAt: row.created_at,
      readAt: row.read_at,
    };
  });
  return { unread: await repo.countUnread(deps.db, actor.userId), items, next };
}

export async function unreadCount(deps: Deps, actor: Actor) {
  return { unread: await repo.countUnread(deps.db, actor.userId) };
}

export async function markNotificationRead(deps: Deps, actor: Actor, notificationId: string) {
  if (!(await repo.findMyNotification(deps.db, actor.userId, notificationId))) throw new DomainError('notification_not_found');
  return { marked: await repo.markRead(deps.db, actor.userId, deps.clock().toISOString(), notificationId) };
}

export async function markAllNotificationsRead(deps: Deps, actor: Actor) {
  return { marked: await repo.markRead(deps.db, actor.userId, deps.clock().toISOString()) };
}

// ---- my preferences and e-mail -------------------------------------------------------------------

function maskedPhone(phone: string | null): string | null {
  return phone && phone.length >= 8 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : null;
}

export async function getNotificationSettings(deps: Deps, actor: Actor) {
  const settings = await repo.findSettings(deps.db, actor.userId);
  const contact = await repo.findUserContact(deps.db, actor.userId);
  return {
    email: contact?.email ?? null,
    emailAvailable: deps.config.notifications.mail !== null,
    smsAvailable: true,
    phone: maskedPhone(contact?.personPhone ?? contact?.userPhone ?? null),
    quietHours: settings ? settings.quiet_hours === 1 : true,
    kinds: PERSONAL_KINDS.map((kind) => {
      const spec = NOTIFICATION_SPECS[kind];
      return { kind, group: spec.group, label: spec.label, channels: channelsFor(kind, settings?.channels_json ?? null), smsPossible: spec.sms !== null };
    }),
  };
}

export async function saveNotificationSettings(deps: Deps, actor: Actor, input: NotificationSettingsInput) {
  const current = await repo.findSettings(deps.db, actor.userId);
  const stored = JSON.parse(current?.channels_json ?? '{}') as Record<string, Partial<Record<PersonalChannel, boolean>>>;
  for (const [kind, channels] of Object.entries(input.kinds) as Array<[NotificationKind, Partial<Record<PersonalChannel, boolean>>]>) {
    const spec = NOTIFICATION_SPECS[kind];
    if (!spec.personal) continue;
    const next = { ...stored[kind], ...channels };
    if (!spec.sms) delete next.sms;
    // Only what differs from the defaults is kept, so a better default later reaches everyone else.
    for (const channel of Object.keys(next) as PersonalChannel[]) if (next[channel] === spec.defaults[channel]) delete next[channel];
    if (Object.keys(next).length === 0) delete stored[kind];
    else stored[kind] = next;
  }
  await repo.saveSettings(deps.db, {
    user_id: actor.userId,
    quiet_hours: input.quietHours ? 1 : 0,
    channels_json: JSON.stringify(stored),
    updated_at: deps.clock().toISOString(),
  });
  return getNotificationSettings(deps, actor);
}

export async function getMyEmail(deps: Deps, actor: Actor) {
  return { email: (await repo.findUserContact(deps.db, actor.userId))?.email ?? null };
}

export async function setMyEmail(deps: Deps, actor: Actor, email: string | null) {
  const value = email?.trim() ? email.trim().toLowerCase() : null;
  await repo.setUserEmail(deps.db, actor.userId, value);
  return { email: value };
}

/**
 * Notifications enter here: a feature service calls `enqueueNotifications(trx, deps, event)` inside
 * its own transaction, so the notices exist exactly when the thing they tell of does (a rolled-back
 * vote opening leaves no notice behind). The event's recipients are resolved with a few set-based
 * reads (notification-recipients.ts), leaving out whoever caused it; each person gets a notice row (in-app, and the record of which channels were not
 * used and why) and one outbox row per SMS or e-mail to send; the compound's group robots get theirs.
 * A vote's roll (10,000 owners) is the exception: its transaction writes the event and one fan-out row
 * owing the notices, which the outbox worker writes right after the commit (writeOwedVoteNotices), so
 * opening or closing a vote does not wait for them and a crash in between loses none. The outbox
 * worker (notification-worker.ts) sends.
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
  /** A vote roll's notices are owed by a fan-out row, written by the worker after the commit (writeOwedVoteNotices). */
  owed: boolean;
}

/** Whose notices a vote's fan-out row owes (notification_fanouts.notices_json): planned as at the event, written after its commit. */
export interface VoteNoticesOwed {
  kind: NotificationKind;
  voteId: string;
  residents: boolean;
  notVoted: boolean;
  exceptUserId: string | null;
  /** The event's instant (quiet hours are counted from it) and whether e-mail was on then. */
  now: string;
  mailOn: boolean;
}

type PlanContext = { now: Date; nowIso: string; mailOn: boolean };

/** Plans one person's notice and deliveries. */
function planFor(
  kind: NotificationKind,
  eventId: string,
  r: repo.RecipientRow,
  ctx: PlanContext,
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
function bulkPlan(kind: NotificationKind, eventId: string, ctx: PlanContext): repo.BulkNoticePlan {
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

/** Each recipient's notice and deliveries, planned one by one: once a person, never whoever caused it. */
function planEach(kind: NotificationKind, eventId: string, recipients: readonly repo.RecipientRow[], cause: string | null, ctx: PlanContext) {
  const notifications: NewNotification[] = [];
  const deliveries: NewNotificationDelivery[] = [];
  const seen = new Set<string>();
  for (const r of recipients) {
    const key = r.personId ?? `u:${r.userId}`;
    if (seen.has(key) || (cause !== null && r.userId === cause)) continue;
    seen.add(key);
    const plan = planFor(kind, eventId, r, ctx);
    if (!plan) continue;
    notifications.push(plan.notification);
    deliveries.push(...plan.deliveries);
  }
  return { notifications, deliveries };
}

/**
 * Records an event and everything it sends, inside the caller's transaction. Call it from the
 * feature's service right where the thing happens (a vote opens, an item is signed off …). A vote's
 * roll gets one fan-out row instead of its notices: after the commit, call fanoutsOwed() so a worker
 * of this process writes them at once (otherwise the next poll does).
 */
export async function enqueueNotifications(trx: Db, deps: NotifyDeps, event: NotificationEvent): Promise<EnqueueResult> {
  const nothing = { eventId: null, recipients: 0, deliveries: 0, owed: false };
  if (!deps.config.notifications.enabled) return nothing;
  if (event.dedupeKey && (await repo.eventKeyExists(trx, event.dedupeKey))) return nothing;
  const resolved = await resolveEvent(trx, event);
  if (!resolved) return nothing;
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
  if (!inserted) return nothing;

  const spec = NOTIFICATION_SPECS[event.kind];
  let planned = { notifications: [] as NewNotification[], deliveries: [] as NewNotificationDelivery[] };
  let owed = false;
  if (spec.personal) {
    // Whoever did the thing is not told of it, unless the notice is their receipt.
    const cause = spec.receipt ? null : (event.causedByUserId ?? null);
    const ctx = { now, nowIso, mailOn: deps.config.notifications.mail !== null };
    if (resolved.voteRoll) {
      const { voteId, residents, notVoted } = resolved.voteRoll;
      const notices: VoteNoticesOwed = { kind: event.kind, voteId, residents, notVoted, exceptUserId: cause, now: nowIso, mailOn: ctx.mailOn };
      const plan = bulkPlan(event.kind, eventId, ctx);
      await repo.insertFanout(trx, {
        event_id: eventId,
        sms: plan.sms ? 1 : 0,
        email: plan.email ? 1 : 0,
        held_at: plan.heldAt,
        created_at: nowIso,
        notices_json: JSON.stringify(notices),
      });
      owed = true;
    }
    planned = planEach(event.kind, eventId, resolved.recipients, cause, ctx);
  }
  const { notifications, deliveries } = planned;
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
  if (notifications.length > 0) await repo.setRecipientCount(trx, eventId, notifications.length);
  return { eventId, recipients: notifications.length, deliveries: deliveries.length, owed };
}

/**
 * Writes the notices a vote's fan-out row owes, in the caller's transaction (the worker's, with the
 * row locked): those with default settings set-based from the frozen roll (repo.insertVoteNoticesBulk),
 * those who changed theirs planned one by one with their SMS and e-mail rows, planned as at the event.
 * The row then owes only the SMS and e-mail rows of the set-based notices (repo.writeOwedDeliveries),
 * or is deleted when there are none. Answers how many notices it wrote.
 */
export async function writeOwedVoteNotices(trx: Db, fanout: { event_id: string; sms: number; email: number; notices_json: string }): Promise<number> {
  const owed = JSON.parse(fanout.notices_json) as VoteNoticesOwed;
  const ctx = { now: new Date(owed.now), nowIso: owed.now, mailOn: owed.mailOn };
  const roll = { residents: owed.residents, notVoted: owed.notVoted };
  const bulk = await repo.insertVoteNoticesBulk(trx, owed.voteId, { ...roll, exceptUserId: owed.exceptUserId }, bulkPlan(owed.kind, fanout.event_id, ctx));
  const { notifications, deliveries } = planEach(owed.kind, fanout.event_id, await repo.recipientsOfVote(trx, owed.voteId, roll), owed.exceptUserId, ctx);
  await repo.insertNotifications(trx, notifications);
  await repo.insertDeliveries(trx, deliveries);
  const recipients = bulk.notices + notifications.length;
  if (recipients > 0) await repo.setRecipientCount(trx, fanout.event_id, recipients);
  if (bulk.notices > 0 && (fanout.sms === 1 || fanout.email === 1)) await repo.noticesWritten(trx, fanout.event_id);
  else await repo.deleteFanout(trx, fanout.event_id);
  return recipients;
}

const fanoutListeners = new Set<() => void>();

/** The outbox workers of this process listen here (startNotificationWorker); answers how to stop listening. */
export function listenForFanouts(listener: () => void): () => void {
  fanoutListeners.add(listener);
  return () => fanoutListeners.delete(listener);
}

/** Tells this process's outbox workers that a committed transaction owes notices: they write them now, not at their next poll. */
export function fanoutsOwed(): void {
  for (const listener of fanoutListeners) listener();
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

/**
 * Notifications enter here: a feature service calls `enqueueNotifications(trx, deps, event)` inside
 * its own transaction, so the notices exist exactly when the thing they tell of does (a rolled-back
 * vote opening leaves no notice behind). The event's recipients are resolved here with a few
 * set-based reads; each person gets a notice row (in-app, and the record of which channels were not
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
  PROPOSAL_STATUS_LABELS,
  afterQuietHours,
  parseResponsibleUnit,
  renderNotification,
  responsibleUnitLabel,
  type DigestUnit,
  type NotificationKind,
  type NotificationParams,
  type NotificationSettingsInput,
  type PersonalChannel,
  type Role,
} from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { newId } from '../db/ids.js';
import * as repo from '../db/repositories/notifications.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import type { NewNotification, NewNotificationDelivery } from '../db/tables/notifications.table.js';
import type { Deps } from '../deps.js';

/** What happened, named by the feature that calls enqueueNotifications; recipients are found from it. */
export type NotificationEvent = (
  | { kind: 'vote_opened' | 'vote_closing' | 'vote_result'; voteId: string }
  | { kind: 'meeting_scheduled' | 'meeting_starting' | 'minutes_published'; meetingId: string }
  | { kind: 'proposal_threshold' | 'proposal_answered'; proposalId: string }
  | { kind: 'concern_recorded' | 'concern_answered' | 'concern_listed'; questionId: string }
  | { kind: 'concern_recorded' | 'concern_answered' | 'concern_listed'; itemId: string }
  | { kind: 'item_assigned' | 'item_due_tomorrow' | 'item_rate' | 'item_reopened'; itemId: string }
  | { kind: 'item_overdue'; itemId: string; overdueDays: number }
  | { kind: 'staff_digest'; compoundId: string; date: string; units: DigestUnit[] }
  | { kind: 'robot_test'; robotId: string }
) & {
  /** A scheduled occurrence's unique key: a second enqueue with the same key does nothing. */
  dedupeKey?: string;
  causedByUserId?: string | null;
};

export type NotifyDeps = Pick<Deps, 'config' | 'clock'>;

interface Resolved {
  compoundId: string | null;
  subjectKind: string;
  subjectId: string;
  params: Record<string, string>;
  recipients: repo.RecipientRow[];
  /** Robot ids, for robot_test only (other events find the compound's robots by their events). */
  robotIds?: string[];
}

const STATION: readonly Role[] = ['station_chief', 'station_deputy'];

function cut(text: string, max = 40): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** Accounts of a responsible unit at the compound (the party's representatives, the community's staff …). */
async function usersOfUnit(db: Db, compoundId: string, unitText: string | null): Promise<string[]> {
  const unit = parseResponsibleUnit(unitText);
  if (!unit) return [];
  if (unit.kind === 'department') return repo.staffUserIdsAt(db, compoundId, ['party_rep'], { party: 'department', organisation: unit.name });
  switch (unit.party) {
    case 'community':
      return repo.staffUserIdsAt(db, compoundId, ['community_staff']);
    case 'grid':
      return repo.staffUserIdsAt(db, compoundId, ['grid_worker']);
    default:
      return repo.staffUserIdsAt(db, compoundId, ['party_rep'], { party: unit.party });
  }
}

async function resolve(db: Db, event: NotificationEvent): Promise<Resolved | null> {
  switch (event.kind) {
    case 'vote_opened':
    case 'vote_closing':
    case 'vote_result': {
      const vote = await repo.findVoteForNotice(db, event.voteId);
      if (!vote) return null;
      const compound = await repo.findCompoundName(db, vote.compound_id);
      const passed = vote.result_json ? (JSON.parse(vote.result_json) as { passed?: boolean }).passed : undefined;
      const params: Record<string, string> = { voteId: vote.id, title: vote.title, compound: compound?.name ?? '', closesAt: vote.closes_at };
      Object.assign(
        params,
        passed === undefined
          ? { outcome: '结果见表决页面', outcome_en: 'see the vote page for the result' }
          : { outcome: passed ? '通过' : '未通过', outcome_en: passed ? 'passed' : 'not passed' },
      );
      const recipients = await repo.recipientsOfVote(db, vote.id, { notVoted: event.kind === 'vote_closing' });
      return { compoundId: vote.compound_id, subjectKind: 'vote', subjectId: vote.id, params, recipients };
    }
    case 'meeting_scheduled':
    case 'meeting_starting':
    case 'minutes_published': {
      const meeting = await repo.findMeetingForNotice(db, event.meetingId);
      if (!meeting) return null;
      const agenda = await repo.agendaTitlesOf(db, meeting.id);
      const users = [...(await repo.attendeeUserIds(db, meeting.id)), ...(await repo.memberUserIdsOfCompound(db, meeting.compound_id))];
      return {
        compoundId: meeting.compound_id,
        subjectKind: 'meeting',
        subjectId: meeting.id,
        params: {
          meetingId: meeting.id,
          title: meeting.title,
          startsAt: meeting.starts_at,
          place: meeting.place,
          agenda: agenda.length ? cut(agenda.map((t, i) => `${i + 1}. ${t}`).join(' '), 120) : '—',
        },
        recipients: await repo.recipientsOfUsers(db, users),
      };
    }
    case 'proposal_threshold':
    case 'proposal_answered': {
      const proposal = await repo.findProposalForNotice(db, event.proposalId);
      if (!proposal) return null;
      const users =
        event.kind === 'proposal_threshold'
          ? [proposal.author_user_id, ...(await repo.staffUserIdsAt(db, proposal.compound_id, [...STATION, 'community_staff']))]
          : [proposal.author_user_id, ...(await repo.seconderUserIds(db, proposal.id))];
      const status = PROPOSAL_STATUS_LABELS[proposal.status];
      return {
        compoundId: proposal.compound_id,
        subjectKind: 'proposal',
        subjectId: proposal.id,
        params: {
          proposalId: proposal.id,
          title: proposal.title,
          answer: cut(proposal.decision_reason ? `${status['zh-CN']}：${proposal.decision_reason}` : status['zh-CN'], 80),
          answer_en: cut(proposal.decision_reason ? `${status.en}: ${proposal.decision_reason}` : status.en, 80),
        },
        recipients: await repo.recipientsOfUsers(db, users),
      };
    }
    case 'concern_recorded':
    case 'concern_answered':
    case 'concern_listed': {
      if ('questionId' in event) {
        const question = await repo.findQuestionForNotice(db, event.questionId);
        if (!question) return null;
        const item = question.action_item_id ? await repo.findItemForNotice(db, question.action_item_id) : undefined;
        return {
          compoundId: question.compound_id,
          subjectKind: 'question',
          subjectId: question.id,
          params: {
            questionId: question.id,
            itemId: item?.id ?? '',
            title: cut(question.text, 30),
            answer: cut(question.answer ?? '', 80),
            dueDate: item?.due_date ?? '',
            path: item ? `/action-items/${item.id}` : `/meetings/${question.meeting_id}`,
          },
          recipients: await repo.recipientsOfUsers(db, question.asked_by_user_id ? [question.asked_by_user_id] : []),
        };
      }
      const item = await repo.findItemForNotice(db, event.itemId);
      if (!item) return null;
      return {
        compoundId: item.compound_id,
        subjectKind: 'action_item',
        subjectId: item.id,
        params: { itemId: item.id, title: cut(item.title, 30), answer: '', dueDate: item.due_date, path: `/action-items/${item.id}` },
        recipients: await repo.recipientsOfUsers(db, item.raised_by_user_id ? [item.raised_by_user_id] : []),
      };
    }
    case 'item_assigned':
    case 'item_due_tomorrow':
    case 'item_overdue':
    case 'item_rate':
    case 'item_reopened': {
      const item = await repo.findItemForNotice(db, event.itemId);
      if (!item) return null;
      let users: string[];
      if (event.kind === 'item_rate') {
        let raiser = item.raised_by_user_id;
        if (!raiser && item.source_kind === 'evening_question') raiser = (await repo.findQuestionForNotice(db, item.source_id))?.asked_by_user_id ?? null;
        users = raiser ? [raiser] : [];
      } else {
        users = await usersOfUnit(db, item.compound_id, item.responsible_unit);
        if (event.kind !== 'item_assigned' || users.length === 0) users.push(...(await repo.staffUserIdsAt(db, item.compound_id, STATION)));
      }
      return {
        compoundId: item.compound_id,
        subjectKind: 'action_item',
        subjectId: item.id,
        params: {
          itemId: item.id,
          title: cut(item.title, 30),
          unit: responsibleUnitLabel(item.responsible_unit, 'zh-CN'),
          unit_en: responsibleUnitLabel(item.responsible_unit, 'en'),
          dueDate: item.due_date,
          number: item.sign_off_number ?? '',
          days: 'overdueDays' in event ? String(event.overdueDays) : '0',
        },
        recipients: await repo.recipientsOfUsers(db, users),
      };
    }
    case 'staff_digest': {
      const compound = await repo.findCompoundName(db, event.compoundId);
      if (!compound) return null;
      const overdue = event.units.reduce((n, u) => n + u.overdue.length, 0);
      const dueToday = event.units.reduce((n, u) => n + u.dueToday.length, 0);
      return {
        compoundId: compound.id,
        subjectKind: 'compound',
        subjectId: compound.id,
        params: {
          compoundId: compound.id,
          compound: compound.name,
          date: event.date,
          overdue: String(overdue),
          dueToday: String(dueToday),
          digest: JSON.stringify(event.units),
        },
        recipients: [],
      };
    }
    case 'robot_test': {
      const robot = await repo.findRobot(db, event.robotId);
      if (!robot) return null;
      const compound = await repo.findCompoundName(db, robot.compound_id);
      return {
        compoundId: robot.compound_id,
        subjectKind: 'robot',
        subjectId: robot.id,
        params: { compoundId: robot.compound_id, compound: compound?.name ?? '', name: robot.name },
        recipients: [],
        robotIds: [robot.id],
      };
    }
  }
}

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
 * Records an event and everything it sends, inside the caller's transaction. Call it from the
 * feature's service right where the thing happens (a vote opens, an item is signed off …).
 */
export async function enqueueNotifications(trx: Db, deps: NotifyDeps, event: NotificationEvent): Promise<EnqueueResult> {
  if (!deps.config.notifications.enabled) return { eventId: null, recipients: 0, deliveries: 0 };
  if (event.dedupeKey && (await repo.eventKeyExists(trx, event.dedupeKey))) return { eventId: null, recipients: 0, deliveries: 0 };
  const resolved = await resolve(trx, event);
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
  if (spec.personal) {
    const seen = new Set<string>();
    const ctx = { now, nowIso, mailOn: deps.config.notifications.mail !== null };
    for (const r of resolved.recipients) {
      const key = r.personId ?? `u:${r.userId}`;
      if (seen.has(key)) continue;
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
  if (notifications.length > 0) await repo.setRecipientCount(trx, eventId, notifications.length);
  return { eventId, recipients: notifications.length, deliveries: deliveries.length };
}

// ---- my notification centre --------------------------------------------------------------------

export async function listMyNotifications(deps: Deps, actor: Actor, query: { before?: string; limit: number }) {
  const rows = await repo.listMyNotifications(deps.db, actor.userId, { before: query.before, limit: query.limit + 1 });
  const items = rows.slice(0, query.limit).map((row) => {
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
  return { unread: await repo.countUnread(deps.db, actor.userId), items, more: rows.length > query.limit };
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

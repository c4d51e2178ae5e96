/**
 * What staff see of the notices they caused: for a vote (a meeting, a proposal …), how many of the
 * people it was for were reached — an SMS or e-mail sent, or the in-app notice read — and, for the
 * others, why not (no phone, no e-mail, turned off, provider refused …); and sending again to those
 * not reached.
 */
import { DomainError, NOTIFICATION_SPECS, NOT_REACHED_LABELS, NOT_REACHED_REASONS, type Locale, type NotReachedReason } from '@yishi/core';
import { newId } from '../db/ids.js';
import * as repo from '../db/repositories/notifications.repository.js';
import type { NewNotificationDelivery } from '../db/tables/notifications.table.js';
import type { Deps } from '../deps.js';
import { keysetPages, readAllPages } from './export-pages.js';
import { channelsFor } from './notifications.service.js';

type Notice = Awaited<ReturnType<typeof repo.notificationsOfEventPage>>[number];
type Delivery = Awaited<ReturnType<typeof repo.deliveriesOfEventPage>>[number];

/** Why one person was not reached: the most telling reason among their channels. */
function reasonFor(notice: Notice, deliveries: Delivery[], now: string): NotReachedReason {
  const pending = deliveries.filter((d) => d.status === 'pending');
  if (pending.length > 0)
    return pending.every((d) => d.next_attempt_at > now) && pending.some((d) => d.next_attempt_at.slice(11) === '23:30:00.000Z') ? 'quiet_hours' : 'pending';
  const failed = deliveries.map((d) => d.reason).filter((r): r is string => r !== null);
  for (const r of ['provider_refused', 'unreachable', 'daily_cap', 'email_off', 'no_email'] as const) if (failed.includes(r)) return r;
  const skipped = new Map(
    notice.skipped
      .split(' ')
      .filter(Boolean)
      .map((s) => s.split(':') as [string, string]),
  );
  if (skipped.get('in_app') === 'no_account') return skipped.get('sms') === 'no_phone' || !skipped.has('sms') ? 'no_account' : 'no_phone';
  if (skipped.get('sms') === 'no_phone') return 'no_phone';
  if ([...skipped.values()].includes('opted_out') && notice.in_app === 0) return 'opted_out';
  if (skipped.get('email') === 'email_off') return 'email_off';
  return notice.in_app === 1 ? 'not_read' : 'opted_out';
}

/** An event's deliveries by the notice they carry (robots' deliveries carry none). */
function byNoticeOf(deliveries: readonly Delivery[]): Map<string, Delivery[]> {
  const byNotice = new Map<string, Delivery[]>();
  for (const d of deliveries) {
    if (!d.notification_id) continue;
    const mine = byNotice.get(d.notification_id);
    if (mine) mine.push(d);
    else byNotice.set(d.notification_id, [d]);
  }
  return byNotice;
}

/**
 * An event's notices and deliveries are read 1,000 at a time in id order, the event loop free between
 * pages: a vote opening at 10,000 units has a notice per owner, and reading them in one statement held
 * the server for about 50 ms (benchmarks.md, "Every GET route").
 */
const REPORT_PAGE = 1_000;

export async function deliveryReport(deps: Deps, compoundId: string, subjectKind: string, subjectId: string, locale: Locale, pageSize = REPORT_PAGE) {
  const events = await repo.eventsOfSubject(deps.db, compoundId, subjectKind, subjectId);
  const now = deps.clock().toISOString();
  const report = [];
  for (const event of events) {
    const deliveries = await readAllPages(
      keysetPages<Delivery, string>(
        (after, limit) => repo.deliveriesOfEventPage(deps.db, event.id, after, limit),
        (d) => d.id,
        pageSize,
      ),
    );
    // SMS and e-mail rows the worker has yet to write: everyone without one is still being sent to.
    const owed = await repo.fanoutPending(deps.db, event.id);
    const byNotice = byNoticeOf(deliveries);
    let recipients = 0;
    let reached = 0;
    const reasons = new Map<NotReachedReason, number>();
    const noticePages = keysetPages<Notice, string>(
      (after, limit) => repo.notificationsOfEventPage(deps.db, event.id, after, limit),
      (n) => n.id,
      pageSize,
    );
    for await (const notices of noticePages) {
      recipients += notices.length;
      for (const notice of notices) {
        const mine = byNotice.get(notice.id) ?? [];
        if (notice.read_at !== null || mine.some((d) => d.status === 'sent')) {
          reached++;
          continue;
        }
        const reason = owed && mine.length === 0 ? 'pending' : reasonFor(notice, mine, now);
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
    }
    const channels = (['sms', 'email', 'wecom', 'dingtalk'] as const)
      .map((channel) => {
        const of = deliveries.filter((d) => d.channel === channel);
        return {
          channel,
          sent: of.filter((d) => d.status === 'sent').length,
          pending: of.filter((d) => d.status === 'pending').length,
          failed: of.filter((d) => d.status === 'failed').length,
        };
      })
      .filter((c) => c.sent + c.pending + c.failed > 0);
    const robotIds = [...new Set(deliveries.flatMap((d) => (d.robot_id ? [d.robot_id] : [])))];
    const robots = new Map((await repo.robotsByIds(deps.db, robotIds)).map((r) => [r.id, r.name]));
    report.push({
      eventId: event.id,
      kind: event.kind,
      label: NOTIFICATION_SPECS[event.kind].label[locale],
      createdAt: event.created_at,
      recipients,
      reached,
      notReached: NOT_REACHED_REASONS.filter((r) => reasons.has(r)).map((reason) => ({
        reason,
        label: NOT_REACHED_LABELS[reason][locale],
        count: reasons.get(reason)!,
      })),
      channels,
      robots: deliveries.filter((d) => d.robot_id).map((d) => ({ name: robots.get(d.robot_id!) ?? '—', status: d.status, reason: d.reason })),
    });
  }
  return { events: report };
}

/**
 * Sends the event again to the people it did not reach, on the channels they can get now (a phone or
 * e-mail added since, a provider that refused before): new outbox rows, so a message that failed is
 * a new message, not a retry of the old one. People with something still pending are left alone.
 */
export async function resendEvent(deps: Deps, compoundId: string, eventId: string) {
  const event = await repo.findEvent(deps.db, eventId);
  if (!event || event.compound_id !== compoundId) throw new DomainError('notification_event_not_found');
  const spec = NOTIFICATION_SPECS[event.kind];
  const now = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    // Its first messages are not all written yet: nothing to send again.
    if (await repo.fanoutPending(trx, eventId)) return { requeued: 0 };
    const notices = await repo.notificationsOfEvent(trx, eventId);
    const deliveries = await repo.deliveriesOfEvent(trx, eventId);
    const byNotice = byNoticeOf(deliveries);
    const open = notices.filter((n) => {
      const mine = byNotice.get(n.id) ?? [];
      return n.read_at === null && !mine.some((d) => d.status === 'sent' || d.status === 'pending');
    });
    const contacts = new Map(
      (
        await repo.recipientsOfUsers(
          trx,
          open.flatMap((n) => (n.user_id ? [n.user_id] : [])),
        )
      ).map((r) => [r.userId!, r] as const),
    );
    const rows: NewNotificationDelivery[] = [];
    for (const notice of open) {
      const contact = notice.user_id ? contacts.get(notice.user_id) : undefined;
      const wants = channelsFor(event.kind, contact?.channelsJson ?? null);
      const base = {
        event_id: eventId,
        notification_id: notice.id,
        person_id: notice.person_id,
        locale: contact?.locale === 'en' ? 'en' : 'zh-CN',
        status: 'pending' as const,
        next_attempt_at: now,
        created_at: now,
      };
      const phone = contact
        ? (contact.personPhone ?? contact.userPhone)
        : (await repo.recipientsOfPersons(trx, notice.person_id ? [notice.person_id] : []))[0]?.personPhone;
      if (spec.sms && wants.sms && phone) rows.push({ ...base, id: newId(), channel: 'sms', address: phone });
      if (contact?.email && wants.email && deps.config.notifications.mail) rows.push({ ...base, id: newId(), channel: 'email', address: contact.email });
    }
    await repo.insertDeliveries(trx, rows);
    return { requeued: rows.length };
  });
}

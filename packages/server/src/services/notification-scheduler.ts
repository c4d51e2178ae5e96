/**
 * Time-based notices from one scheduler that every instance runs: votes closing within 24 hours
 * (to owners who have not voted), meetings starting within 2 hours, and from 08:30 Beijing time each
 * day the action items due tomorrow, the overdue ones (on working days, counted in working days)
 * and each compound's digest for its staff group robots. Every occurrence is an event row with a
 * unique key (`vote_closing:<vote>`, `item_overdue:<item>:<date>` …) inserted in the same transaction
 * as its notices, so two instances — or one instance on every tick — never create the same reminder
 * twice. Follows the vote scheduler's shape (vote-scheduler.ts).
 */
import { beijingClock, isWorkingDay, nextDate, responsibleUnitLabel, workdaysBetween, type DigestUnit } from '@yishi/core';
import { isTransientConflict, isUniqueViolation } from '../db/errors.js';
import * as repo from '../db/repositories/notifications.repository.js';
import type { Deps } from '../deps.js';
import { startPeriodic, type Periodic } from './periodic.js';
import { enqueueNotifications, fanoutsOwed, type NotificationEvent } from './notifications.service.js';

export type NotificationScheduler = Periodic;

/** The Beijing minute of the day the daily reminders and digests go out: 08:30. */
export const DAILY_AT_MINUTES = 8 * 60 + 30;

async function occur(deps: Deps, event: NotificationEvent): Promise<boolean> {
  try {
    const result = await deps.db.transaction().execute((trx) => enqueueNotifications(trx, deps, event));
    // A vote's reminder owes its notices: the worker writes them now.
    if (result.owed) fanoutsOwed();
    return result.eventId !== null;
  } catch (error) {
    // Another instance created the same occurrence at the same moment: it is done.
    if (isUniqueViolation(error) || isTransientConflict(error)) return false;
    throw error;
  }
}

/** Creates every occurrence that is due at `deps.clock()` and does not exist yet; answers how many it created. */
export async function runNotificationSchedule(deps: Deps): Promise<number> {
  const now = deps.clock();
  const nowIso = now.toISOString();
  let created = 0;
  const in24h = new Date(now.getTime() + 24 * 3600_000).toISOString();
  for (const vote of await repo.openVotesClosingBy(deps.db, nowIso, in24h)) {
    if (await occur(deps, { kind: 'vote_closing', voteId: vote.id, dedupeKey: `vote_closing:${vote.id}` })) created++;
  }
  const in2h = new Date(now.getTime() + 2 * 3600_000).toISOString();
  for (const meeting of await repo.meetingsStartingBy(deps.db, nowIso, in2h)) {
    if (await occur(deps, { kind: 'meeting_starting', meetingId: meeting.id, dedupeKey: `meeting_starting:${meeting.id}:${meeting.starts_at}` })) created++;
  }

  const { date: today, minutes } = beijingClock(now);
  if (minutes < DAILY_AT_MINUTES) return created;
  const tomorrow = nextDate(today);
  const workingDay = isWorkingDay(today) ?? ![0, 6].includes(new Date(`${today}T04:00:00Z`).getUTCDay());
  const items = await repo.openItemsDueBy(deps.db, tomorrow);
  for (const item of items) {
    if (item.due_date === tomorrow) {
      if (await occur(deps, { kind: 'item_due_tomorrow', itemId: item.id, dedupeKey: `item_due_tomorrow:${item.id}:${item.due_date}` })) created++;
    } else if (item.due_date < today && workingDay) {
      const overdueDays = workdaysBetween(item.due_date, today);
      if (overdueDays > 0 && (await occur(deps, { kind: 'item_overdue', itemId: item.id, overdueDays, dedupeKey: `item_overdue:${item.id}:${today}` })))
        created++;
    }
  }
  for (const compoundId of await repo.compoundsWithRobots(deps.db)) {
    const units = new Map<string, DigestUnit>();
    for (const item of items) {
      if (item.compound_id !== compoundId || item.due_date > today) continue;
      const label = responsibleUnitLabel(item.responsible_unit, 'zh-CN');
      const unit = units.get(label) ?? { unit: label, overdue: [], dueToday: [] };
      units.set(label, unit);
      if (item.due_date === today) unit.dueToday.push({ title: item.title, dueDate: item.due_date, overdueDays: 0 });
      else unit.overdue.push({ title: item.title, dueDate: item.due_date, overdueDays: workdaysBetween(item.due_date, today) });
    }
    if (units.size === 0) continue;
    const digest = [...units.values()].sort((a, b) => b.overdue.length - a.overdue.length || a.unit.localeCompare(b.unit));
    if (await occur(deps, { kind: 'staff_digest', compoundId, date: today, units: digest, dedupeKey: `digest:${compoundId}:${today}` })) created++;
  }
  return created;
}

export function startNotificationScheduler(deps: Deps, intervalMs = deps.config.notifications.scheduleMs): NotificationScheduler {
  return startPeriodic('notification scheduler', () => runNotificationSchedule(deps), intervalMs);
}

/**
 * When minutes must be out, and how versions follow each other.
 *
 * Deadline: each kind's spec says how many calendar days after the meeting its minutes must be
 * published (`minutes.publicationDays`): a four-party council's outcome is posted "within 3 days after
 * the meeting" (议事会后3日内公示); an evening talk has no published deadline, so its minutes have none
 * either. The minutes are on time when published by the end of that day, China time, counted from the
 * day the meeting was held (its session opened), whatever day its notice had said.
 *
 * Versions: the draft is edited until the convener publishes it as version 1. A published version is
 * never changed (the database refuses it too); a correction publishes version N+1 with its reason.
 */
import { endOfChinaDay, chinaDate } from '../action-items/workdays.js';
import { DomainError } from '../errors/domain-error.js';
import { meetingKind, type MeetingKind, type MeetingKindSpec } from '../meetings/meeting-kinds.js';
import type { Role } from '../roles/roles.js';
import type { TimeLeft } from './minutes.schema.js';

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The last instant (ISO) at which the minutes are still on time, or null when the kind has no
 * deadline. `heldAt` is when the meeting was held (meetings/held-times.ts heldStart), not when its
 * notice said: a council brought forward a week is due three days after the day it was held.
 */
export function minutesDeadline(spec: Pick<MeetingKindSpec, 'minutes'>, heldAt: string): string | null {
  const days = spec.minutes.publicationDays;
  if (days === null) return null;
  return endOfChinaDay(addDays(chinaDate(new Date(heldAt)), days)).toISOString();
}

/** The publication deadline of a meeting of this kind held at `heldAt` (see minutesDeadline). */
export function publicationDeadline(kind: MeetingKind, heldAt: string): string | null {
  return minutesDeadline(meetingKind(kind), heldAt);
}

export function timeLeft(deadline: string, now: Date): TimeLeft {
  const ms = Date.parse(deadline) - now.getTime();
  const overdue = ms < 0;
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  const zh = days > 0 ? `${days} 天 ${rest} 小时` : `${rest} 小时`;
  const en = days > 0 ? `${days} d ${rest} h` : `${rest} h`;
  return {
    deadline,
    overdue,
    hoursLeft: overdue ? -hours : hours,
    label: overdue ? { 'zh-CN': `已超期 ${zh}`, en: `Overdue by ${en}` } : { 'zh-CN': `还剩 ${zh}`, en: `${en} left` },
  };
}

/** On time when the first version came out by the deadline; null when there is no deadline or nothing yet. */
export function publishedOnTime(deadline: string | null, firstPublishedAt: string | null): boolean | null {
  if (!deadline || !firstPublishedAt) return null;
  return Date.parse(firstPublishedAt) <= Date.parse(deadline);
}

/** Secretary and committee members who write the draft (the agenda's editors). */
export function minutesWriters(kind: MeetingKind): readonly Role[] {
  return meetingKind(kind).agendaEditors;
}

/** The convener's side, who approves and publishes (and corrects). */
export function minutesPublishers(kind: MeetingKind): readonly Role[] {
  return meetingKind(kind).runners;
}

export interface PublishedVersionRef {
  version: number;
  body: string;
}

/** The first publication: only once, only from a non-empty draft. */
export function assertFirstPublication(versions: readonly PublishedVersionRef[], body: string): void {
  if (versions.length > 0) throw new DomainError('minutes_already_published', { version: latestVersion(versions) });
  if (body.trim().length === 0) throw new DomainError('minutes_empty');
}

/** A correction needs a published version to correct, a reason, and a changed text. */
/**
 * A correction: only of published minutes, with its reason, and changing something — the text, or
 * (`headingChanged`) the heading: who recorded it, the issuing body, the convener, the place, or who
 * signs the printed copy.
 */
export function assertCorrection(versions: readonly PublishedVersionRef[], body: string, reason: string, headingChanged = false): void {
  if (versions.length === 0) throw new DomainError('minutes_not_published');
  if (reason.trim().length < 2) throw new DomainError('minutes_reason_required');
  if (body.trim().length === 0) throw new DomainError('minutes_empty');
  const latest = versions.reduce((a, b) => (b.version > a.version ? b : a));
  if (!headingChanged && latest.body.trim() === body.trim()) throw new DomainError('minutes_correction_unchanged', { version: latest.version });
}

export function latestVersion(versions: readonly { version: number }[]): number {
  return versions.reduce((max, v) => Math.max(max, v.version), 0);
}

export function nextVersionNumber(versions: readonly { version: number }[]): number {
  return latestVersion(versions) + 1;
}

/** Name of the live Yjs document holding a meeting's draft minutes (a Y.Text under MINUTES_TEXT_KEY). */
export function minutesDocumentName(meetingId: string): string {
  return `minutes-${meetingId}`;
}
export const MINUTES_TEXT_KEY = 'body';

/**
 * What the new-vote form proposes and keeps: the default opening of an art. 278 vote (never inside
 * quiet hours, when its opening SMS would wait until morning), and the typed question kept on this
 * tab per compound, so that leaving the form and coming back (Back) finds it again.
 */
import { QUIET_HOURS, beijingClock, beijingInstant, nextDate } from '@yishi/core';

/** A proposed opening falling in quiet hours moves to this Beijing time (after the held SMS go at 07:30). */
const MORNING = 8 * 60;

/** `at`, or the next 08:00 Beijing time when `at` falls in quiet hours (22:00–07:30). */
export function outsideQuietHours(at: Date): Date {
  const { date, minutes } = beijingClock(at);
  if (minutes >= QUIET_HOURS.from) return beijingInstant(nextDate(date), MORNING);
  if (minutes < QUIET_HOURS.until) return beijingInstant(date, MORNING);
  return at;
}

/** An instant as a datetime-local value in Beijing wall-clock time. */
export function beijingLocalValue(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}

/** The typed fields kept as a draft. */
export interface VoteDraft {
  title: string;
  description: string;
}

const draftKey = (compoundId: string) => `vote-draft/${compoundId}`;

export function readVoteDraft(compoundId: string): VoteDraft | null {
  try {
    const draft = JSON.parse(sessionStorage.getItem(draftKey(compoundId)) ?? 'null') as Partial<VoteDraft> | null;
    return draft ? { title: String(draft.title ?? ''), description: String(draft.description ?? '') } : null;
  } catch {
    return null;
  }
}

/** Kept while something is typed; nothing typed, nothing kept. */
export function saveVoteDraft(compoundId: string, draft: VoteDraft): void {
  try {
    if (draft.title.trim() || draft.description.trim()) sessionStorage.setItem(draftKey(compoundId), JSON.stringify(draft));
    else sessionStorage.removeItem(draftKey(compoundId));
  } catch {
    // Storage full or refused (private mode): the form still works, without the kept draft.
  }
}

export function dropVoteDraft(compoundId: string): void {
  try {
    sessionStorage.removeItem(draftKey(compoundId));
  } catch {
    // As above.
  }
}

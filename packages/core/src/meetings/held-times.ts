/**
 * When a meeting was held, as against when its notice said it would be. A meeting is often held
 * on another day or at another hour than scheduled (moved forward, postponed, started late); once
 * it has started, everything that is about the meeting having happened — the minutes' header, the
 * publication deadline (会后3日内), the dashboard's counts, the public board's "recent meetings" —
 * goes by the time it was actually held (`startedAt`, `closedAt`). The scheduled time is shown
 * beside it where the two differ.
 */
import { chinaDate } from '../action-items/workdays.js';

export interface MeetingTimes {
  /** The scheduled start (the notice's time). */
  startsAt: string;
  /** When the session was opened, once it has been. */
  startedAt: string | null;
}

/**
 * A meeting that starts within this many minutes of its scheduled time was held as scheduled
 * (people arrive, sign in, the convener opens a little late); beyond it, or on another day, the
 * scheduled time is named beside the held one.
 */
export const HELD_TIME_TOLERANCE_MINUTES = 15;

/** When the meeting began: when its session was opened, else (not held yet) when it is scheduled to. */
export function heldStart(meeting: MeetingTimes): string {
  return meeting.startedAt ?? meeting.startsAt;
}

/** Whether the meeting was held on another day, or more than the tolerance off its scheduled start. */
export function heldAtAnotherTime(meeting: MeetingTimes): boolean {
  if (!meeting.startedAt) return false;
  const held = new Date(meeting.startedAt);
  const scheduled = new Date(meeting.startsAt);
  if (chinaDate(held) !== chinaDate(scheduled)) return true;
  return Math.abs(held.getTime() - scheduled.getTime()) > HELD_TIME_TOLERANCE_MINUTES * 60_000;
}

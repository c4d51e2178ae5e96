/**
 * The working days an action item is given to be done in when it is listed: 5 unless staff give
 * another number from 1 to 60. The schemas hold the server to them and the web's forms say them.
 * Re-exported by action-items.ts; a module of their own so that a form naming them does not download
 * the rest of action-items.ts (its labels) with them (tests/web/bundle-budget.test.ts).
 */

/** Evening-talk follow-ups are resolved "within 5 working days" (5个工作日内). */
export const DEFAULT_DEADLINE_WORKDAYS = 5;
export const MIN_DEADLINE_WORKDAYS = 1;
export const MAX_DEADLINE_WORKDAYS = 60;

/**
 * The day a listed question's working days count from: the day the worker listed it (`listedOn`, sent
 * with a listing that waited offline), if it lies between the day the meeting was arranged and today
 * (in China); otherwise today. A phone's wrong clock cannot move a deadline into the future or far back.
 */
export function deadlineCountsFrom(listedOn: string | undefined, today: string, meetingArrangedOn: string): string {
  return listedOn !== undefined && listedOn >= meetingArrangedOn && listedOn <= today ? listedOn : today;
}

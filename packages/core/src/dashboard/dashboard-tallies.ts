/**
 * The action items of a dashboard period as counted: what the figures need of them, and nothing per
 * item. `tallyActionItems` counts them from plain rows (the rule as written in dashboard.ts, kept as
 * the reference); the server gets the same tallies from SQL aggregates (grouped by the day signed off,
 * on time or not and the latest rating) and adds the working days with `workdaysFromDays`, so a
 * compound with 40,000 items sends a few hundred grouped rows, not 40,000.
 */
import { isOverdue, type ActionItemStatus, type Rating } from '../action-items/action-items.js';
import { chinaDate, workdaysBetween } from '../action-items/workdays.js';

export interface DashboardActionItemRow {
  compoundId: string;
  status: ActionItemStatus;
  /** China date the item was listed. */
  listedOn: string;
  dueDate: string;
  signedOffAt: string | null;
  rating: Rating | null;
}

/** Sign-offs in the period that share a China day, being on time or not, and a latest rating. */
export interface SignOffGroup {
  signedOn: string;
  onTime: boolean;
  rating: Rating | null;
  count: number;
}

export interface ActionItemTallies {
  /** Items listed in the period. */
  listed: number;
  /** Items listed by `asOf`, still open and past their due date on `asOf`. */
  overdue: number;
  /** Items signed off in the period (their current status is signed off). */
  signedOff: SignOffGroup[];
  /** Working days from listing to sign-off, summed over `signedOff` (a sign-off before its listing counts 0). */
  workdaysToSignOff: number;
}

export interface TallyPeriod {
  from: string;
  to: string;
  /** The period's last day, or today if earlier. */
  asOf: string;
}

/** Whether a China date lies in a period, both ends included. */
export function inPeriod(date: string, from: string, to: string): boolean {
  return date >= from && date <= to;
}

/** The tallies from plain rows: one pass over every item (the reference the SQL aggregates are held to). */
export function tallyActionItems(items: readonly DashboardActionItemRow[], { from, to, asOf }: TallyPeriod): ActionItemTallies {
  let listed = 0;
  let overdue = 0;
  let workdays = 0;
  const groups = new Map<string, SignOffGroup>();
  for (const item of items) {
    if (inPeriod(item.listedOn, from, to)) listed += 1;
    if (item.listedOn <= asOf && isOverdue(item, asOf)) overdue += 1;
    if (item.status !== 'signed_off' || !item.signedOffAt) continue;
    const signedOn = chinaDate(new Date(item.signedOffAt));
    if (!inPeriod(signedOn, from, to)) continue;
    const onTime = signedOn <= item.dueDate;
    const key = `${signedOn}|${onTime}|${item.rating}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { signedOn, onTime, rating: item.rating, count: 1 });
    workdays += Math.max(0, workdaysBetween(item.listedOn, signedOn));
  }
  return { listed, overdue, signedOff: [...groups.values()], workdaysToSignOff: workdays };
}

/** The tallies of several compounds as one. */
export function addTallies(all: readonly ActionItemTallies[]): ActionItemTallies {
  return {
    listed: all.reduce((n, t) => n + t.listed, 0),
    overdue: all.reduce((n, t) => n + t.overdue, 0),
    signedOff: all.flatMap((t) => t.signedOff),
    workdaysToSignOff: all.reduce((n, t) => n + t.workdaysToSignOff, 0),
  };
}

/**
 * Σ workdaysBetween(start, end) over items, from how many items end on each day and how many start
 * on each day (only items whose end is not before their start): working days from a common origin to
 * each end, minus the same to each start. The calendar is walked once over the span of the days.
 */
export function workdaysFromDays(ends: ReadonlyArray<{ date: string; count: number }>, starts: ReadonlyArray<{ date: string; count: number }>): number {
  const days = [...new Set([...ends, ...starts].map((d) => d.date))].sort();
  const fromOrigin = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < days.length; i++) {
    if (i > 0) total += workdaysBetween(days[i - 1]!, days[i]!);
    fromOrigin.set(days[i]!, total);
  }
  const sum = (list: ReadonlyArray<{ date: string; count: number }>) => list.reduce((n, d) => n + fromOrigin.get(d.date)! * d.count, 0);
  return sum(ends) - sum(starts);
}

/**
 * The governance figures leaders judge the work by, computed from plain rows so the same numbers
 * feed the charts, the screen-reader table and the spreadsheet. All dates are China dates
 * (YYYY-MM-DD); a period is inclusive at both ends. Rates are kept as numerator/denominator and
 * written with one decimal by integer arithmetic, so 94.3% on screen is 94.3% in Excel.
 *
 * Counting rules (written here once, used everywhere):
 * - a meeting counts when it was held (closed) and its day lies in the period, under the counter its
 *   kind's spec names (figures.meetings.fourParty …, and per month);
 * - questions are those of the meetings counted (the kinds that take them); merged duplicates are
 *   not counted twice;
 * - action items: "listed" = put on the ledger in the period; "signed off" = signed off in the
 *   period, "on time" when signed off on or before the due date; "overdue" = still open on the
 *   period's last day (or today, if earlier) past the due date, by the items' current status;
 * - on-time rate: signed off on time over everything that fell due — the sign-offs of the period
 *   AND the overdue items still open — so unfinished work past its date lowers it (8 of 16 items
 *   overdue cannot sit beside 100%);
 * - average working days to sign-off: from listing to sign-off, on the official calendar;
 * - satisfaction: ratings of the items signed off in the period, 满意 + 基本满意 over all ratings;
 * - minutes on time: meetings in the period whose first version came out by their kind's deadline
 *   (kinds without a deadline, such as evening talks, are left out).
 *
 * The kinds come from the registry of meeting-kind specs; `computeDashboard` and `dashboardRows` also
 * take another registry, which is how a kind not in the registry yet is tried out in a test.
 */
import { chinaDate } from '../action-items/workdays.js';
import { DomainError } from '../errors/domain-error.js';
import type { Locale } from '../i18n/locale.js';
import { MEETING_KIND_SPECS, type MeetingCounter, type MeetingKind, type MeetingKindRegistry, type MeetingKindSpec } from '../meetings/meeting-kinds.js';
import type { MeetingStatus, QuestionStatus } from '../meetings/meetings.js';
import { minutesDeadline, publishedOnTime } from '../minutes/minutes-rules.js';
import type { DashboardFigures, DashboardMonth, Rate } from './dashboard.schema.js';
import { inPeriod, tallyActionItems, type ActionItemTallies, type DashboardActionItemRow } from './dashboard-tallies.js';

export type { DashboardActionItemRow } from './dashboard-tallies.js';

export interface DashboardMeetingRow<K extends string = MeetingKind> {
  id: string;
  compoundId: string;
  kind: K;
  status: MeetingStatus;
  startsAt: string;
}

export interface DashboardQuestionRow {
  meetingId: string;
  status: QuestionStatus;
  /** Questions of the meeting with this status (1 for a plain row). */
  count?: number;
}

export interface DashboardMinutesRow {
  meetingId: string;
  firstPublishedAt: string | null;
}

export interface DashboardInput<K extends string = MeetingKind> {
  from: string;
  to: string;
  /** "Now", for overdue counts and pending minutes. */
  now: Date;
  meetings: readonly DashboardMeetingRow<K>[];
  questions: readonly DashboardQuestionRow[];
  /** Plain rows, or their tallies as the server aggregates them in SQL (dashboard-tallies.ts). */
  actionItems: readonly DashboardActionItemRow[] | ActionItemTallies;
  minutes: readonly DashboardMinutesRow[];
}

export function rate(numerator: number, denominator: number): Rate {
  if (denominator === 0) return { numerator, denominator, text: '—', permille: null };
  // Round half up in tenths of a percent with integers only.
  const permille = Math.floor((numerator * 2000 + denominator) / (2 * denominator));
  return { numerator, denominator, text: `${Math.floor(permille / 10)}.${permille % 10}%`, permille };
}

const MAX_PERIOD_DAYS = 3 * 366;

/** A validated period; defaults to the calendar year to date of `now`. */
export function dashboardPeriod(from: string | undefined, to: string | undefined, now: Date): { from: string; to: string } {
  const today = chinaDate(now);
  const period = { from: from ?? `${today.slice(0, 4)}-01-01`, to: to ?? today };
  const span = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000;
  if (!(span >= 0) || span > MAX_PERIOD_DAYS) throw new DomainError('dashboard_bad_period');
  return period;
}

function isTallies(items: DashboardInput<string>['actionItems']): items is ActionItemTallies {
  return !Array.isArray(items);
}

/** A zero for every kind's counter. */
function meetingCounters(kinds: MeetingKindRegistry<string>): Record<string, number> {
  return Object.fromEntries(Object.values(kinds).map((spec) => [spec.dashboard.counter, 0]));
}

function countIn(counts: Record<string, number>, counter: string): void {
  counts[counter] = (counts[counter] ?? 0) + 1;
}

/** A month's figures besides the meetings held (those are counted per kind, see meetingCounters). */
type MonthTally = Omit<DashboardMonth, MeetingCounter>;

function emptyMonth(month: string): MonthTally {
  return { month, questionsRaised: 0, answeredOnTheSpot: 0, listed: 0, signedOff: 0, signedOffOnTime: 0 };
}

/** Every month from `from` to `to`, so a chart shows quiet months as zero rather than skipping them. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

export interface DashboardResult {
  figures: DashboardFigures;
  months: DashboardMonth[];
}

function specOf(kinds: MeetingKindRegistry<string>, kind: string): MeetingKindSpec {
  const spec = kinds[kind];
  if (!spec) throw new Error(`No meeting-kind spec for "${kind}"`);
  return spec;
}

export function computeDashboard(input: DashboardInput): DashboardResult;
export function computeDashboard<K extends string>(input: DashboardInput<K>, kinds: MeetingKindRegistry<K>): DashboardResult;
export function computeDashboard(input: DashboardInput<string>, kinds: MeetingKindRegistry<string> = MEETING_KIND_SPECS): DashboardResult {
  const { from, to, now } = input;
  const today = chinaDate(now);
  const asOf = today < to ? today : to;
  const months = new Map(monthsOf(from, to).map((m) => [m, emptyMonth(m)]));
  const monthOf = (date: string) => months.get(date.slice(0, 7))!;
  const heldPerMonth = new Map([...months.keys()].map((m) => [m, meetingCounters(kinds)]));

  const held = input.meetings.filter((m) => m.status === 'closed' && inPeriod(chinaDate(new Date(m.startsAt)), from, to));
  const heldById = new Map(held.map((m) => [m.id, m]));
  const heldTotal = meetingCounters(kinds);
  for (const m of held) {
    const { counter } = specOf(kinds, m.kind).dashboard;
    countIn(heldTotal, counter);
    countIn(heldPerMonth.get(chinaDate(new Date(m.startsAt)).slice(0, 7))!, counter);
  }

  let raised = 0;
  let answered = 0;
  let listed = 0;
  for (const q of input.questions) {
    const meeting = heldById.get(q.meetingId);
    if (!meeting || q.status === 'merged') continue;
    const month = monthOf(chinaDate(new Date(meeting.startsAt)));
    const count = q.count ?? 1;
    raised += count;
    month.questionsRaised += count;
    if (q.status === 'answered') {
      answered += count;
      month.answeredOnTheSpot += count;
    } else if (q.status === 'listed') {
      listed += count;
      month.listed += count;
    }
  }

  const items = isTallies(input.actionItems) ? input.actionItems : tallyActionItems(input.actionItems, { from, to, asOf });
  let signedOff = 0;
  let onTime = 0;
  const ratings = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
  for (const group of items.signedOff) {
    const month = monthOf(group.signedOn);
    signedOff += group.count;
    month.signedOff += group.count;
    if (group.onTime) {
      onTime += group.count;
      month.signedOffOnTime += group.count;
    }
    if (group.rating) ratings[group.rating] += group.count;
  }
  const rated = ratings.satisfied + ratings.basically_satisfied + ratings.dissatisfied;

  const firstPublished = new Map(input.minutes.map((m) => [m.meetingId, m.firstPublishedAt]));
  const minutes = { due: 0, publishedOnTime: 0, publishedLate: 0, overdueUnpublished: 0, pending: 0 };
  for (const m of held) {
    const deadline = minutesDeadline(specOf(kinds, m.kind), m.startsAt);
    if (!deadline) continue;
    const published = firstPublished.get(m.id) ?? null;
    const onTimeNow = publishedOnTime(deadline, published);
    if (onTimeNow === true) minutes.publishedOnTime += 1;
    else if (onTimeNow === false) minutes.publishedLate += 1;
    else if (Date.parse(deadline) < now.getTime()) minutes.overdueUnpublished += 1;
    else minutes.pending += 1;
  }
  minutes.due = minutes.publishedOnTime + minutes.publishedLate + minutes.overdueUnpublished;

  // The schema's counter keys are built from the registry's specs, as these are (for another
  // registry, the counters are its own): one count per kind's counter.
  const meetings = { ...heldTotal, total: held.length } as DashboardFigures['meetings'];
  return {
    figures: {
      meetings,
      questions: { raised, answeredOnTheSpot: answered, listed, answeredRate: rate(answered, raised) },
      actionItems: {
        listed: items.listed,
        signedOff,
        signedOffOnTime: onTime,
        signedOffLate: signedOff - onTime,
        overdue: items.overdue,
        onTimeRate: rate(onTime, signedOff + items.overdue),
        avgWorkdaysToSignOff: signedOff === 0 ? null : Math.round((items.workdaysToSignOff * 10) / signedOff) / 10,
      },
      satisfaction: {
        rated,
        satisfied: ratings.satisfied,
        basicallySatisfied: ratings.basically_satisfied,
        dissatisfied: ratings.dissatisfied,
        rate: rate(ratings.satisfied + ratings.basically_satisfied, rated),
      },
      minutes: { ...minutes, onTimeRate: rate(minutes.publishedOnTime, minutes.due) },
    },
    months: [...months.values()].map(({ month, ...tally }) => ({ month, ...heldPerMonth.get(month), ...tally }) as DashboardMonth),
  };
}

type Label = Record<Locale, string>;

/**
 * The figures as labelled rows, in one order: the text table under the charts (for screen readers),
 * and the spreadsheet download, both read this list.
 */
export function dashboardRows(
  f: DashboardFigures,
  kinds: MeetingKindRegistry<string> = MEETING_KIND_SPECS,
): Array<{ key: string; label: Label; value: string | number; rate?: Rate }> {
  // A rate row shows its text ("94.3%") and keeps the rate, so a spreadsheet can hold it as a number.
  const row = (key: string, zh: string, en: string, value: string | number | null | Rate) =>
    typeof value === 'object' && value !== null
      ? { key, label: { 'zh-CN': zh, en }, value: value.text, rate: value }
      : { key, label: { 'zh-CN': zh, en }, value: value ?? '—' };
  const held = new Map(Object.entries(f.meetings));
  return [
    ...Object.values(kinds).map(({ dashboard }) => ({ key: `meetings.${dashboard.counter}`, label: dashboard.held, value: held.get(dashboard.counter) ?? 0 })),
    row('questions.raised', '居民提出问题（个）', 'Questions raised', f.questions.raised),
    row('questions.answeredOnTheSpot', '现场答复（个）', 'Answered on the spot', f.questions.answeredOnTheSpot),
    row('questions.listed', '列入问题清单（个）', 'Put on the question list', f.questions.listed),
    row('questions.answeredRate', '现场答复率', 'Answered on the spot (rate)', f.questions.answeredRate),
    row('actionItems.listed', '新增整改事项（项）', 'Action items listed', f.actionItems.listed),
    row('actionItems.signedOff', '已销号（项）', 'Signed off', f.actionItems.signedOff),
    row('actionItems.signedOffOnTime', '按期销号（项）', 'Signed off on time', f.actionItems.signedOffOnTime),
    row('actionItems.signedOffLate', '逾期销号（项）', 'Signed off late', f.actionItems.signedOffLate),
    row('actionItems.overdue', '超期未办结（项）', 'Overdue, still open', f.actionItems.overdue),
    row(
      'actionItems.onTimeRate',
      '按期销号率（按期销号 ÷ 已销号与超期未办结）',
      'Signed off on time (rate: on time ÷ signed off and overdue open)',
      f.actionItems.onTimeRate,
    ),
    row('actionItems.avgWorkdaysToSignOff', '平均销号用时（工作日）', 'Average working days to sign-off', f.actionItems.avgWorkdaysToSignOff),
    row('satisfaction.rated', '参与评价（次）', 'Ratings given', f.satisfaction.rated),
    row('satisfaction.rate', '满意率（满意+基本满意）', 'Satisfaction rate (satisfied + basically satisfied)', f.satisfaction.rate),
    row('minutes.due', '应公示纪要（份）', 'Minutes due', f.minutes.due),
    row('minutes.publishedOnTime', '3日内按时公示（份）', 'Published within 3 days', f.minutes.publishedOnTime),
    row('minutes.publishedLate', '超过3日才公示（份）', 'Published after 3 days', f.minutes.publishedLate),
    row('minutes.overdueUnpublished', '超期未公示（份）', 'Overdue, not published', f.minutes.overdueUnpublished),
    row('minutes.onTimeRate', '纪要按时公示率', 'Minutes published on time (rate)', f.minutes.onTimeRate),
  ];
}

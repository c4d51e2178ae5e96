/**
 * Action items (整改事项): what every listed question, council outcome, passed proposal or resident
 * concern becomes, and the rules they move by. Pure functions only; the server loads rows, asks
 * these functions what may happen, and saves the answer.
 */
import { DomainError } from '../errors/domain-error.js';
import type { Locale } from '../i18n/locale.js';
import { COMPOUND_STAFF, type Role } from '../roles/roles.js';
import { DEFAULT_DEADLINE_WORKDAYS } from './deadline-workdays.js';
import { addWorkdays, chinaDate } from './workdays.js';

export const ACTION_ITEM_SOURCES = ['evening_question', 'council_outcome', 'proposal', 'concern'] as const;
export type ActionItemSourceKind = (typeof ACTION_ITEM_SOURCES)[number];

export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'resolved', 'signed_off'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export const TRIAGE_LEVELS = ['green', 'yellow', 'red'] as const;
export type Triage = (typeof TRIAGE_LEVELS)[number];

export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/** What a dated entry on an item's timeline records (the staff see all; the board all but ratings' words). */
export const ACTION_ITEM_UPDATE_KINDS = ['progress', 'on_site', 'measures', 'resolved', 'returned', 'triage', 'signed_off', 'reopened', 'rated'] as const;
export type ActionItemUpdateKind = (typeof ACTION_ITEM_UPDATE_KINDS)[number];

/** Who sees the staff list and the ledger; who works items; who signs them off (named officials of the station and above). */
export const ACTION_ITEM_VIEWERS: readonly Role[] = [...COMPOUND_STAFF, 'grid_worker', 'party_rep', 'building_head'];
export const ACTION_ITEM_WORKERS: readonly Role[] = [...COMPOUND_STAFF, 'grid_worker', 'party_rep'];
export const SIGN_OFF_ROLES: readonly Role[] = COMPOUND_STAFF;
/** Who reports concerns and rates outcomes. */
export const CONCERN_ROLES: readonly Role[] = ['owner', 'resident'];

export { DEFAULT_DEADLINE_WORKDAYS, MAX_DEADLINE_WORKDAYS, MIN_DEADLINE_WORKDAYS, deadlineCountsFrom } from './deadline-workdays.js';
/** A dissatisfied rating within this many days of the sign-off reopens the item. */
export const REOPEN_WINDOW_DAYS = 15;

export const STATUS_LABELS: Record<ActionItemStatus, Record<Locale, string>> = {
  open: { 'zh-CN': '待办理', en: 'Open' },
  in_progress: { 'zh-CN': '办理中', en: 'In progress' },
  resolved: { 'zh-CN': '已办结待销号', en: 'Resolved, awaiting sign-off' },
  signed_off: { 'zh-CN': '已销号', en: 'Signed off' },
};

export const TRIAGE_LABELS: Record<Triage, Record<Locale, string>> = {
  green: { 'zh-CN': '绿色·网格员即办', en: 'Green · grid worker, at once' },
  yellow: { 'zh-CN': '黄色·社区协调办理', en: 'Yellow · community committees' },
  red: { 'zh-CN': '红色·上报街道/部门', en: 'Red · escalated to subdistrict/departments' },
};

export const RATING_LABELS: Record<Rating, Record<Locale, string>> = {
  satisfied: { 'zh-CN': '满意', en: 'Satisfied' },
  basically_satisfied: { 'zh-CN': '基本满意', en: 'Basically satisfied' },
  dissatisfied: { 'zh-CN': '不满意', en: 'Dissatisfied' },
};

export const SOURCE_LABELS: Record<ActionItemSourceKind, Record<Locale, string>> = {
  evening_question: { 'zh-CN': '居民夜谈问题', en: 'Evening-talk question' },
  council_outcome: { 'zh-CN': '四方议事会议定事项', en: 'Four-party council outcome' },
  proposal: { 'zh-CN': '通过的提案', en: 'Passed proposal' },
  concern: { 'zh-CN': '居民线上反映', en: 'Concern reported online' },
};

/** The record a source id names, in words ("本小区找不到作为来源的提案"). */
export const SOURCE_RECORD_LABELS: Record<ActionItemSourceKind, Record<Locale, string>> = {
  evening_question: { 'zh-CN': '居民夜谈问题', en: 'evening-talk question' },
  council_outcome: { 'zh-CN': '议事会议题', en: 'council agenda item' },
  proposal: { 'zh-CN': '提案', en: 'proposal' },
  concern: { 'zh-CN': '居民反映', en: 'concern' },
};

// ---- lifecycle ----------------------------------------------------------------------------------

export type ActionItemEvent = 'start' | 'resolve' | 'return' | 'sign_off' | 'reopen';

const TRANSITIONS: Record<ActionItemEvent, { from: readonly ActionItemStatus[]; to: ActionItemStatus }> = {
  // Any dated progress update on an open item starts it.
  start: { from: ['open'], to: 'in_progress' },
  // A green item the grid worker fixes on the spot may go straight from open to resolved.
  resolve: { from: ['open', 'in_progress'], to: 'resolved' },
  // The signing official finds the evidence insufficient and sends it back.
  return: { from: ['resolved'], to: 'in_progress' },
  sign_off: { from: ['resolved'], to: 'signed_off' },
  // A dissatisfied rating within the window: back to work, and a new ledger entry.
  reopen: { from: ['signed_off'], to: 'in_progress' },
};

export function canTransition(status: ActionItemStatus, event: ActionItemEvent): boolean {
  return TRANSITIONS[event].from.includes(status);
}

/** The status after `event`, or a DomainError naming the status that forbids it. */
export function transition(status: ActionItemStatus, event: ActionItemEvent): ActionItemStatus {
  if (!canTransition(status, event)) throw new DomainError('action_item_bad_transition', { status, event });
  return TRANSITIONS[event].to;
}

// ---- triage (红黄绿) -----------------------------------------------------------------------------

const TRIAGE_RANK: Record<Triage, number> = { green: 0, yellow: 1, red: 2 };

/**
 * The colour an item starts with: a matter for a government department is escalated (red); one the
 * grid worker or property company can fix at once is green; everything else goes to the community
 * committees (yellow).
 */
export function initialTriage(input: { sourceKind: ActionItemSourceKind; responsibleUnit?: string | null }): Triage {
  const unit = parseResponsibleUnit(input.responsibleUnit ?? null);
  if (unit?.kind === 'department') return 'red';
  if (input.sourceKind === 'concern' && (unit === null || (unit.kind === 'party' && (unit.party === 'property_manager' || unit.party === 'grid'))))
    return 'green';
  return 'yellow';
}

/** Roles that may move an item into or out of red: the subdistrict and the station chief (a subdistrict cadre). */
const RED_ROLES: readonly Role[] = ['subdistrict_committee', 'station_chief'];
const TRIAGE_ROLES: readonly Role[] = ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'grid_worker'];

export interface TriageChange {
  from: Triage;
  to: Triage;
  direction: 'escalate' | 'de_escalate';
  reason: string;
}

/**
 * Escalation and de-escalation move one level at a time, always with a reason, never on a signed-off
 * item. Only the subdistrict or the station chief may move an item into or out of red; grid workers
 * may escalate green to yellow but not de-escalate.
 */
export function changeTriage(input: { status: ActionItemStatus; from: Triage; to: Triage; reason: string; roles: ReadonlySet<Role> }): TriageChange {
  const { status, from, to, roles } = input;
  const reason = input.reason.trim();
  if (status === 'signed_off') throw new DomainError('triage_closed');
  if (from === to) throw new DomainError('triage_unchanged', { triage: to });
  if (Math.abs(TRIAGE_RANK[to] - TRIAGE_RANK[from]) !== 1) throw new DomainError('triage_skip', { from, to });
  if (reason.length === 0) throw new DomainError('triage_reason_required');
  const direction = TRIAGE_RANK[to] > TRIAGE_RANK[from] ? 'escalate' : 'de_escalate';
  const has = (list: readonly Role[]) => list.some((role) => roles.has(role));
  if (!has(TRIAGE_ROLES)) throw new DomainError('forbidden');
  if ((from === 'red' || to === 'red') && !has(RED_ROLES)) throw new DomainError('triage_red_needs_subdistrict');
  if (direction === 'de_escalate' && !has(TRIAGE_ROLES.filter((r) => r !== 'grid_worker'))) throw new DomainError('forbidden');
  return { from, to, direction, reason };
}

/** An overdue item that is not red yet should go up one level; this suggests it (people decide). */
export function suggestedEscalation(triage: Triage, overdue: boolean): Triage | null {
  if (!overdue) return null;
  return triage === 'green' ? 'yellow' : triage === 'yellow' ? 'red' : null;
}

// ---- deadlines and overdue ------------------------------------------------------------------------

/** Overdue: not yet resolved or signed off, and the due date (a China date) has passed. */
export function isOverdue(item: { status: ActionItemStatus; dueDate: string }, today: string): boolean {
  return (item.status === 'open' || item.status === 'in_progress') && today > item.dueDate;
}

// ---- the "1341" response targets ------------------------------------------------------------------

export const RESPONSE_LEVELS = ['ordinary', 'complex', 'major'] as const;
export type ResponseLevel = (typeof RESPONSE_LEVELS)[number];

export type ResolveKind = 'solution' | 'plan';

/**
 * The "1341" levels (片区快速反应): on site within 10 minutes, then an ordinary problem solved within
 * 30 minutes, a complex one within 4 hours, a plan for a major one within 1 day. `dueOnTargetDay`:
 * the item's deadline on the ledger is the day its target falls, so what the resident was promised
 * ("30分钟内解决") and the deadline the ledger holds it to agree; a major problem's target is only a
 * plan, and its solution is due like any other concern, within 5 working days.
 */
export const RESPONSE_LEVEL_SPECS: Record<ResponseLevel, { resolveWithinMinutes: number; resolveKind: ResolveKind; dueOnTargetDay: boolean }> = {
  ordinary: { resolveWithinMinutes: 30, resolveKind: 'solution', dueOnTargetDay: true },
  complex: { resolveWithinMinutes: 240, resolveKind: 'solution', dueOnTargetDay: true },
  major: { resolveWithinMinutes: 24 * 60, resolveKind: 'plan', dueOnTargetDay: false },
};

/** What each level promises, in the words the resident chooses from (they match the deadline the item gets). */
export const RESPONSE_LEVEL_LABELS: Record<ResponseLevel, Record<Locale, string>> = {
  ordinary: { 'zh-CN': '紧急·一般问题：10分钟内到场，30分钟内解决', en: 'Urgent · ordinary: on site in 10 minutes, solved within 30 minutes' },
  complex: { 'zh-CN': '紧急·复杂问题：10分钟内到场，4小时内解决', en: 'Urgent · complex: on site in 10 minutes, solved within 4 hours' },
  major: {
    'zh-CN': '紧急·重大问题：10分钟内到场，1天内拿出方案，5个工作日内办结',
    en: 'Urgent · major: on site in 10 minutes, a plan within 1 day, resolved within 5 working days',
  },
};

const MINUTE = 60_000;

export interface ResponseTargets {
  /** On site within 10 minutes (1). */
  onSiteBy: string;
  /** Ordinary: solved within 30 minutes (3); complex: within 4 hours (4); major: a plan within 1 day (1). */
  resolveBy: string;
  /** What `resolveBy` means: a solution, or only a plan (major problems). */
  resolveKind: ResolveKind;
}

/** The "1341" rapid-response targets (片区快速反应) of an urgent concern reported at `reportedAt`. */
export function responseTargets(reportedAt: Date, level: ResponseLevel): ResponseTargets {
  const t = reportedAt.getTime();
  const spec = RESPONSE_LEVEL_SPECS[level];
  return {
    onSiteBy: new Date(t + 10 * MINUTE).toISOString(),
    resolveBy: new Date(t + spec.resolveWithinMinutes * MINUTE).toISOString(),
    resolveKind: spec.resolveKind,
  };
}

/**
 * When a concern reported at `reportedAt` is due on the ledger: an urgent ordinary or complex one on
 * the China day its "1341" target falls (`workdays` 0: the target time is the deadline); every other
 * concern within 5 working days, like an evening-talk question.
 */
export function concernDeadline(reportedAt: Date, urgency: ResponseLevel | null): { workdays: number; dueDate: string; calendarMissing: boolean } {
  if (urgency && RESPONSE_LEVEL_SPECS[urgency].dueOnTargetDay) {
    return { workdays: 0, dueDate: chinaDate(new Date(responseTargets(reportedAt, urgency).resolveBy)), calendarMissing: false };
  }
  const deadline = addWorkdays(chinaDate(reportedAt), DEFAULT_DEADLINE_WORKDAYS);
  return { workdays: DEFAULT_DEADLINE_WORKDAYS, dueDate: deadline.dueDate, calendarMissing: deadline.calendarMissing };
}

// ---- residents' photos of a concern ---------------------------------------------------------------

/**
 * Photos a resident attaches to a concern: resized on the phone to about CONCERN_PHOTO_MAX_SIDE
 * pixels on the longest side (so a real phone photo fits), checked and re-encoded on the server
 * without its metadata (GPS position, phone model), at most CONCERN_PHOTO_MAX_COUNT per concern.
 */
export const CONCERN_PHOTO_MAX_COUNT = 4;
export const CONCERN_PHOTO_MAX_SIDE = 1600;
/** Bytes of one uploaded photo; a 1600-pixel JPEG from a phone is 200–700 KB. */
export const CONCERN_PHOTO_MAX_BYTES = 1_500_000;
/** What the server takes (and what a browser's canvas produces); anything else is refused in words. */
export const CONCERN_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** Photos uploaded but not yet sent with a concern, per person: the rest waits until those are used or expire (a day). */
export const CONCERN_PHOTO_MAX_PENDING = 12;

/** Where a stored photo is served. */
/** Staff's photos of the work: at most this many with a resolution (a progress update takes CONCERN_PHOTO_MAX_COUNT). */
export const EVIDENCE_PHOTO_MAX_COUNT = 6;

/** Where a photo (a resident's or staff's evidence) is served; the only photo addresses items carry. */
export function concernPhotoUrl(photoId: string): string {
  return `/api/action-item-photos/${encodeURIComponent(photoId)}`;
}

// ---- sign-off numbers -------------------------------------------------------------------------------

const SIGN_OFF_PATTERN = /^([A-Z][A-Z0-9]{1,11})-(\d{4})-(\d{4,})$/;

/** `<compound code>-<year>-<4-digit sequence>`: DSCT-2026-0001. Past 9999 the sequence grows a digit. */
export function formatSignOffNumber(compoundCode: string, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  if (!/^[A-Z][A-Z0-9]{1,11}$/.test(compoundCode)) throw new RangeError(`bad compound code ${compoundCode}`);
  return `${compoundCode}-${year}-${String(sequence).padStart(4, '0')}`;
}

export function parseSignOffNumber(value: string): { compoundCode: string; year: number; sequence: number } | null {
  const match = SIGN_OFF_PATTERN.exec(value);
  if (!match) return null;
  return { compoundCode: match[1]!, year: Number(match[2]), sequence: Number(match[3]) };
}

// ---- responsible units --------------------------------------------------------------------------------

export type ResponsibleUnit = { kind: 'party'; party: 'community' | 'owners_committee' | 'property_manager' | 'grid' } | { kind: 'department'; name: string };

/**
 * A responsible unit is stored as text: one of the parties (`community`, `owners_committee`,
 * `property_manager`, `grid`) or `department:<name>` for a named government department (住建局 …).
 */
/** Words staff type for the parties (meetings record the unit as said in the hall). */
const PARTY_WORDS: Record<string, 'community' | 'owners_committee' | 'property_manager' | 'grid'> = {
  社区: 'community',
  居委会: 'community',
  社区居委会: 'community',
  村委会: 'community',
  业委会: 'owners_committee',
  业主委员会: 'owners_committee',
  物业: 'property_manager',
  物业公司: 'property_manager',
  物业企业: 'property_manager',
  网格: 'grid',
  网格员: 'grid',
};

export function parseResponsibleUnit(value: string | null): ResponsibleUnit | null {
  const text = value?.trim();
  if (!text) return null;
  if (text === 'community' || text === 'owners_committee' || text === 'property_manager' || text === 'grid') return { kind: 'party', party: text };
  const party = PARTY_WORDS[text];
  if (party) return { kind: 'party', party };
  if (text.startsWith('department:')) return { kind: 'department', name: text.slice('department:'.length) };
  return { kind: 'department', name: text };
}

const UNIT_LABELS: Record<string, Record<Locale, string>> = {
  community: { 'zh-CN': '社区', en: 'Community' },
  owners_committee: { 'zh-CN': '业委会', en: "Owners' committee" },
  property_manager: { 'zh-CN': '物业企业', en: 'Property manager' },
  grid: { 'zh-CN': '网格员', en: 'Grid worker' },
};

export function responsibleUnitLabel(value: string | null, locale: Locale): string {
  const unit = parseResponsibleUnit(value);
  if (!unit) return locale === 'en' ? 'Not assigned' : '未指定';
  return unit.kind === 'party' ? UNIT_LABELS[unit.party]![locale] : unit.name;
}

/** The unit's name in both languages, as the API's views carry it. */
export function responsibleUnitWords(value: string | null): Record<Locale, string> {
  return { 'zh-CN': responsibleUnitLabel(value, 'zh-CN'), en: responsibleUnitLabel(value, 'en') };
}

// ---- rating ---------------------------------------------------------------------------------------------

/** Whether a rating given at `ratedAt` reopens an item signed off at `signedOffAt`. */
export function ratingReopens(rating: Rating, signedOffAt: string, ratedAt: Date, windowDays = REOPEN_WINDOW_DAYS): boolean {
  if (rating !== 'dissatisfied') return false;
  return ratedAt.getTime() - Date.parse(signedOffAt) <= windowDays * 86_400_000;
}

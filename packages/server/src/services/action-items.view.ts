/**
 * What the API shows of an action item: the staff view (everything but the raiser's contact data),
 * the public view (no personal data at all), the meeting reconciliation and the ledger rows.
 */
import { DomainError, chinaDate, isOverdue, responsibleUnitLabel, suggestedEscalation, type ActionItemStatus, type Triage } from '@yishi/core';
import { listActionItems, listActionItemUpdates, listRatings, type ActionItemFilter } from '../db/repositories/action-items.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import type { ActionItemRow, ActionItemUpdateRow } from '../db/tables/action-items.table.js';
import type { Deps } from '../deps.js';

type RatingRow = Awaited<ReturnType<typeof listRatings>>[number];

function photos(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function ratingSummary(ratings: readonly RatingRow[]) {
  const counts = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
  for (const r of ratings) if (r.rating in counts) counts[r.rating as keyof typeof counts] += 1;
  return counts;
}

/** Fields everyone may see. */
function baseView(item: ActionItemRow, today: string) {
  const overdue = isOverdue({ status: item.status as ActionItemStatus, dueDate: item.due_date }, today);
  return {
    id: item.id,
    compoundId: item.compound_id,
    title: item.title,
    description: item.description,
    location: item.location,
    source: { kind: item.source_kind, id: item.source_id, meetingId: item.source_meeting_id },
    responsibleUnit: item.responsible_unit,
    responsibleUnitLabel: { 'zh-CN': responsibleUnitLabel(item.responsible_unit, 'zh-CN'), en: responsibleUnitLabel(item.responsible_unit, 'en') },
    measures: item.measures,
    triage: item.triage as Triage,
    status: item.status as ActionItemStatus,
    listedAt: item.listed_at,
    deadlineWorkdays: item.deadline_workdays,
    dueDate: item.due_date,
    /** The count ran into a year without holiday data: the date is an estimate to be confirmed. */
    dueDateProvisional: item.due_date_provisional === 1,
    overdue,
    suggestedTriage: suggestedEscalation(item.triage as Triage, overdue),
    urgency: item.urgency,
    response: item.urgency
      ? {
          onSiteBy: item.target_on_site_at,
          onSiteAt: item.on_site_at,
          onSiteMet: item.on_site_at !== null && item.target_on_site_at !== null ? item.on_site_at <= item.target_on_site_at : null,
          resolveBy: item.target_resolve_at,
          resolvedAt: item.resolved_at,
          resolveMet: item.resolved_at !== null && item.target_resolve_at !== null ? item.resolved_at <= item.target_resolve_at : null,
        }
      : null,
    resolvedAt: item.resolved_at,
    signOffNumber: item.sign_off_number,
    signedOffAt: item.signed_off_at,
    signedOffBy: item.signed_off_by_name,
    resolution: item.resolution,
    reopenCount: item.reopen_count,
  };
}

function updateView(u: ActionItemUpdateRow, forPublic: boolean) {
  return {
    id: u.id,
    kind: u.kind,
    // Rating comments are residents' words about themselves: not on the public board.
    text: forPublic && u.kind === 'rated' ? '' : u.text,
    photos: photos(u.photos),
    from: u.from_value,
    to: u.to_value,
    author: forPublic ? null : u.author_name || null,
    at: u.created_at,
  };
}

export function staffView(item: ActionItemRow, updates: readonly ActionItemUpdateRow[], ratings: readonly RatingRow[], today: string) {
  return {
    ...baseView(item, today),
    handlerName: item.handler_name,
    evidence: item.evidence,
    evidencePhotos: photos(item.evidence_photos),
    raisedByResident: item.raised_by_user_id !== null,
    updates: updates.map((u) => updateView(u, false)),
    ratings: ratings.map((r) => ({ rating: r.rating, comment: r.comment, signOffNumber: r.sign_off_number, reopened: r.reopened === 1, at: r.created_at })),
    ratingSummary: ratingSummary(ratings),
  };
}

export function publicView(item: ActionItemRow, updates: readonly ActionItemUpdateRow[], ratings: readonly RatingRow[], today: string) {
  const base = baseView(item, today);
  return {
    ...base,
    // The description of a resident's own concern can name them or their flat; the board shows the title.
    description: item.source_kind === 'concern' ? '' : base.description,
    location: item.source_kind === 'concern' ? '' : base.location,
    progress: updates.filter((u) => u.kind !== 'rated').map((u) => updateView(u, true)),
    ratingSummary: ratingSummary(ratings),
  };
}

export function todayIn(deps: Pick<Deps, 'clock'>): string {
  return chinaDate(deps.clock());
}

async function loadWithDetails(db: Db, items: ActionItemRow[]) {
  const ids = items.map((i) => i.id);
  const [updates, ratings] = await Promise.all([listActionItemUpdates(db, ids), listRatings(db, ids)]);
  const byItem = <T extends { action_item_id: string }>(rows: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.action_item_id, [...(map.get(row.action_item_id) ?? []), row]);
    return map;
  };
  return { updates: byItem(updates), ratings: byItem(ratings) };
}

const STATUS_ORDER: Record<string, number> = { open: 1, in_progress: 1, resolved: 2, signed_off: 3 };

/** Overdue first, then what is still open by due date, then awaiting sign-off, then the signed off (newest first). */
function byUrgency(a: { overdue: boolean; status: string; dueDate: string; signedOffAt: string | null }, b: typeof a): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const rank = (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9);
  if (rank !== 0) return rank;
  if (a.status === 'signed_off') return (b.signedOffAt ?? '').localeCompare(a.signedOffAt ?? '');
  return a.dueDate.localeCompare(b.dueDate);
}

export async function listStaffItems(deps: Deps, filter: ActionItemFilter & { overdue?: boolean }) {
  const items = await listActionItems(deps.db, filter);
  const { updates, ratings } = await loadWithDetails(deps.db, items);
  const today = todayIn(deps);
  return items
    .map((i) => staffView(i, updates.get(i.id) ?? [], ratings.get(i.id) ?? [], today))
    .filter((i) => filter.overdue === undefined || i.overdue === filter.overdue)
    .sort(byUrgency);
}

export async function listPublicItems(deps: Deps, compoundId: string) {
  const items = await listActionItems(deps.db, { compoundId });
  const { updates, ratings } = await loadWithDetails(deps.db, items);
  const today = todayIn(deps);
  return items.map((i) => publicView(i, updates.get(i.id) ?? [], ratings.get(i.id) ?? [], today)).sort(byUrgency);
}

export async function getStaffItem(deps: Deps, item: ActionItemRow) {
  const { updates, ratings } = await loadWithDetails(deps.db, [item]);
  return staffView(item, updates.get(item.id) ?? [], ratings.get(item.id) ?? [], todayIn(deps));
}

export async function getPublicItem(deps: Deps, item: ActionItemRow) {
  const { updates, ratings } = await loadWithDetails(deps.db, [item]);
  return publicView(item, updates.get(item.id) ?? [], ratings.get(item.id) ?? [], todayIn(deps));
}

/**
 * Reconciliation (对账) of one meeting: every listed question and every agenda outcome that became
 * action items, each with its item's status and sign-off number, plus any action item of the meeting
 * not linked from a question. Fully reconciled when every listed question has an item and every
 * item is signed off.
 */
export async function reconcileMeeting(deps: Deps, meetingId: string) {
  const db = deps.db;
  const meeting = await db.selectFrom('meetings').select(['id', 'compound_id', 'kind', 'title', 'starts_at', 'status']).where('id', '=', meetingId).executeTakeFirst();
  const items = await listActionItems(db, { meetingId });
  if (!meeting && items.length === 0) throw new DomainError('not_found');
  const byId = new Map(items.map((i) => [i.id, i]));
  const questions = meeting
    ? await db.selectFrom('meeting_questions').select(['id', 'number', 'status', 'text', 'category', 'action_item_id']).where('meeting_id', '=', meetingId).orderBy('number').execute()
    : [];
  const outcomes = meeting
    ? await db.selectFrom('meeting_agenda_items').select(['id', 'position', 'title', 'outcome', 'action_item_id']).where('meeting_id', '=', meetingId).orderBy('position').execute()
    : [];
  const itemSummary = (id: string | null) => {
    const item = id ? byId.get(id) : undefined;
    return item ? { id: item.id, title: item.title, status: item.status, signOffNumber: item.sign_off_number, dueDate: item.due_date, overdue: isOverdue({ status: item.status as ActionItemStatus, dueDate: item.due_date }, todayIn(deps)) } : null;
  };
  const listed = questions.filter((q) => q.status === 'listed');
  const questionRows = listed.map((q) => ({ id: q.id, number: q.number, text: q.text, category: q.category, actionItem: itemSummary(q.action_item_id), missingActionItem: !q.action_item_id || !byId.has(q.action_item_id) }));
  const outcomeRows = outcomes
    .filter((o) => o.outcome === 'action_items' || o.action_item_id !== null)
    .map((o) => ({ id: o.id, position: o.position, title: o.title, outcome: o.outcome, actionItem: itemSummary(o.action_item_id), missingActionItem: !o.action_item_id || !byId.has(o.action_item_id) }));
  const linked = new Set([...listed.map((q) => q.action_item_id), ...outcomes.map((o) => o.action_item_id)]);
  const signedOff = items.filter((i) => i.status === 'signed_off').length;
  const missing = questionRows.filter((q) => q.missingActionItem).length + outcomeRows.filter((o) => o.missingActionItem).length;
  return {
    meeting: meeting ? { id: meeting.id, compoundId: meeting.compound_id, kind: meeting.kind, title: meeting.title, startsAt: meeting.starts_at, status: meeting.status } : { id: meetingId, compoundId: items[0]!.compound_id, kind: null, title: null, startsAt: null, status: null },
    counts: {
      questions: questions.length,
      answeredOnSpot: questions.filter((q) => q.status === 'answered').length,
      listed: listed.length,
      actionItems: items.length,
      signedOff,
      missingActionItems: missing,
    },
    questions: questionRows,
    outcomes: outcomeRows,
    otherItems: items.filter((i) => !linked.has(i.id)).map((i) => itemSummary(i.id)),
    reconciled: missing === 0 && items.length > 0 && signedOff === items.length,
  };
}

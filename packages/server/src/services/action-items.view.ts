/**
 * What the API shows of action items: the staff view (everything but the raiser's contact data),
 * the public view (no personal data at all), a resident's own concerns, the board's list and the
 * meeting reconciliation. Reads only; the shapes are core's (action-items.schema.ts).
 */
import {
  ACTION_ITEM_VIEWERS,
  DomainError,
  RESPONSE_LEVEL_SPECS,
  chinaDate,
  concernPhotoUrl,
  isOverdue,
  responsibleUnitWords,
  suggestedEscalation,
  type ActionItemDetail,
  type ActionItemList,
  type ActionItemPublicView,
  type ActionItemStaffView,
  type ActionItemUpdateView,
  type ConcernView,
  type Page,
  type PageRequest,
  type PublicActionItems,
  type RatingSummary,
  type Reconciliation,
} from '@yishi/core';
import type { Actor, PlaceChain } from '../auth/actor.js';
import { rolesAt } from '../auth/authorize.js';
import {
  findActionItem,
  findCompoundCode,
  findCompoundOfMeetingItems,
  findRating,
  countActionItems,
  listActionItems,
  listActionItemUpdates,
  listRatings,
  pageActionItemsByUrgency,
  pageActionItemsNewestFirst,
  type UrgencyFilter,
} from '../db/repositories/action-items.repository.js';
import { findMeeting, listAgendaItems, listQuestions } from '../db/repositories/meetings.repository.js';
import { findCompoundChain, type Db } from '../db/repositories/places.repository.js';
import type { ActionItemRatingRow, ActionItemRow, ActionItemUpdateRow } from '../db/tables/action-items.table.js';
import type { PhotoMeta } from '../db/tables/photos.table.js';
import { listPhotosOfItems } from '../db/repositories/photos.repository.js';
import { photoView } from './photos.service.js';
import type { Deps } from '../deps.js';

type RatingRow = Pick<ActionItemRatingRow, 'action_item_id' | 'sign_off_number' | 'rating' | 'comment' | 'reopened' | 'created_at'>;
type PhotoRow = Pick<PhotoMeta, 'action_item_id' | 'id' | 'width' | 'height' | 'public'>;

/** Our own photo addresses: evidence photos before 20261231090000_photos were unchecked links, never shown again. */
const OWN_PHOTO_PREFIX = concernPhotoUrl('');
const isOwnPhoto = (url: string) => url.startsWith(OWN_PHOTO_PREFIX) && /^[0-9a-z]+$/.test(url.slice(OWN_PHOTO_PREFIX.length));

/** Evidence and progress photos, stored as a JSON list of the URLs of photos we checked. */
function photoUrls(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && isOwnPhoto(v)) : [];
  } catch {
    return [];
  }
}

function ratingSummary(ratings: readonly RatingRow[]): RatingSummary {
  const counts = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
  for (const r of ratings) counts[r.rating] += 1;
  return counts;
}

function itemOverdue(item: ActionItemRow, today: string): boolean {
  return isOverdue({ status: item.status, dueDate: item.due_date }, today);
}

/** Fields everyone may see (the photos as the caller may see them). */
function baseView(item: ActionItemRow, ratings: readonly RatingRow[], today: string, photos: readonly PhotoRow[]) {
  const overdue = itemOverdue(item, today);
  return {
    id: item.id,
    compoundId: item.compound_id,
    title: item.title,
    description: item.description,
    location: item.location,
    source: { kind: item.source_kind, id: item.source_id, meetingId: item.source_meeting_id },
    responsibleUnit: item.responsible_unit,
    responsibleUnitLabel: responsibleUnitWords(item.responsible_unit),
    measures: item.measures,
    triage: item.triage,
    status: item.status,
    listedAt: item.listed_at,
    deadlineWorkdays: item.deadline_workdays,
    dueDate: item.due_date,
    dueDateProvisional: item.due_date_provisional === 1,
    overdue,
    suggestedTriage: suggestedEscalation(item.triage, overdue),
    urgency: item.urgency,
    response: item.urgency
      ? {
          resolveKind: RESPONSE_LEVEL_SPECS[item.urgency].resolveKind,
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
    ratingSummary: ratingSummary(ratings),
    photos: photos.map(photoView),
  };
}

function updateView(u: ActionItemUpdateRow, forPublic: boolean): ActionItemUpdateView {
  return {
    id: u.id,
    kind: u.kind,
    // Rating comments are residents' words about themselves: not on the public board.
    text: forPublic && u.kind === 'rated' ? '' : u.text,
    photos: photoUrls(u.photos),
    from: u.from_value,
    to: u.to_value,
    author: forPublic ? null : u.author_name || null,
    at: u.created_at,
  };
}

function staffView(
  item: ActionItemRow,
  updates: readonly ActionItemUpdateRow[],
  ratings: readonly RatingRow[],
  today: string,
  photos: readonly PhotoRow[],
): ActionItemStaffView {
  return {
    ...baseView(item, ratings, today, photos),
    handlerName: item.handler_name,
    evidence: item.evidence,
    evidencePhotos: photoUrls(item.evidence_photos),
    raisedByResident: item.raised_by_user_id !== null,
    updates: updates.map((u) => updateView(u, false)),
    ratings: ratings.map((r) => ({ rating: r.rating, comment: r.comment, signOffNumber: r.sign_off_number, reopened: r.reopened === 1, at: r.created_at })),
  };
}

/** The board's view: no personal data, and only the photos the resident agreed to show. */
function publicView(
  item: ActionItemRow,
  updates: readonly ActionItemUpdateRow[],
  ratings: readonly RatingRow[],
  today: string,
  photos: readonly PhotoRow[],
): ActionItemPublicView {
  return ownerView(
    item,
    updates,
    ratings,
    today,
    photos.filter((p) => p.public === 1),
  );
}

/** A resident's own concern: the public view with all their photos. */
function ownerView(
  item: ActionItemRow,
  updates: readonly ActionItemUpdateRow[],
  ratings: readonly RatingRow[],
  today: string,
  photos: readonly PhotoRow[],
): ActionItemPublicView {
  const base = baseView(item, ratings, today, photos);
  return {
    ...base,
    // The description of a resident's own concern can name them or their flat; the board shows the title.
    description: item.source_kind === 'concern' ? '' : base.description,
    location: item.source_kind === 'concern' ? '' : base.location,
    progress: updates.filter((u) => u.kind !== 'rated').map((u) => updateView(u, true)),
  };
}

export function todayIn(deps: Pick<Deps, 'clock'>): string {
  return chinaDate(deps.clock());
}

type View<V> = (item: ActionItemRow, updates: readonly ActionItemUpdateRow[], ratings: readonly RatingRow[], today: string, photos: readonly PhotoRow[]) => V;

/** Loads the updates, ratings and photos of the items (three statements however many items); answers a function that shows one of them in a view. */
async function withDetails(deps: Deps, items: readonly ActionItemRow[]) {
  const ids = items.map((i) => i.id);
  const [updates, ratings, photos] = await Promise.all([
    listActionItemUpdates(deps.db, ids),
    listRatings(deps.db, ids),
    listPhotosOfItems(deps.db, ids, 'concern'),
  ]);
  const byItem = <T extends { action_item_id: string }>(rows: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.action_item_id, [...(map.get(row.action_item_id) ?? []), row]);
    return map;
  };
  const updatesOf = byItem(updates);
  const ratingsOf = byItem(ratings);
  const photosOf = byItem(photos.map((p) => ({ ...p, action_item_id: p.action_item_id ?? '' })));
  const today = todayIn(deps);
  return <V>(item: ActionItemRow, view: View<V>): V =>
    view(item, updatesOf.get(item.id) ?? [], ratingsOf.get(item.id) ?? [], today, photosOf.get(item.id) ?? []);
}

async function viewsOf<V>(deps: Deps, items: readonly ActionItemRow[], view: View<V>): Promise<V[]> {
  const show = await withDetails(deps, items);
  return items.map((i) => show(i, view));
}

async function viewOf<V>(deps: Deps, item: ActionItemRow, view: View<V>): Promise<V> {
  return (await withDetails(deps, [item]))(item, view);
}

/**
 * One page of the compound's items for staff, most urgent first (overdue, open and awaiting sign-off
 * by due date, then the signed off, latest first: the order is SQL's, see pageActionItemsByUrgency),
 * with the counts of the whole filtered list.
 */
export async function listStaffItems(deps: Deps, filter: UrgencyFilter, page: PageRequest): Promise<ActionItemList> {
  const today = todayIn(deps);
  const [{ rows, next }, counts] = await Promise.all([pageActionItemsByUrgency(deps.db, filter, today, page), countActionItems(deps.db, filter, today)]);
  return { items: await viewsOf(deps, rows, staffView), next, counts };
}

/**
 * The staff view of an item as read or as just saved. `fresh`: created in the caller's transaction a
 * moment ago, so it has no updates or ratings to load yet.
 */
export async function staffItemView(deps: Deps, item: ActionItemRow, options: { fresh?: boolean } = {}): Promise<ActionItemStaffView> {
  if (options.fresh) return staffView(item, [], [], todayIn(deps), []);
  return viewOf(deps, item, staffView);
}

/** A new concern as its reporter sees it: nothing has happened to it yet but the photos they sent with it. */
export async function newConcernView(deps: Deps, item: ActionItemRow): Promise<ConcernView> {
  return { ...(await viewOf(deps, item, ownerView)), mine: true };
}

/** The compound's items for the public notice board, a page at a time in the staff list's order, with counts of them all. */
export async function getPublicBoardItems(deps: Deps, compoundId: string, page: PageRequest): Promise<PublicActionItems> {
  const compound = await findCompoundCode(deps.db, compoundId);
  if (!compound) throw new DomainError('compound_not_found');
  const today = todayIn(deps);
  const [{ rows, next }, counts] = await Promise.all([
    pageActionItemsByUrgency(deps.db, { compoundId }, today, page),
    countActionItems(deps.db, { compoundId }, today),
  ]);
  return {
    compound,
    counts: { total: counts.total, signedOff: counts.signedOff, open: counts.total - counts.signedOff, overdue: counts.overdue },
    items: await viewsOf(deps, rows, publicView),
    next,
  };
}

/** The concerns a resident reported in a compound, newest first, a page at a time. */
export async function listMyConcerns(deps: Deps, actor: Actor, compoundId: string, page: PageRequest): Promise<Page<ConcernView>> {
  const { rows, next } = await pageActionItemsNewestFirst(deps.db, { compoundId, raisedByUserId: actor.userId }, page);
  const items = await viewsOf(deps, rows, ownerView);
  return { items: items.map((i) => ({ ...i, mine: true })), next };
}

/** One item for the caller: the staff record for those who work on items, else the public view with the caller's own rating. */
export async function getActionItemFor(deps: Deps, actor: Actor, place: PlaceChain, itemId: string): Promise<ActionItemDetail> {
  const item = await findActionItem(deps.db, itemId);
  if (!item) throw new DomainError('action_item_not_found');
  const roles = rolesAt(actor, place);
  if (ACTION_ITEM_VIEWERS.some((r) => roles.has(r)))
    return { ...(await staffItemView(deps, item)), view: 'staff', resolvedByMe: item.resolved_by_user_id === actor.userId };
  const myRating = item.sign_off_number ? await findRating(deps.db, item.id, actor.userId, item.sign_off_number) : undefined;
  const mine = item.raised_by_user_id === actor.userId;
  return {
    ...(await viewOf(deps, item, mine ? ownerView : publicView)),
    view: 'resident',
    mine,
    myRating: myRating ?? null,
  };
}

/** The compound of the action item named by id (the place a request about it is checked at). */
export async function placeOfActionItem(db: Db, itemId: string): Promise<PlaceChain | undefined> {
  const item = await findActionItem(db, itemId);
  return item ? findCompoundChain(db, item.compound_id) : undefined;
}

/** The compound of a meeting, or of the items listed under its id. */
export async function placeOfMeeting(db: Db, meetingId: string): Promise<PlaceChain | undefined> {
  const compoundId = (await findMeeting(db, meetingId))?.compound_id ?? (await findCompoundOfMeetingItems(db, meetingId));
  return compoundId ? findCompoundChain(db, compoundId) : undefined;
}

/**
 * Reconciliation (对账) of one meeting: every listed question and every agenda outcome that became
 * action items, each with its item's status and sign-off number, plus any action item of the meeting
 * not linked from a question. Fully reconciled when every listed question has an item and every
 * item is signed off.
 */
export async function reconcileMeeting(deps: Deps, meetingId: string): Promise<Reconciliation> {
  const db = deps.db;
  const meeting = await findMeeting(db, meetingId);
  const items = await listActionItems(db, { meetingId });
  const first = items[0];
  // Items listed by hand may name a meeting the database does not hold: then only their compound is known.
  const meetingView = meeting
    ? { id: meeting.id, compoundId: meeting.compound_id, kind: meeting.kind, title: meeting.title, startsAt: meeting.starts_at, status: meeting.status }
    : first
      ? { id: meetingId, compoundId: first.compound_id, kind: null, title: null, startsAt: null, status: null }
      : null;
  if (!meetingView) throw new DomainError('not_found');
  const today = todayIn(deps);
  const byId = new Map(items.map((i) => [i.id, i]));
  const questions = meeting ? await listQuestions(db, meetingId) : [];
  const outcomes = meeting ? await listAgendaItems(db, meetingId) : [];
  const summary = (item: ActionItemRow) => ({
    id: item.id,
    title: item.title,
    status: item.status,
    signOffNumber: item.sign_off_number,
    dueDate: item.due_date,
    overdue: itemOverdue(item, today),
  });
  const linkedItem = (id: string | null) => {
    const item = id ? byId.get(id) : undefined;
    return item ? summary(item) : null;
  };
  const listed = questions.filter((q) => q.status === 'listed');
  const questionRows = listed.map((q) => ({
    id: q.id,
    number: q.number,
    text: q.text,
    category: q.category,
    actionItem: linkedItem(q.action_item_id),
    missingActionItem: !q.action_item_id || !byId.has(q.action_item_id),
  }));
  const outcomeRows = outcomes
    .filter((o) => o.outcome === 'action_items' || o.action_item_id !== null)
    .map((o) => ({
      id: o.id,
      position: o.position,
      title: o.title,
      outcome: o.outcome,
      actionItem: linkedItem(o.action_item_id),
      missingActionItem: !o.action_item_id || !byId.has(o.action_item_id),
    }));
  const linked = new Set([...listed.map((q) => q.action_item_id), ...outcomes.map((o) => o.action_item_id)]);
  const signedOff = items.filter((i) => i.status === 'signed_off').length;
  const missing = questionRows.filter((q) => q.missingActionItem).length + outcomeRows.filter((o) => o.missingActionItem).length;
  return {
    meeting: meetingView,
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
    otherItems: items.filter((i) => !linked.has(i.id)).map(summary),
    reconciled: missing === 0 && items.length > 0 && signedOff === items.length,
  };
}

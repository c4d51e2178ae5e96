/**
 * Action items through their life: listed (from a meeting, a proposal or a resident's concern),
 * worked on with dated public updates, resolved with evidence, signed off with a gapless number,
 * rated by residents and — when a resident is dissatisfied in time — reopened. Every step that the
 * ledger records runs in one transaction with its ledger entry.
 */
import {
  DomainError,
  addWorkdays,
  chinaDate,
  changeTriage,
  concernDeadline,
  initialTriage,
  responseTargets,
  transition,
  type ActionItemSourceKind,
  type ActionItemStaffView,
  type ActionItemUpdateKind,
  type ConcernView,
  type CreateActionItemInput,
  type ResponseLevel,
  type Role,
  type SubmitConcernInput,
  type Triage,
} from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { rolesAt } from '../auth/authorize.js';
import { newId } from '../db/ids.js';
import { lockSignOffTallies } from '../db/dialect.js';
import { transact } from '../db/transact.js';
import {
  findActionItem,
  findCompoundCode,
  findQuestionAsker,
  insertActionItem,
  insertActionItemUpdate,
  isMeetingOfCompound,
  findSourceRecord,
  updateActionItemIfStatus,
} from '../db/repositories/action-items.repository.js';
import { findCompoundChain, type Db } from '../db/repositories/places.repository.js';
import type { ActionItemRow, ActionItemUpdateTable } from '../db/tables/action-items.table.js';
import type { Deps } from '../deps.js';
import { newConcernView, staffItemView } from './action-items.view.js';
import { attachConcernPhotos, attachEvidencePhotos } from './photos.service.js';
import { appendLedgerEntry } from './ledger.service.js';
import { enqueueNotifications } from './notifications.service.js';

export interface NewActionItemInput {
  compoundId: string;
  title: string;
  description: string;
  source: { kind: ActionItemSourceKind; id: string; meetingId?: string | null };
  responsibleUnit?: string | null;
  /** Working days on the PRC calendar; without them 5 (or an urgent concern's "1341" target day). */
  deadlineWorkdays?: number;
  /** The China date those working days count from: today unless given. */
  deadlineFrom?: string;
  createdByUserId: string | null;
  handlerName?: string | null;
  measures?: string;
  triage?: Triage;
  /** Urgent concerns: starts the "1341" clock. */
  urgency?: ResponseLevel | null;
  raisedByUserId?: string | null;
  location?: string;
}

/**
 * Lists an action item and records it on the ledger, inside the caller's transaction (the meetings
 * service calls this while listing an evening-talk question; routes call it through their own).
 */
export async function createActionItem(
  trx: Db,
  deps: Pick<Deps, 'clock' | 'config'>,
  input: NewActionItemInput,
): Promise<{ id: string; dueDate: string; dueDateProvisional: boolean; item: ActionItemRow }> {
  const compound = await findCompoundCode(trx, input.compoundId);
  if (!compound) throw new DomainError('compound_not_found');
  const now = deps.clock();
  const nowIso = now.toISOString();
  // Staff may set the working days; otherwise 5, except that an urgent concern is due when its "1341" target falls.
  const { workdays, ...deadline } =
    input.deadlineWorkdays !== undefined
      ? { workdays: input.deadlineWorkdays, ...addWorkdays(input.deadlineFrom ?? chinaDate(now), input.deadlineWorkdays) }
      : concernDeadline(now, input.urgency ?? null);
  const triage = input.triage ?? initialTriage({ sourceKind: input.source.kind, responsibleUnit: input.responsibleUnit ?? null });
  const targets = input.urgency ? responseTargets(now, input.urgency) : null;
  // A resident who asked an evening-talk question under their own account is the one who rates it.
  let raisedBy = input.raisedByUserId;
  if (raisedBy === undefined && input.source.kind === 'evening_question') raisedBy = await findQuestionAsker(trx, input.source.id);
  const id = newId();
  const item: ActionItemRow = {
    id,
    compound_id: input.compoundId,
    title: input.title,
    description: input.description,
    location: input.location ?? '',
    source_kind: input.source.kind,
    source_id: input.source.id,
    source_meeting_id: input.source.meetingId ?? null,
    responsible_unit: input.responsibleUnit ?? null,
    handler_name: input.handlerName ?? null,
    measures: input.measures ?? '',
    triage,
    status: 'open',
    deadline_workdays: workdays,
    listed_at: nowIso,
    due_date: deadline.dueDate,
    due_date_provisional: deadline.calendarMissing ? 1 : 0,
    urgency: input.urgency ?? null,
    target_on_site_at: targets?.onSiteBy ?? null,
    target_resolve_at: targets?.resolveBy ?? null,
    on_site_at: null,
    raised_by_user_id: raisedBy ?? null,
    created_by_user_id: input.createdByUserId,
    resolved_at: null,
    resolved_by_user_id: null,
    evidence: null,
    evidence_photos: '[]',
    sign_off_number: null,
    signed_off_at: null,
    signed_off_by_user_id: null,
    signed_off_by_name: null,
    resolution: null,
    reopen_count: 0,
    created_at: nowIso,
    updated_at: nowIso,
  };
  await insertActionItem(trx, item);
  await appendLedgerEntry(trx, {
    compoundId: input.compoundId,
    kind: 'listed',
    actionItemId: id,
    signOffNumber: null,
    createdAt: nowIso,
    payload: {
      title: input.title,
      source: { kind: input.source.kind, id: input.source.id, meetingId: input.source.meetingId ?? null },
      responsibleUnit: input.responsibleUnit ?? null,
      triage,
      deadlineWorkdays: workdays,
      dueDate: deadline.dueDate,
      dueDateProvisional: deadline.calendarMissing,
    },
  });
  if (item.responsible_unit) await enqueueNotifications(trx, deps, { kind: 'item_assigned', itemId: id, causedByUserId: input.createdByUserId });
  return { id, dueDate: deadline.dueDate, dueDateProvisional: deadline.calendarMissing, item };
}

// ---- listing by hand and concerns -----------------------------------------------------------------

/**
 * The source of an item listed by hand, checked: a named record must exist in this compound (another
 * compound's question, agenda item or proposal is answered as not found, so nothing of it leaks), a
 * named meeting too, and a record inside a meeting must be of the meeting named. Without a record the
 * source gets a fresh id (shown publicly, like a concern's).
 */
async function checkedSource(trx: Db, compoundId: string, source: CreateActionItemInput['source']): Promise<NewActionItemInput['source']> {
  const meetingId = source.meetingId ?? null;
  if (meetingId !== null && !(await isMeetingOfCompound(trx, meetingId, compoundId)))
    throw new DomainError('action_item_source_meeting_not_found', { meetingId });
  if (source.id === undefined) return { kind: source.kind, id: newId(), meetingId };
  const record = await findSourceRecord(trx, source.kind, source.id);
  if (!record || record.compoundId !== compoundId) throw new DomainError('action_item_source_not_found', { kind: source.kind, id: source.id });
  if (meetingId !== null && record.meetingId !== null && record.meetingId !== meetingId)
    throw new DomainError('action_item_source_other_meeting', { kind: source.kind, meetingId });
  return { kind: source.kind, id: source.id, meetingId: meetingId ?? record.meetingId };
}

/** Staff list an item by hand (a council outcome, a passed proposal …): answered as staff see it. */
export async function listActionItemByHand(deps: Deps, actor: Actor, compoundId: string, input: CreateActionItemInput): Promise<ActionItemStaffView> {
  const created = await transact(deps.db, async (trx) =>
    createActionItem(trx, deps, {
      compoundId,
      title: input.title,
      description: input.description,
      source: await checkedSource(trx, compoundId, input.source),
      responsibleUnit: input.responsibleUnit ?? null,
      ...(input.deadlineWorkdays ? { deadlineWorkdays: input.deadlineWorkdays } : {}),
      createdByUserId: actor.userId,
      handlerName: input.handlerName ?? null,
      measures: input.measures,
      ...(input.triage ? { triage: input.triage } : {}),
    }),
  );
  return staffItemView(deps, created.item, { fresh: true });
}

/** A resident reports a concern online, with the photos they uploaded for it: it becomes an action item they may follow and rate. */
export async function reportConcern(deps: Deps, actor: Actor, compoundId: string, input: SubmitConcernInput): Promise<ConcernView> {
  const created = await transact(deps.db, async (trx) => {
    const listed = await createActionItem(trx, deps, {
      compoundId,
      title: input.title,
      description: input.description,
      // The source id is shown publicly: a fresh id, never the user's.
      source: { kind: 'concern', id: newId() },
      createdByUserId: actor.userId,
      raisedByUserId: actor.userId,
      urgency: input.urgency ?? null,
      location: input.location,
    });
    await attachConcernPhotos(trx, { userId: actor.userId, compoundId, actionItemId: listed.id, photoIds: input.photoIds, public: input.photosPublic });
    await enqueueNotifications(trx, deps, { kind: 'concern_recorded', itemId: listed.id, causedByUserId: actor.userId });
    return listed;
  });
  return newConcernView(deps, created.item);
}

// ---- steps of the lifecycle -------------------------------------------------------------------------
// Each step runs in its own transaction and answers the item as it saved it, as staff see it. The
// numbered sign-off and the residents' rating are in action-item-sign-off.service.ts.

export async function loadItem(db: Db, id: string): Promise<ActionItemRow> {
  const item = await findActionItem(db, id);
  if (!item) throw new DomainError('action_item_not_found');
  return item;
}

export async function rolesOf(db: Db, actor: Actor, compoundId: string): Promise<Set<Role>> {
  const chain = await findCompoundChain(db, compoundId);
  return chain ? rolesAt(actor, chain) : new Set();
}

/** Saves the changes if nobody changed the item's status meanwhile; answers the item as saved. */
export async function saveStatus(trx: Db, item: ActionItemRow, changes: Partial<ActionItemRow>): Promise<ActionItemRow> {
  const ok = await updateActionItemIfStatus(trx, item.id, item.status, changes);
  if (!ok) throw new DomainError('action_item_conflict');
  return { ...item, ...changes };
}

/** Runs one step on an item in its own transaction; answers the item as the step saved it, as staff see it. */
async function onItem(deps: Deps, itemId: string, step: (trx: Db, item: ActionItemRow) => Promise<ActionItemRow>): Promise<ActionItemStaffView> {
  const saved = await transact(deps.db, async (trx) => {
    await lockSignOffTallies(trx, itemId);
    return step(trx, await loadItem(trx, itemId));
  });
  return staffItemView(deps, saved);
}

/** A dated entry of an item's timeline, by `actor` (null: the system). */
export function update(
  itemId: string,
  actor: Actor | null,
  now: string,
  kind: ActionItemUpdateKind,
  fields: { text?: string; photos?: string[]; from?: string | null; to?: string | null } = {},
): ActionItemUpdateTable {
  return {
    id: newId(),
    action_item_id: itemId,
    kind,
    text: fields.text ?? '',
    photos: JSON.stringify(fields.photos ?? []),
    from_value: fields.from ?? null,
    to_value: fields.to ?? null,
    author_user_id: actor?.userId ?? null,
    author_name: actor?.displayName ?? '',
    created_at: now,
  };
}

/** A dated, public progress update with the photos uploaded for it; the first one on an open item starts it. */
export async function addProgress(
  deps: Deps,
  itemId: string,
  actor: Actor,
  input: { text: string; photos: string[]; onSite?: boolean },
): Promise<ActionItemStaffView> {
  return onItem(deps, itemId, async (trx, item) => {
    if (item.status === 'resolved' || item.status === 'signed_off')
      throw new DomainError('action_item_bad_transition', { status: item.status, event: 'progress' });
    const now = deps.clock().toISOString();
    const changes: Partial<ActionItemRow> = { updated_at: now };
    if (item.status === 'open') changes.status = transition('open', 'start');
    if (input.onSite && !item.on_site_at) changes.on_site_at = now;
    const saved = await saveStatus(trx, item, changes);
    const photos = await attachEvidencePhotos(trx, { userId: actor.userId, compoundId: item.compound_id, actionItemId: item.id, photoIds: input.photos });
    await insertActionItemUpdate(trx, update(item.id, actor, now, input.onSite ? 'on_site' : 'progress', { text: input.text, photos }));
    // The first public word on a resident's concern is its answer.
    if (item.status === 'open' && item.raised_by_user_id)
      await enqueueNotifications(trx, deps, { kind: 'concern_answered', itemId: item.id, causedByUserId: actor.userId });
    return saved;
  });
}

/** Sets the responsible unit, the named handler or the measures; changed measures go on the timeline. */
export async function editActionItem(
  deps: Deps,
  itemId: string,
  actor: Actor,
  input: { responsibleUnit?: string | null; handlerName?: string | null; measures?: string },
): Promise<ActionItemStaffView> {
  return onItem(deps, itemId, async (trx, item) => {
    if (item.status === 'signed_off') throw new DomainError('action_item_bad_transition', { status: item.status, event: 'edit' });
    const now = deps.clock().toISOString();
    const changes: Partial<ActionItemRow> = { updated_at: now };
    if (input.responsibleUnit !== undefined) changes.responsible_unit = input.responsibleUnit;
    if (input.handlerName !== undefined) changes.handler_name = input.handlerName;
    if (input.measures !== undefined) changes.measures = input.measures;
    const saved = await saveStatus(trx, item, changes);
    if (input.measures !== undefined && input.measures !== item.measures)
      await insertActionItemUpdate(trx, update(item.id, actor, now, 'measures', { text: input.measures }));
    if (saved.responsible_unit && saved.responsible_unit !== item.responsible_unit)
      await enqueueNotifications(trx, deps, { kind: 'item_assigned', itemId: item.id, causedByUserId: actor.userId });
    return saved;
  });
}

export async function resolveActionItem(deps: Deps, itemId: string, actor: Actor, input: { evidence: string; photos: string[] }): Promise<ActionItemStaffView> {
  return onItem(deps, itemId, (trx, item) => resolveInTransaction(trx, deps, item, actor, input));
}

/** Resolving, inside the caller's transaction (the route's step above; the big-compound generator batches many). */
export async function resolveInTransaction(
  trx: Db,
  deps: Pick<Deps, 'clock'>,
  item: ActionItemRow,
  actor: Actor,
  input: { evidence: string; photos: string[] },
): Promise<ActionItemRow> {
  const status = transition(item.status, 'resolve');
  const now = deps.clock().toISOString();
  const photos = await attachEvidencePhotos(trx, { userId: actor.userId, compoundId: item.compound_id, actionItemId: item.id, photoIds: input.photos });
  const saved = await saveStatus(trx, item, {
    status,
    resolved_at: now,
    resolved_by_user_id: actor.userId,
    evidence: input.evidence,
    evidence_photos: JSON.stringify(photos),
    updated_at: now,
  });
  await insertActionItemUpdate(trx, update(item.id, actor, now, 'resolved', { text: input.evidence, photos }));
  return saved;
}

/** The signing official finds the evidence insufficient: back to work, with the reason. Like the sign-off, never by whoever resolved it. */
export async function returnActionItem(deps: Deps, itemId: string, actor: Actor, reason: string): Promise<ActionItemStaffView> {
  return onItem(deps, itemId, async (trx, item) => {
    const status = transition(item.status, 'return');
    if (item.resolved_by_user_id === actor.userId) throw new DomainError('return_by_resolver');
    const now = deps.clock().toISOString();
    const saved = await saveStatus(trx, item, { status, updated_at: now });
    await insertActionItemUpdate(trx, update(item.id, actor, now, 'returned', { text: reason }));
    return saved;
  });
}

export async function changeActionItemTriage(deps: Deps, itemId: string, actor: Actor, input: { to: Triage; reason: string }): Promise<ActionItemStaffView> {
  return onItem(deps, itemId, async (trx, item) => {
    const roles = await rolesOf(trx, actor, item.compound_id);
    const change = changeTriage({ status: item.status, from: item.triage, to: input.to, reason: input.reason, roles });
    const now = deps.clock().toISOString();
    const saved = await saveStatus(trx, item, { triage: change.to, updated_at: now });
    await insertActionItemUpdate(trx, update(item.id, actor, now, 'triage', { text: change.reason, from: change.from, to: change.to }));
    return saved;
  });
}

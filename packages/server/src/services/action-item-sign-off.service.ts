/**
 * The numbered sign-off (销号) of a resolved action item, with its ledger entry, and the residents'
 * rating of it — a dissatisfied rating in time reopens the item. The other steps of an item's life
 * are in action-items.service.ts.
 */
import { DomainError, chinaDate, formatSignOffNumber, ratingReopens, transition, type Rating, type SignOffResult } from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { lockSignOffTallies } from '../db/dialect.js';
import { isUniqueViolation } from '../db/errors.js';
import { newId } from '../db/ids.js';
import { transact } from '../db/transact.js';
import { findCompoundCode, findRating, insertActionItemUpdate, insertRating, nextSignOffSequence } from '../db/repositories/action-items.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import type { ActionItemRow } from '../db/tables/action-items.table.js';
import type { Deps } from '../deps.js';
import { loadItem, rolesOf, saveStatus, update } from './action-items.service.js';
import { staffItemView } from './action-items.view.js';
import { appendLedgerEntry } from './ledger.service.js';
import { enqueueNotifications } from './notifications.service.js';

/**
 * The numbered sign-off (销号). The counter increment, the item's number and the ledger entry are
 * one transaction: a crash or a conflict anywhere leaves none of them, so numbers stay gapless; the
 * unique indexes on the number are the backstop against any double use. It is the check of the
 * work, so the account that resolved the item is refused (sign_off_by_resolver) before anything is written.
 */
export async function signOffActionItem(deps: Deps, itemId: string, actor: Actor, input: { resolution: string }): Promise<SignOffResult> {
  const signed = await transact(deps.db, async (trx) => {
    // The item is read under its lock, so who resolved it is the latest: a resolve on another phone at the same
    // instant either committed before (and is seen) or waits for this sign-off.
    await lockSignOffTallies(trx, itemId);
    return signOffInTransaction(trx, deps, await loadItem(trx, itemId), actor, input);
  });
  return { signOffNumber: signed.number, signedOffAt: signed.nowIso, signedOffBy: actor.displayName, item: await staffItemView(deps, signed.saved) };
}

/**
 * The sign-off inside the caller's transaction (the route's step above; the big-compound generator batches many).
 * The caller holds the item's lock (lockSignOffTallies) and read `item` under it.
 */
export async function signOffInTransaction(
  trx: Db,
  deps: Pick<Deps, 'clock' | 'config'>,
  item: ActionItemRow,
  actor: Actor,
  input: { resolution: string },
): Promise<{ saved: ActionItemRow; number: string; nowIso: string }> {
  const status = transition(item.status, 'sign_off');
  // The sign-off is the check of the work by someone else: whoever reported it resolved does not sign it off.
  if (item.resolved_by_user_id === actor.userId) throw new DomainError('sign_off_by_resolver');
  if (input.resolution.trim().length === 0) throw new DomainError('sign_off_resolution_required');
  const compound = await findCompoundCode(trx, item.compound_id);
  if (!compound) throw new DomainError('compound_not_found');
  const now = deps.clock();
  const nowIso = now.toISOString();
  const year = Number(chinaDate(now).slice(0, 4));
  const sequence = await nextSignOffSequence(trx, item.compound_id, year);
  const number = formatSignOffNumber(compound.code, year, sequence);
  const saved = await saveStatus(trx, item, {
    status,
    sign_off_number: number,
    signed_off_at: nowIso,
    signed_off_by_user_id: actor.userId,
    signed_off_by_name: actor.displayName,
    resolution: input.resolution,
    updated_at: nowIso,
  });
  await insertActionItemUpdate(trx, update(item.id, actor, nowIso, 'signed_off', { text: input.resolution, to: number }));
  await appendLedgerEntry(trx, {
    compoundId: item.compound_id,
    kind: 'signed_off',
    actionItemId: item.id,
    signOffNumber: number,
    createdAt: nowIso,
    payload: {
      title: item.title,
      resolution: input.resolution,
      evidence: item.evidence,
      signedOffBy: { userId: actor.userId, name: actor.displayName },
      dueDate: item.due_date,
      onTime: chinaDate(new Date(item.resolved_at ?? nowIso)) <= item.due_date,
      triage: item.triage,
      responsibleUnit: item.responsible_unit,
      reopenCount: item.reopen_count,
    },
  });
  await enqueueNotifications(trx, deps, { kind: 'item_rate', itemId: item.id, causedByUserId: actor.userId });
  return { saved, number, nowIso };
}

/**
 * A rating of the latest sign-off: by the resident who raised the concern, or (for items from
 * meetings, where the asker has no account) by owners and residents of the compound, once each.
 * Dissatisfied within the window reopens the item as a new ledger entry; the old number stays on the
 * ledger and the next sign-off gets a new one.
 */
export function rateActionItem(
  deps: Deps,
  itemId: string,
  actor: Actor,
  input: { rating: Rating; comment: string },
): Promise<{ rating: Rating; reopened: boolean }> {
  return transact(deps.db, async (trx) => {
    await lockSignOffTallies(trx, itemId);
    const item = await loadItem(trx, itemId);
    if (item.status !== 'signed_off' || !item.sign_off_number || !item.signed_off_at)
      throw new DomainError('action_item_bad_transition', { status: item.status, event: 'rate' });
    const roles = await rolesOf(trx, actor, item.compound_id);
    const mayRate = item.raised_by_user_id ? item.raised_by_user_id === actor.userId : roles.has('owner') || roles.has('resident');
    if (!mayRate) throw new DomainError('rating_not_allowed');
    if (await findRating(trx, item.id, actor.userId, item.sign_off_number)) throw new DomainError('rating_duplicate');
    const now = deps.clock();
    const nowIso = now.toISOString();
    const reopens = ratingReopens(input.rating, item.signed_off_at, now);
    try {
      await insertRating(trx, {
        id: newId(),
        action_item_id: item.id,
        user_id: actor.userId,
        sign_off_number: item.sign_off_number,
        rating: input.rating,
        comment: input.comment,
        reopened: reopens ? 1 : 0,
        created_at: nowIso,
      });
    } catch (error) {
      // The same rating sent twice at once (two taps, two instances): the unique index keeps one.
      if (isUniqueViolation(error)) throw new DomainError('rating_duplicate');
      throw error;
    }
    await insertActionItemUpdate(trx, { ...update(item.id, null, nowIso, 'rated', { text: input.comment, to: input.rating }), author_name: '' });
    if (reopens) {
      const status = transition('signed_off', 'reopen');
      await saveStatus(trx, item, {
        status,
        sign_off_number: null,
        signed_off_at: null,
        signed_off_by_user_id: null,
        signed_off_by_name: null,
        resolution: null,
        resolved_at: null,
        resolved_by_user_id: null,
        reopen_count: item.reopen_count + 1,
        updated_at: nowIso,
      });
      await insertActionItemUpdate(trx, update(item.id, null, nowIso, 'reopened', { text: input.comment, from: item.sign_off_number }));
      await appendLedgerEntry(trx, {
        compoundId: item.compound_id,
        kind: 'reopened',
        actionItemId: item.id,
        signOffNumber: null,
        createdAt: nowIso,
        payload: { title: item.title, previousSignOffNumber: item.sign_off_number, reason: 'dissatisfied_rating', comment: input.comment },
      });
      await enqueueNotifications(trx, deps, { kind: 'item_reopened', itemId: item.id, causedByUserId: actor.userId });
    }
    return { rating: input.rating, reopened: reopens };
  });
}

/**
 * Paper ballots with four eyes. One staff member enters a slip for a unit (or a person, in a
 * residents' poll) with its number and a photo of the signed slip: a PENDING entry that does not
 * count. A second staff member — never the one who entered it — compares it with the photo and
 * confirms it (it becomes a ballot: channel paper, a 'cast' log entry, a receipt) or rejects it with a
 * reason. Both are recorded. The first ballot of a unit counts: staff cannot overwrite a ballot
 * already cast (online, proxy or paper) — only the owner can change their own ballot, online.
 * Entries still pending when the vote closes never count (the close dialog says how many).
 */
import { DomainError, type Locale, type PaperBallotInput, type PaperEntries, type PaperEntriesQuery } from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { isUniqueViolation } from '../db/errors.js';
import { newId } from '../db/ids.js';
import { claimVotePhoto, listPhotoMeta } from '../db/repositories/photos.repository.js';
import * as proxies from '../db/repositories/vote-proxies.repository.js';
import * as repo from '../db/repositories/votes.repository.js';
import type { Deps } from '../deps.js';
import { appendBallotLog } from './ballot-log.service.js';
import { inCastingTransaction, newReceiptCode, validateChoices } from './ballots.service.js';
import { photoView } from './photos.service.js';
import { loadVoteSettled, localisedOptions, voterOf } from './votes.service.js';

/** Staff enter a slip: checked against the roll and the vote's options, kept pending with its photo. */
export async function enterPaperBallot(deps: Deps, actor: Actor, voteId: string, input: PaperBallotInput) {
  if (!input.slipNumber) throw new DomainError('paper_slip_required', {}, [{ path: 'slipNumber', message: 'paper_slip_required' }]);
  if (!input.photoId) throw new DomainError('paper_photo_required', {}, [{ path: 'photoId', message: 'paper_photo_required' }]);
  return inCastingTransaction(deps, voteId, async (trx, vote, now) => {
    const voterKey = vote.electorate_kind === 'residents' ? input.personId : input.unitId;
    const entry = voterKey ? await repo.findElectorateEntry(trx, voteId, voterKey) : undefined;
    if (!entry) throw new DomainError('not_in_electorate');
    const choices = validateChoices(vote, input.choices);
    if (await repo.findBallotOfVoter(trx, voteId, voterOf(entry))) throw new DomainError('ballot_exists_online');
    if (await proxies.findPendingPaperEntryOfVoter(trx, voteId, entry.voter_key)) throw new DomainError('paper_entry_pending', { unit: entry.label });
    const id = newId();
    await proxies.insertPaperEntry(trx, {
      id,
      vote_id: voteId,
      voter_key: entry.voter_key,
      unit_id: entry.unit_id,
      person_id: entry.unit_id ? null : entry.person_id,
      voter_label: entry.label,
      choices_json: JSON.stringify(choices),
      slip_number: input.slipNumber,
      photo_id: input.photoId,
      status: 'pending',
      entered_by_user_id: actor.userId,
      entered_at: now.toISOString(),
      reviewed_by_user_id: null,
      reviewed_at: null,
      reject_reason: null,
      receipt_code: null,
    });
    // After the entry: of two volunteers entering the same slip at once, the second meets the pending entry, not a taken photo.
    if (!(await claimVotePhoto(trx, { id: input.photoId, userId: actor.userId, compoundId: vote.compound_id, voteId })))
      throw new DomainError('photo_not_found', {}, [{ path: 'photoId', message: 'photo_not_found' }]);
    return { entryId: id, voterLabel: entry.label, status: 'pending' as const };
  });
}

/** The second staff member confirms a pending slip: it becomes a paper ballot and counts. */
export async function confirmPaperEntry(deps: Deps, actor: Actor, voteId: string, entryId: string) {
  return inCastingTransaction(deps, voteId, async (trx, vote, now) => {
    const entry = await proxies.findPaperEntry(trx, voteId, entryId);
    if (!entry) throw new DomainError('paper_entry_not_found');
    if (entry.status !== 'pending') throw new DomainError('paper_entry_reviewed');
    if (entry.entered_by_user_id === actor.userId) throw new DomainError('paper_same_staff');
    const voter = voterOf({ unit_id: entry.unit_id, person_id: entry.person_id });
    if (await repo.findBallotOfVoter(trx, voteId, voter)) throw new DomainError('ballot_exists_online');
    const choices = validateChoices(vote, JSON.parse(entry.choices_json) as string[]);
    const receiptCode = newReceiptCode();
    const castAt = now.toISOString();
    const logged = await appendBallotLog(trx, { voteId, kind: 'cast', receiptCode, supersedes: null, choices, channel: 'paper', recordedAt: castAt });
    try {
      await repo.insertBallot(trx, {
        id: newId(),
        vote_id: voteId,
        unit_id: voter.unitId,
        person_id: voter.personId,
        choices_json: JSON.stringify(choices),
        channel: 'paper',
        cast_by_user_id: null,
        entered_by_user_id: entry.entered_by_user_id,
        slip_number: entry.slip_number,
        receipt_code: receiptCode,
        version: 1,
        cast_at: castAt,
        proxy_id: null,
        log_position: logged.position,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('ballot_exists_online');
      throw error;
    }
    if (
      !(await proxies.reviewPaperEntry(trx, entryId, {
        status: 'confirmed',
        reviewed_by_user_id: actor.userId,
        reviewed_at: castAt,
        receipt_code: receiptCode,
      }))
    )
      throw new DomainError('paper_entry_reviewed');
    return { receiptCode, voterLabel: entry.voter_label, logPosition: logged.position };
  });
}

/** The second staff member rejects a pending slip with a reason: it never counts. */
export async function rejectPaperEntry(deps: Deps, actor: Actor, voteId: string, entryId: string, reason: string) {
  await loadVoteSettled(deps, voteId);
  await deps.db.transaction().execute(async (trx) => {
    const entry = await proxies.findPaperEntry(trx, voteId, entryId);
    if (!entry) throw new DomainError('paper_entry_not_found');
    if (entry.status !== 'pending') throw new DomainError('paper_entry_reviewed');
    if (entry.entered_by_user_id === actor.userId) throw new DomainError('paper_same_staff');
    const done = await proxies.reviewPaperEntry(trx, entryId, {
      status: 'rejected',
      reviewed_by_user_id: actor.userId,
      reviewed_at: deps.clock().toISOString(),
      reject_reason: reason,
    });
    if (!done) throw new DomainError('paper_entry_reviewed');
  });
  return { ok: true } as const;
}

/** Staff: a page of the vote's entries, newest first, with their photos and who entered and reviewed them; how many wait in the whole vote. */
export async function listPaperEntries(deps: Deps, actor: Actor, voteId: string, locale: Locale, query: PaperEntriesQuery): Promise<PaperEntries> {
  const vote = await loadVoteSettled(deps, voteId);
  const { rows, next } = await proxies.readPaperEntriesPage(deps.db, voteId, query.status, query);
  const labels = new Map(localisedOptions(vote, locale).map((o) => [o.id, o.label]));
  const photos = new Map(
    (
      await listPhotoMeta(
        deps.db,
        rows.map((r) => r.photo_id),
      )
    ).map((p) => [p.id, p]),
  );
  const userIds = [...new Set(rows.flatMap((r) => [r.entered_by_user_id, r.reviewed_by_user_id].filter((u): u is string => u !== null)))];
  const names = new Map((await proxies.findUserNames(deps.db, userIds)).map((u) => [u.id, u.display_name]));
  const items = rows.map((r) => {
    const choices = JSON.parse(r.choices_json) as string[];
    return {
      id: r.id,
      voterKey: r.voter_key,
      voterLabel: r.voter_label,
      choices,
      choiceLabels: choices.map((c) => labels.get(c) ?? c),
      slipNumber: r.slip_number,
      photo: photoView(photos.get(r.photo_id)!),
      status: r.status,
      enteredBy: names.get(r.entered_by_user_id) ?? '',
      enteredAt: r.entered_at,
      enteredByMe: r.entered_by_user_id === actor.userId,
      reviewedBy: r.reviewed_by_user_id ? (names.get(r.reviewed_by_user_id) ?? '') : null,
      reviewedAt: r.reviewed_at,
      rejectReason: r.reject_reason,
    };
  });
  return { items, next, pending: await proxies.countPendingPaperEntries(deps.db, voteId) };
}

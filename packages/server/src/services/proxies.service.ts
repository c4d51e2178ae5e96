/**
 * Proxies (委托投票). An owner (the principal) authorises another person — found by the phone of
 * their account — for one vote and one or more of their units on its roll, with a photo of the
 * signed 授权委托书. The authorisation is pending until the principal confirms it with the SMS code
 * sent to their phone, or staff record it confirmed when the owner brings the form in person (the
 * staff member is recorded). A person acts for at most `proxyCap` principals per vote (the compound's
 * setting). Owners' votes only: in a residents' poll everyone votes for themselves.
 *
 * The principal's own ballot wins until closing: an online ballot of the principal replaces a proxy
 * ballot (storeOnlineBallot logs it 'replaced'); a proxy may not cast or change a ballot once the
 * principal voted in person; revoking withdraws a proxy ballot already cast ('withdrawn' in the log,
 * the ballot row deleted, the unit counts as not voted). A proxy ballot is stored as an online
 * ballot with proxy_id set, told as channel 'proxy'. A proxy changing their own ballot updates the
 * row in place without a ballot_history row — the ballot log holds both entries — so that a
 * withdrawal can delete the row (history rows would hold it by their foreign key).
 */
import {
  ACCESS_CODE_TTL_MS,
  DomainError,
  SMS_CODE_MAX_ATTEMPTS,
  maskName,
  type BallotReceipt,
  type PageRequest,
  type CreateProxyInPersonInput,
  type CreateProxyInput,
  type ProxyBallotInput,
  type ProxyView,
  type VoteProxies,
} from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { lockRow } from '../db/dialect.js';
import { ballotChangedConcurrently } from '../db/errors.js';
import { newId } from '../db/ids.js';
import { findPersonByPhone, findUserByPhone, markCodeUsed, recordCodeAttempt, voidOpenCodes } from '../db/repositories/accounts.repository.js';
import { claimVotePhoto, listPhotoMeta } from '../db/repositories/photos.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import * as proxies from '../db/repositories/vote-proxies.repository.js';
import * as repo from '../db/repositories/votes.repository.js';
import type { VoteProxyRow } from '../db/tables/vote-proxies.table.js';
import type { VoteRow } from '../db/tables/votes.table.js';
import type { Deps } from '../deps.js';
import type { ImageBody } from '../http/image-body.js';
import { hashAccessCode, issueAccessCode } from './access-codes.js';
import { appendBallotLog, castAppend } from './ballot-log.service.js';
import { inCastingTransaction, newReceiptCode, validateChoices } from './ballots.service.js';
import { onlineBallotValues } from './online-ballots.service.js';
import { enqueueNotifications } from './notifications.service.js';
import { photoView, uploadVotePhoto } from './photos.service.js';
import { votePeriodsOf } from './vote-settings.service.js';
import { loadVoteSettled, ownersOnRoll } from './votes.service.js';

function assertTakesProxies(vote: VoteRow): void {
  if (vote.electorate_kind !== 'owners') throw new DomainError('proxy_not_for_polls');
  if (vote.status === 'draft') throw new DomainError('vote_not_open');
  if (vote.status === 'closed') throw new DomainError('proxy_vote_closed');
}

/** A vote locked for changing its authorisations (one at a time, so the cap and one-per-unit hold). */
async function inProxyTransaction<T>(deps: Deps, voteId: string, run: (trx: Db, vote: VoteRow, now: Date) => Promise<T>): Promise<T> {
  await loadVoteSettled(deps, voteId);
  return deps.db.transaction().execute(async (trx) => {
    await lockRow(trx, 'votes', voteId);
    const vote = await repo.findVote(trx, voteId);
    if (!vote) throw new DomainError('vote_not_found');
    const now = deps.clock();
    assertTakesProxies(vote);
    if (Date.parse(vote.closes_at) <= now.getTime()) throw new DomainError('proxy_vote_closed');
    return run(trx, vote, now);
  });
}

/** Checks and stores a new authorisation (pending or confirmed in person). */
async function storeProxy(
  trx: Db,
  deps: Deps,
  vote: VoteRow,
  now: Date,
  input: CreateProxyInput & { principalPersonId: string; uploaderUserId: string; createdBy: Actor; inPerson: boolean },
): Promise<string> {
  const proxyUser = await findUserByPhone(trx, input.proxyPhone);
  if (!proxyUser?.activated_at || !proxyUser.person_id || proxyUser.disabled) throw new DomainError('proxy_phone_unknown', { phone: input.proxyPhone });
  if (proxyUser.person_id === input.principalPersonId) throw new DomainError('proxy_self');
  const units = [];
  for (const unitId of input.unitIds) {
    const entry = await repo.findElectorateEntry(trx, vote.id, unitId);
    if (!entry?.unit_id || !ownersOnRoll(entry).includes(input.principalPersonId)) throw new DomainError('proxy_not_owner', { unit: entry?.label ?? unitId });
    if (await proxies.findLiveProxyOfUnit(trx, vote.id, unitId)) throw new DomainError('proxy_unit_taken', { unit: entry.label });
    units.push({ unit_id: unitId, label: entry.label });
  }
  const { proxyCap } = await votePeriodsOf(trx, vote.compound_id);
  const principals = await proxies.countPrincipalsOfProxy(trx, vote.id, proxyUser.person_id);
  if (!principals.includes(input.principalPersonId) && principals.length >= proxyCap) throw new DomainError('proxy_cap_reached', { cap: proxyCap });
  if (!(await claimVotePhoto(trx, { id: input.formPhotoId, userId: input.uploaderUserId, compoundId: vote.compound_id, voteId: vote.id })))
    throw new DomainError('proxy_photo_required', {}, [{ path: 'formPhotoId', message: 'proxy_photo_required' }]);
  const id = newId();
  const at = now.toISOString();
  await proxies.insertProxy(
    trx,
    {
      id,
      vote_id: vote.id,
      principal_person_id: input.principalPersonId,
      proxy_person_id: proxyUser.person_id,
      proxy_user_id: proxyUser.id,
      form_photo_id: input.formPhotoId,
      status: input.inPerson ? 'confirmed' : 'pending',
      created_by_user_id: input.createdBy.userId,
      created_at: at,
      sms_code_id: null,
      confirmed_via: input.inPerson ? 'in_person' : null,
      confirmed_by_user_id: input.inPerson ? input.createdBy.userId : null,
      confirmed_at: input.inPerson ? at : null,
      revoked_by_user_id: null,
      revoked_at: null,
    },
    units.map((u) => ({ proxy_id: id, vote_id: vote.id, unit_id: u.unit_id, label: u.label, withdrawn_receipt_code: null })),
  );
  if (input.inPerson) await enqueueNotifications(trx, deps, { kind: 'vote_proxy_confirmed', proxyId: id, causedByUserId: input.createdBy.userId });
  return id;
}

/** Sends the principal a fresh confirmation code; the code's id is kept on the authorisation. */
async function sendConfirmationCode(deps: Deps, actor: Actor, proxyId: string): Promise<string> {
  const account = await proxies.findUserAccount(deps.db, actor.userId);
  if (!account?.phone) throw new DomainError('proxy_principal_no_phone');
  const now = deps.clock();
  const issued = await issueAccessCode(
    deps.db,
    'sms',
    { personId: actor.personId, userId: actor.userId, phone: account.phone },
    { now, createdBy: actor.userId },
  );
  await proxies.updateProxyCode(deps.db, proxyId, issued.id);
  try {
    await deps.sms.send({ phone: account.phone, template: 'verification_code', params: [issued.code, String(ACCESS_CODE_TTL_MS.sms / 60_000)] });
  } catch (error) {
    await voidOpenCodes(deps.db, { userId: actor.userId }, ['sms'], now.toISOString());
    console.error('[yishi] SMS not sent:', (error as Error).message);
    throw new DomainError('sms_unavailable');
  }
  return `${account.phone.slice(0, 3)}****${account.phone.slice(-4)}`;
}

/** An owner authorises a proxy: pending, and an SMS code goes to the owner's phone to confirm it. */
export async function createProxy(deps: Deps, actor: Actor, voteId: string, input: CreateProxyInput) {
  if (!actor.personId) throw new DomainError('not_in_electorate');
  const principalPersonId = actor.personId;
  const id = await inProxyTransaction(deps, voteId, (trx, vote, now) =>
    storeProxy(trx, deps, vote, now, { ...input, principalPersonId, uploaderUserId: actor.userId, createdBy: actor, inPerson: false }),
  );
  const smsSentTo = await sendConfirmationCode(deps, actor, id);
  return { proxy: await proxyView(deps.db, (await proxies.findProxy(deps.db, voteId, id))!, false), smsSentTo };
}

/** A new code for a pending authorisation of the caller's. */
export async function resendProxyCode(deps: Deps, actor: Actor, voteId: string, proxyId: string) {
  const row = await ownProxy(deps, actor, voteId, proxyId);
  if (row.status !== 'pending') throw new DomainError('proxy_not_pending');
  const smsSentTo = await sendConfirmationCode(deps, actor, proxyId);
  return { proxy: await proxyView(deps.db, row, false), smsSentTo };
}

/** Staff record an authorisation brought in person: the principal found by phone, confirmed at once. */
export async function createProxyInPerson(deps: Deps, actor: Actor, voteId: string, input: CreateProxyInPersonInput) {
  const principal = await findPersonByPhone(deps.db, input.principalPhone);
  if (!principal) throw new DomainError('proxy_not_owner', { unit: input.unitIds.join('、') });
  const id = await inProxyTransaction(deps, voteId, (trx, vote, now) =>
    storeProxy(trx, deps, vote, now, { ...input, principalPersonId: principal.id, uploaderUserId: actor.userId, createdBy: actor, inPerson: true }),
  );
  return proxyView(deps.db, (await proxies.findProxy(deps.db, voteId, id))!, false);
}

async function ownProxy(deps: Deps, actor: Actor, voteId: string, proxyId: string): Promise<VoteProxyRow> {
  const row = await proxies.findProxy(deps.db, voteId, proxyId);
  if (!row || row.principal_person_id !== actor.personId) throw new DomainError('proxy_not_found');
  return row;
}

/** The principal confirms with the SMS code; the proxy is told and may then vote. */
export async function confirmProxy(deps: Deps, actor: Actor, voteId: string, proxyId: string, typed: string) {
  await ownProxy(deps, actor, voteId, proxyId);
  const outcome = await inProxyTransaction(deps, voteId, async (trx, _vote, now) => {
    const row = (await proxies.findProxy(trx, voteId, proxyId))!;
    if (row.status !== 'pending') throw new DomainError('proxy_not_pending');
    const code = row.sms_code_id ? await proxies.findAccessCode(trx, row.sms_code_id) : undefined;
    const at = now.toISOString();
    if (!code || code.used_at || code.voided_at || code.expires_at <= at || code.attempts >= SMS_CODE_MAX_ATTEMPTS) throw new DomainError('proxy_code_expired');
    if (code.code_hash !== hashAccessCode(typed)) return { wrong: code };
    if (!(await markCodeUsed(trx, code.id, at))) throw new DomainError('proxy_code_expired');
    await proxies.updateProxy(trx, proxyId, 'pending', { status: 'confirmed', confirmed_via: 'sms', confirmed_by_user_id: actor.userId, confirmed_at: at });
    await enqueueNotifications(trx, deps, { kind: 'vote_proxy_confirmed', proxyId, causedByUserId: actor.userId });
    return { wrong: null };
  });
  if (outcome.wrong) {
    // Counted outside the refused transaction, so a wrong try is never rolled back.
    await recordCodeAttempt(deps.db, outcome.wrong.id);
    const left = SMS_CODE_MAX_ATTEMPTS - outcome.wrong.attempts - 1;
    throw left > 0 ? new DomainError('proxy_code_wrong', { left }) : new DomainError('proxy_code_expired');
  }
  return proxyView(deps.db, (await proxies.findProxy(deps.db, voteId, proxyId))!, false);
}

/**
 * Until closing, the principal (or staff) revokes an authorisation. A proxy ballot already cast is
 * withdrawn in the same transaction: a 'withdrawn' log entry superseding its receipt, the row removed.
 */
export async function revokeProxy(deps: Deps, actor: Actor, voteId: string, proxyId: string, asStaff: boolean) {
  const found = await proxies.findProxy(deps.db, voteId, proxyId);
  if (!found || (!asStaff && found.principal_person_id !== actor.personId)) throw new DomainError('proxy_not_found');
  // The vote row locked exclusively: a proxy ballot being cast (share lock) commits first, and is withdrawn here.
  await inProxyTransaction(deps, voteId, async (trx, _vote, now) => {
    const row = (await proxies.findProxy(trx, voteId, proxyId))!;
    if (row.status === 'revoked') throw new DomainError('proxy_not_pending');
    const at = now.toISOString();
    for (const ballot of await proxies.listBallotsOfProxy(trx, proxyId)) {
      await appendBallotLog(trx, {
        voteId,
        kind: 'withdrawn',
        receiptCode: newReceiptCode(),
        supersedes: ballot.receipt_code,
        choices: [],
        channel: 'proxy',
        recordedAt: at,
      });
      await proxies.deleteProxyBallot(trx, ballot.id, proxyId);
      await proxies.recordWithdrawnReceipt(trx, proxyId, ballot.unit_id!, ballot.receipt_code);
    }
    await proxies.updateProxy(trx, proxyId, row.status, { status: 'revoked', revoked_by_user_id: actor.userId, revoked_at: at });
  });
  return proxyView(deps.db, (await proxies.findProxy(deps.db, voteId, proxyId))!, false);
}

/**
 * A proxy casts (or changes) the ballot of a unit they act for. Refused unless the authorisation is
 * confirmed and in force, and once the unit has a ballot that is not this proxy's (the principal's
 * own — online or on paper — wins).
 */
export async function castProxyBallot(deps: Deps, actor: Actor, voteId: string, input: ProxyBallotInput): Promise<BallotReceipt> {
  return inCastingTransaction(deps, voteId, async (trx, vote, now) => {
    if (vote.electorate_kind !== 'owners') throw new DomainError('proxy_not_for_polls');
    const proxy = await proxies.findLiveProxyOfUnit(trx, voteId, input.unitId);
    if (!proxy || proxy.proxy_user_id !== actor.userId || proxy.status !== 'confirmed') throw new DomainError('proxy_not_confirmed');
    const entry = (await repo.findElectorateEntry(trx, voteId, input.unitId))!;
    const choices = validateChoices(vote, input.choices);
    const existing = await repo.findBallotOfVoter(trx, voteId, { unitId: input.unitId, personId: null });
    if (existing && existing.proxy_id !== proxy.id) throw new DomainError('proxy_principal_voted', { unit: entry.label });
    const receiptCode = newReceiptCode();
    const castAt = now.toISOString();
    const logged = await appendBallotLog(trx, castAppend(voteId, 'proxy', { receiptCode, choices, castAt }, existing));
    const values = onlineBallotValues(actor, choices, receiptCode, castAt, proxy.id, logged.position);
    if (existing) {
      const changed = await repo.replaceBallot(trx, existing.id, existing.version, { ...values, version: existing.version + 1 });
      if (changed !== 1) throw ballotChangedConcurrently();
    } else {
      await repo.insertBallot(trx, { id: newId(), vote_id: voteId, unit_id: input.unitId, person_id: null, version: 1, ...values });
    }
    await enqueueNotifications(trx, deps, { kind: 'vote_proxy_voted', proxyId: proxy.id, causedByUserId: actor.userId });
    return {
      voterKey: input.unitId,
      receiptCode,
      castAt,
      voterLabel: entry.label,
      replaced: existing !== undefined,
      closesAt: vote.closes_at,
      logPosition: logged.position,
    };
  });
}

/** One authorisation as shown: units with who voted for each, the proxy's receipts, the form photo. */
async function proxyView(db: Db, row: VoteProxyRow, maskProxy: boolean): Promise<ProxyView> {
  return (await proxyViews(db, [row], maskProxy))[0]!;
}

/** The views of a page of authorisations in a fixed number of statements: their units with ballots, the names, the photos. */
async function proxyViews(db: Db, rows: readonly VoteProxyRow[], maskProxy: boolean): Promise<ProxyView[]> {
  const ids = rows.map((r) => r.id);
  const unitsOf = new Map<string, Awaited<ReturnType<typeof proxies.listProxyUnitsWithBallots>>>();
  for (const unit of await proxies.listProxyUnitsWithBallots(db, ids)) {
    const units = unitsOf.get(unit.proxy_id);
    if (units) units.push(unit);
    else unitsOf.set(unit.proxy_id, [unit]);
  }
  const names = new Map(
    (await proxies.findPersonNames(db, [...new Set(rows.flatMap((r) => [r.principal_person_id, r.proxy_person_id]))])).map((p) => [p.id, p.name]),
  );
  const photos = new Map(
    (
      await listPhotoMeta(
        db,
        rows.map((r) => r.form_photo_id),
      )
    ).map((p) => [p.id, p]),
  );
  return rows.map((row) => {
    const proxyName = names.get(row.proxy_person_id) ?? '';
    return {
      id: row.id,
      voteId: row.vote_id,
      status: row.status,
      principalName: maskName(names.get(row.principal_person_id) ?? ''),
      proxyName: maskProxy ? maskName(proxyName) : proxyName,
      units: (unitsOf.get(row.id) ?? []).map((u) => {
        const voted = u.ballotId !== null;
        const byProxy = voted && u.ballotProxyId === row.id;
        return {
          unitId: u.unit_id,
          label: u.label,
          voted,
          votedBy: voted ? (byProxy ? ('proxy' as const) : ('principal' as const)) : null,
          proxyReceiptCode: byProxy ? u.receiptCode : null,
        };
      }),
      formPhoto: photoView(photos.get(row.form_photo_id)!),
      confirmedVia: row.confirmed_via,
      confirmedAt: row.confirmed_at,
      revokedAt: row.revoked_at,
      createdAt: row.created_at,
    };
  });
}

/** The caller's authorisations in a vote: given as principal, and held (confirmed) as proxy. */
export async function myProxies(deps: Deps, actor: Actor, voteId: string) {
  const vote = await loadVoteSettled(deps, voteId);
  const allowed = vote.electorate_kind === 'owners';
  const { proxyCap } = await votePeriodsOf(deps.db, vote.compound_id);
  const given = actor.personId && allowed ? await proxies.listProxiesOfVote(deps.db, voteId, { principalPersonId: actor.personId }) : [];
  const held = allowed ? (await proxies.listProxiesOfVote(deps.db, voteId, { proxyUserId: actor.userId })).filter((p) => p.status === 'confirmed') : [];
  return { allowed, cap: proxyCap, given: await proxyViews(deps.db, given, false), held: await proxyViews(deps.db, held, false) };
}

/** Staff: a page of the vote's authorisations, oldest first, and how many of all are in force. */
export async function listVoteProxies(deps: Deps, voteId: string, page: PageRequest): Promise<VoteProxies> {
  await loadVoteSettled(deps, voteId);
  const { rows, next } = await proxies.readProxiesPage(deps.db, voteId, page);
  return { items: await proxyViews(deps.db, rows, false), next, inForce: await proxies.countProxiesInForce(deps.db, voteId) };
}

/** A photo for a vote (a signed form or slip), kept pending until an authorisation or entry uses it. */
export async function uploadPhotoForVote(deps: Deps, actor: Actor, voteId: string, body: ImageBody) {
  const vote = await loadVoteSettled(deps, voteId);
  return uploadVotePhoto(deps, actor, vote.compound_id, body);
}

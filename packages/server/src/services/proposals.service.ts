/**
 * Resident proposals: submit, second (one second per household/unit), qualify at the compound's
 * threshold (frozen into the proposal when submitted), and the committee's decision — put on an
 * agenda, merge, decline with a public reason. Every state change is appended to proposal_events
 * with who and when, and shown on the proposal.
 */
import {
  DEFAULT_SECONDING_THRESHOLD,
  DomainError,
  PROPOSAL_STATUS_LABELS,
  SYSTEM_ACTOR_NAME,
  canProposalTransition,
  describeThreshold,
  qualifies,
  secondsNeeded,
  type DecideProposalInput,
  type Locale,
  type PageRequest,
  type ProposalStatus,
  type SecondingThreshold,
  type SubmitProposalInput,
} from '@yishi/core';
import type { Actor, PlaceChain, UnitLink } from '../auth/actor.js';
import { lockRow } from '../db/dialect.js';
import { isUniqueViolation } from '../db/errors.js';
import { newId } from '../db/ids.js';
import { findCompoundChain, type Db } from '../db/repositories/places.repository.js';
import * as repo from '../db/repositories/proposals.repository.js';
import { findAgendaItemOfCompound } from '../db/repositories/votes.repository.js';
import type { ProposalRow } from '../db/tables/proposals.table.js';
import type { Deps } from '../deps.js';
import { enqueueNotifications } from './notifications.service.js';

/** The place a proposal is about: its compound, and its building for a building-scoped proposal. */
export async function placeOfProposal(db: Db, proposalId: string): Promise<PlaceChain | undefined> {
  const p = await repo.findProposal(db, proposalId);
  if (!p) return undefined;
  const chain = await findCompoundChain(db, p.compound_id);
  return chain && { ...chain, ...(p.building_id ? { buildingId: p.building_id } : {}) };
}

/** The threshold stored as JSON in the compound's settings and frozen into each proposal. */
function thresholdOf(row: { threshold_json: string }): SecondingThreshold {
  return JSON.parse(row.threshold_json) as SecondingThreshold;
}

async function getSecondingThreshold(deps: Deps, compoundId: string): Promise<SecondingThreshold> {
  const row = await repo.findProposalSettings(deps.db, compoundId);
  return row ? thresholdOf(row) : DEFAULT_SECONDING_THRESHOLD;
}

export async function getProposalSettings(deps: Deps, compoundId: string) {
  return { threshold: await getSecondingThreshold(deps, compoundId) };
}

export async function setSecondingThreshold(deps: Deps, actor: Actor, compoundId: string, threshold: SecondingThreshold) {
  await repo.saveProposalSettings(deps.db, compoundId, JSON.stringify(threshold), actor.userId, deps.clock().toISOString());
  return { threshold };
}

/** The caller's units (owned or lived in) inside the proposal's scope. */
function unitsInScope(actor: Actor, compoundId: string, buildingId: string | null): UnitLink[] {
  const seen = new Map<string, UnitLink>();
  for (const u of [...actor.ownedUnits, ...actor.residentUnits]) {
    if (u.compoundId === compoundId && (!buildingId || u.buildingId === buildingId)) seen.set(u.unitId, u);
  }
  return [...seen.values()];
}

export async function submitProposal(deps: Deps, actor: Actor, compoundId: string, input: SubmitProposalInput) {
  const mine = unitsInScope(actor, compoundId, input.buildingId);
  if (mine.length === 0) throw new DomainError('proposal_not_member');
  const now = deps.clock().toISOString();
  const id = newId();
  const threshold = await getSecondingThreshold(deps, compoundId);
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertProposal(trx, {
      id,
      compound_id: compoundId,
      building_id: input.buildingId,
      title: input.title,
      body: input.body,
      status: 'seconding',
      author_user_id: actor.userId,
      author_name: actor.displayName,
      author_unit_id: mine[0]!.unitId,
      threshold_json: JSON.stringify(threshold),
      units_in_scope: await repo.countUnitsInScope(trx, compoundId, input.buildingId),
      created_at: now,
      updated_at: now,
    });
    await repo.appendProposalEvent(trx, {
      id: newId(),
      proposal_id: id,
      status: 'seconding',
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      note: '',
      created_at: now,
    });
  });
  return { id };
}

export async function secondProposal(deps: Deps, actor: Actor, proposalId: string, unitId: string | undefined) {
  return deps.db.transaction().execute(async (trx) => {
    // Seconds counted by concurrent requests must see each other, or none would reach the threshold.
    await lockRow(trx, 'proposals', proposalId);
    const proposal = await repo.findProposal(trx, proposalId);
    if (!proposal) throw new DomainError('proposal_not_found');
    if (proposal.status !== 'seconding' && proposal.status !== 'qualified') throw new DomainError('proposal_not_seconding');
    if (proposal.author_user_id === actor.userId) throw new DomainError('proposal_own');
    const mine = unitsInScope(actor, proposal.compound_id, proposal.building_id);
    const unit = unitId ? mine.find((u) => u.unitId === unitId) : mine[0];
    if (!unit) throw new DomainError('proposal_not_member');
    if (unit.unitId === proposal.author_unit_id) throw new DomainError('proposal_own');
    const now = deps.clock().toISOString();
    try {
      await repo.insertSecond(trx, { proposal_id: proposalId, unit_id: unit.unitId, user_id: actor.userId, created_at: now });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('proposal_already_seconded');
      throw error;
    }
    const seconds = await repo.countSeconds(trx, proposalId);
    const threshold = thresholdOf(proposal);
    let status: ProposalStatus = proposal.status;
    if (status === 'seconding' && qualifies(seconds, proposal.units_in_scope, threshold)) {
      await repo.updateProposal(trx, proposalId, 'seconding', { status: 'qualified', qualified_at: now, updated_at: now });
      const note = describeThreshold(threshold, proposal.units_in_scope)['zh-CN'];
      await repo.appendProposalEvent(trx, {
        id: newId(),
        proposal_id: proposalId,
        status: 'qualified',
        actor_user_id: null,
        actor_name: SYSTEM_ACTOR_NAME['zh-CN'],
        note,
        created_at: now,
      });
      status = 'qualified';
      await enqueueNotifications(trx, deps, { kind: 'proposal_threshold', proposalId, causedByUserId: actor.userId });
    }
    return { seconds, status, needed: secondsNeeded(seconds, proposal.units_in_scope, threshold) };
  });
}

export async function decideProposal(deps: Deps, actor: Actor, proposalId: string, input: DecideProposalInput) {
  await deps.db.transaction().execute(async (trx) => {
    // Two staff deciding at once (on two server instances): the second waits here and then sees the
    // first decision, instead of both writing a decision into the history. A merge holds the target
    // too (both in id order, so "A into B" and "B into A" at once cannot deadlock or both pass).
    const held = input.action === 'merge' ? [proposalId, input.intoProposalId].sort() : [proposalId];
    for (const id of held) await lockRow(trx, 'proposals', id);
    const proposal = await repo.findProposal(trx, proposalId);
    if (!proposal) throw new DomainError('proposal_not_found');
    const from = proposal.status;
    const to: ProposalStatus = input.action === 'put_on_agenda' ? 'on_agenda' : input.action === 'merge' ? 'merged' : 'declined';
    if (!canProposalTransition(from, to)) throw new DomainError('proposal_bad_transition', { status: from });
    const now = deps.clock().toISOString();
    let note: string;
    if (input.action === 'merge') {
      if (input.intoProposalId === proposalId) throw new DomainError('proposal_merge_self');
      const into = await repo.findProposal(trx, input.intoProposalId);
      if (!into || into.compound_id !== proposal.compound_id) throw new DomainError('proposal_merge_target_not_found');
      // Into a proposal that was itself merged away would make chains, or a loop of two.
      if (into.status === 'merged') throw new DomainError('proposal_bad_transition', { status: 'merged' });
      await repo.updateProposal(trx, proposalId, from, { status: to, merged_into_id: into.id, updated_at: now });
      note = `${into.title}${input.note ? `：${input.note}` : ''}`;
    } else if (input.action === 'decline') {
      await repo.updateProposal(trx, proposalId, from, { status: to, decision_reason: input.reason, updated_at: now });
      note = input.reason;
    } else {
      // The agenda item must be one of this compound's meetings', or the proposal would show on another compound's agenda.
      if (input.agendaItemId !== null && !(await findAgendaItemOfCompound(trx, input.agendaItemId, proposal.compound_id)))
        throw new DomainError('proposal_agenda_item_not_found');
      await repo.updateProposal(trx, proposalId, from, { status: to, agenda_item_id: input.agendaItemId, updated_at: now });
      note = input.note;
    }
    await repo.appendProposalEvent(trx, {
      id: newId(),
      proposal_id: proposalId,
      status: to,
      actor_user_id: actor.userId,
      actor_name: actor.displayName,
      note,
      created_at: now,
    });
    await enqueueNotifications(trx, deps, { kind: 'proposal_answered', proposalId, causedByUserId: actor.userId });
  });
  return { ok: true } as const;
}

/**
 * Inside the transaction creating a vote from a proposal: the proposal records that it was put to
 * this vote — once, checked under its lock, so two staff (on two instances) cannot each put it to a
 * vote of their own.
 */
export async function recordProposalPutToVote(trx: Db, actor: Actor, proposalId: string, vote: { voteId: string; title: string; now: string }) {
  await lockRow(trx, 'proposals', proposalId);
  const proposal = await repo.findProposal(trx, proposalId);
  if (!proposal) throw new DomainError('proposal_not_found');
  const from = proposal.status;
  if (!canProposalTransition(from, 'put_to_vote')) throw new DomainError('proposal_bad_transition', { status: from });
  await repo.updateProposal(trx, proposalId, from, { vote_id: vote.voteId, status: 'put_to_vote', updated_at: vote.now });
  await repo.appendProposalEvent(trx, {
    id: newId(),
    proposal_id: proposalId,
    status: 'put_to_vote',
    actor_user_id: actor.userId,
    actor_name: actor.displayName,
    note: vote.title,
    created_at: vote.now,
  });
}

function proposalView(p: ProposalRow, seconds: number, locale: Locale) {
  const threshold = thresholdOf(p);
  return {
    id: p.id,
    compoundId: p.compound_id,
    buildingId: p.building_id,
    title: p.title,
    body: p.body,
    status: p.status,
    statusText: PROPOSAL_STATUS_LABELS[p.status][locale],
    authorName: p.author_name,
    seconds,
    needed: secondsNeeded(seconds, p.units_in_scope, threshold),
    unitsInScope: p.units_in_scope,
    thresholdText: describeThreshold(threshold, p.units_in_scope)[locale],
    mergedIntoId: p.merged_into_id,
    agendaItemId: p.agenda_item_id,
    voteId: p.vote_id,
    decisionReason: p.decision_reason,
    qualifiedAt: p.qualified_at,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
}

/** 刘洋 → 刘*: the public board names a proposer only by surname. */
function maskName(name: string): string {
  return name.length <= 1 ? name : `${name.slice(0, 1)}${'*'.repeat(Math.min(2, name.length - 1))}`;
}

/** A page of the compound's proposals, newest first, each with its seconds counted (one statement for the page). */
export async function listProposals(deps: Deps, compoundId: string, locale: Locale, page: PageRequest, options: { publicView?: boolean } = {}) {
  const { rows, next } = await repo.readProposalsPage(deps.db, compoundId, page);
  const seconds = await repo.countSecondsOf(
    deps.db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => {
    const view = proposalView(r, seconds.get(r.id) ?? 0, locale);
    return options.publicView ? { ...view, authorName: maskName(view.authorName) } : view;
  });
  return { items, next };
}

export async function getProposal(deps: Deps, actor: Actor | null, proposalId: string, locale: Locale) {
  const p = await repo.findProposal(deps.db, proposalId);
  if (!p) throw new DomainError('proposal_not_found');
  const seconds = await repo.listSecondUnits(deps.db, proposalId);
  const events = await repo.listProposalEvents(deps.db, proposalId);
  const mineUnits = actor ? new Set(unitsInScope(actor, p.compound_id, p.building_id).map((u) => u.unitId)) : new Set<string>();
  return {
    proposal: proposalView(p, seconds.length, locale),
    history: events.map((e) => {
      // The system's own step (qualifying) is told in the reader's language, from the threshold frozen
      // into the proposal; what people wrote stays as they wrote it.
      const bySystem = e.actor_user_id === null;
      return {
        status: e.status,
        statusText: PROPOSAL_STATUS_LABELS[e.status][locale],
        actorName: bySystem ? SYSTEM_ACTOR_NAME[locale] : e.actor_name,
        note: bySystem && e.status === 'qualified' ? describeThreshold(thresholdOf(p), p.units_in_scope)[locale] : e.note,
        at: e.created_at,
      };
    }),
    me: actor
      ? {
          isAuthor: p.author_user_id === actor.userId,
          seconded: seconds.some((s) => mineUnits.has(s.unit_id)),
          canSecond: mineUnits.size > 0 && p.author_user_id !== actor.userId && (p.status === 'seconding' || p.status === 'qualified'),
        }
      : null,
  };
}

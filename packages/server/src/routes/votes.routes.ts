import { DomainError, ROLES, castBallotSchema, formatAreaCenti, createVoteSchema, paperBallotSchema } from '@yishi/core';
import { z } from 'zod';
import { findCompoundChain } from '../db/repositories/places.repository.js';
import { findVote } from '../db/repositories/votes.repository.js';
import { compoundFromParams } from '../http/place-lookups.js';
import { defineRoute, publicAccess, rolesAt, type PlaceLookup } from '../http/route.js';
import { castBallot, enterPaperBallot, formatBeijing } from '../services/ballots.service.js';
import { VOTE_ORGANISERS, getReceipts, getRoll, getVoteForActor, listPublicResults, listVotesForActor } from '../services/vote-views.service.js';
import { closeVote, createVote, loadVoteSettled, openVote } from '../services/votes.service.js';

const compoundParams = z.object({ compoundId: z.string().min(1).max(40) });
const voteParams = z.object({ voteId: z.string().min(1).max(40) });

/** The place a vote is about: its compound, and its building for building-scoped votes. */
export const voteFromParams: PlaceLookup<{ voteId: string }> = async ({ db, params }) => {
  const vote = await findVote(db, params.voteId);
  if (!vote) return undefined;
  const chain = await findCompoundChain(db, vote.compound_id);
  return chain && { ...chain, ...(vote.building_id ? { buildingId: vote.building_id } : {}) };
};

export const voteRoutes = [
  defineRoute({
    method: 'get',
    path: '/compounds/:compoundId/votes',
    summary: 'Votes of a compound (drafts only for organisers)',
    tags: ['votes'],
    access: rolesAt(ROLES, compoundFromParams),
    params: compoundParams,
    handler: ({ deps, actor, params, locale, place }) => listVotesForActor(deps, actor, params.compoundId, locale, place),
  }),
  defineRoute({
    method: 'post',
    path: '/compounds/:compoundId/votes',
    summary: 'Create a vote (draft; opens at opensAt, or when an organiser opens it)',
    description:
      'Rules: simple_majority; art278 with matter 1–9 (thresholds follow from the matter); custom fractions. From a proposal (sourceKind=proposal), an agenda item (agenda_item) or direct.',
    tags: ['votes'],
    access: rolesAt(VOTE_ORGANISERS, compoundFromParams),
    params: compoundParams,
    body: createVoteSchema,
    status: 201,
    handler: ({ deps, actor, params, body }) => createVote(deps, actor, params.compoundId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/votes/:voteId',
    summary: 'A vote: its rule in words, live turnout, my units and receipt codes; results once closed',
    tags: ['votes'],
    access: rolesAt(ROLES, voteFromParams),
    params: voteParams,
    handler: ({ deps, actor, params, locale, place }) => getVoteForActor(deps, actor, params.voteId, locale, place),
  }),
  defineRoute({
    method: 'post',
    path: '/votes/:voteId/open',
    summary: 'Open a draft vote now: freezes the electorate (units, owners, areas) and the rule',
    tags: ['votes'],
    access: rolesAt(VOTE_ORGANISERS, voteFromParams),
    params: voteParams,
    handler: async ({ deps, params }) => {
      await openVote(deps, params.voteId);
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/votes/:voteId/close',
    summary: 'Close an open vote now and publish its result (votes also close by themselves on time)',
    tags: ['votes'],
    access: rolesAt(VOTE_ORGANISERS, voteFromParams),
    params: voteParams,
    handler: async ({ deps, actor, params }) => {
      await loadVoteSettled(deps, params.voteId);
      await closeVote(deps, params.voteId, actor);
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/votes/:voteId/ballots',
    summary: 'Cast or change my ballot (the latest counts until closing); returns a receipt code',
    tags: ['votes'],
    access: rolesAt(['owner', 'resident'], voteFromParams),
    params: voteParams,
    body: castBallotSchema,
    status: 201,
    handler: ({ deps, actor, params, body }) => castBallot(deps, actor, params.voteId, body),
  }),
  defineRoute({
    method: 'post',
    path: '/votes/:voteId/paper-ballots',
    summary: 'Enter a paper ballot for a unit (recorded with the staff member who entered it)',
    tags: ['votes'],
    access: rolesAt(VOTE_ORGANISERS, voteFromParams),
    params: voteParams,
    body: paperBallotSchema,
    status: 201,
    handler: ({ deps, actor, params, body }) => enterPaperBallot(deps, actor, params.voteId, body),
  }),
  defineRoute({
    method: 'get',
    path: '/votes/:voteId/roll',
    summary: 'The frozen roll: who may vote and whether they voted (never how, for a secret ballot)',
    tags: ['votes'],
    access: rolesAt(VOTE_ORGANISERS, voteFromParams),
    params: voteParams,
    handler: ({ deps, params }) => getRoll(deps, params.voteId),
  }),
  defineRoute({
    method: 'get',
    path: '/votes/:voteId/roll.csv',
    summary: 'The roll as CSV for Excel: unit, area, voted or not, channel, time (choices only for named ballots after closing)',
    tags: ['votes'],
    access: rolesAt(VOTE_ORGANISERS, voteFromParams),
    params: voteParams,
    produces: 'text/csv',
    handler: async ({ c, deps, params }) => {
      const { entries } = await getRoll(deps, params.voteId);
      const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      const named = entries.some((e) => 'choices' in e);
      const lines = [['房屋', '面积（平方米）', '是否已投票', '方式', '投票时间', ...(named ? ['选择'] : [])].join(',')];
      for (const e of entries) {
        const choices = 'choices' in e && Array.isArray(e.choices) ? e.choices.join('、') : '';
        lines.push(
          [e.label, formatAreaCenti(e.areaCenti), e.voted ? '是' : '否', e.channel === 'paper' ? '纸质' : e.channel === 'online' ? '网上' : '', e.castAt ? formatBeijing(e.castAt) : '', ...(named ? [choices] : [])]
            .map(cell)
            .join(','),
        );
      }
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="vote-roll-${params.voteId}.csv"`);
      return c.body(`\uFEFF${lines.join('\r\n')}\r\n`);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/public/votes/:voteId/receipts',
    summary: 'After closing: every receipt code with its choices, to check a ballot was counted as cast',
    tags: ['votes', 'public'],
    access: publicAccess,
    params: voteParams,
    handler: ({ deps, params, locale }) => getReceipts(deps, params.voteId, locale),
  }),
  defineRoute({
    method: 'get',
    path: '/public/compounds/:compoundId/votes',
    summary: 'Notice board: closed votes with results and the rule explained in words',
    tags: ['votes', 'public'],
    access: publicAccess,
    params: compoundParams,
    handler: async ({ deps, params, locale }) => {
      const chain = await findCompoundChain(deps.db, params.compoundId);
      if (!chain) throw new DomainError('compound_not_found');
      return listPublicResults(deps, params.compoundId, locale);
    },
  }),
];

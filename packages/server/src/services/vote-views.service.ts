/**
 * What each audience may see of a vote. The rule of secrecy lives here: while a vote is open nobody
 * sees choices or results, only turnout; for a secret ballot nobody — staff included — ever sees
 * how a unit voted, only whether it voted; after closing the results and the receipt list (codes
 * with their choices, no units) are public.
 */
import {
  COMPOUND_STAFF,
  DomainError,
  describeCheck,
  formatAreaCenti,
  publishedResult,
  secretTotalsWithheld,
  toCsv,
  withheldChoicesWords,
  type ListedVote,
  type Locale,
  type MyVoter,
  type PageRequest,
  type PublicVotes,
  type PublishedResult,
  type RollEntry,
  type TallyResult,
  formatBeijingMinute,
} from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import { mayAct } from '../auth/authorize.js';
import { findCompoundChain } from '../db/repositories/places.repository.js';
import { readReceiptsPage } from '../db/repositories/open-ballot.repository.js';
import { listVotersWithBallots } from '../db/repositories/vote-page.repository.js';
import * as repo from '../db/repositories/votes.repository.js';
import type { VoteRow } from '../db/tables/votes.table.js';
import type { Deps } from '../deps.js';
import { timelineOf } from './vote-timeline.service.js';
import { turnoutOf } from './vote-turnout.js';
import {
  channelOf,
  choicesOf,
  loadVoteSettled,
  localisedOptions,
  optionsOf,
  ownersOnRoll,
  ruleOf,
  ruleWords,
  settleDueVotes,
  voterKeyOf,
} from './votes.service.js';
import { readWholeRoll } from './whole-roll.js';

export const VOTE_ORGANISERS = COMPOUND_STAFF;

/**
 * The frozen result as shown: option labels in the caller's language, and every check told again
 * from its frozen figures (core's describeCheck), so a result closed under older wording reads like
 * one closed today — the figures never change, only the words around them.
 */
function localiseResult(result: TallyResult, vote: VoteRow, locale: Locale): TallyResult {
  const labels = new Map(localisedOptions(vote, locale).map((o) => [o.id, o.label]));
  const asWritten = new Map(optionsOf(vote).map((o) => [o.id, o.label]));
  return {
    ...result,
    options: result.options.map((o) => ({ ...o, label: labels.get(o.id) ?? o.label })),
    checks: result.checks.map((c) => ({ ...c, text: describeCheck(c, c.optionId === null ? null : (asWritten.get(c.optionId) ?? c.optionId)) })),
  };
}

/**
 * The one way a result leaves the server (vote page, lists, the board, staff's management page): a
 * secret vote with few voters without its per-option figures (core publishedResult says why).
 */
export function resultOf(vote: VoteRow, locale: Locale): PublishedResult | null {
  if (vote.status !== 'closed' || !vote.result_json) return null;
  return publishedResult(localiseResult(JSON.parse(vote.result_json) as TallyResult, vote, locale), vote.secret === 1);
}

export async function voteSummary(deps: Deps, vote: VoteRow, locale: Locale) {
  return {
    id: vote.id,
    compoundId: vote.compound_id,
    buildingId: vote.building_id,
    buildingName: vote.building_id ? await repo.findBuildingName(deps.db, vote.building_id) : null,
    title: vote.title,
    description: vote.description,
    kind: vote.kind,
    electorateKind: vote.electorate_kind,
    options: localisedOptions(vote, locale),
    maxChoices: vote.max_choices,
    rule: ruleOf(vote),
    ruleText: ruleWords(vote),
    secret: vote.secret === 1,
    status: vote.status,
    opensAt: vote.opens_at,
    closesAt: vote.closes_at,
    openedAt: vote.opened_at,
    closedAt: vote.closed_at,
    closedOnTime: vote.status === 'closed' && vote.closed_by_user_id === null,
    preliminary: vote.status === 'closed' && vote.statutory === 1 && vote.finalised_at === null,
    sourceKind: vote.source_kind,
    sourceId: vote.source_id,
    createdAt: vote.created_at,
  };
}

function isOrganiser(actor: Actor, vote: VoteRow, chain: Parameters<typeof mayAct>[2]): boolean {
  return mayAct(actor, VOTE_ORGANISERS, chain ?? { subdistrictId: '', compoundId: vote.compound_id });
}

/**
 * The caller's own voters on a vote's roll — each unit they owned when it opened (or themselves, in
 * a residents' poll) — with whether it has voted and its receipt code (only the voter sees it).
 * Empty for a draft and for callers with no unit on the roll.
 */
export async function myVotersOf(deps: Deps, actor: Actor, vote: VoteRow): Promise<MyVoter[]> {
  if (vote.status === 'draft' || !actor.personId) return [];
  const residents = vote.electorate_kind === 'residents';
  const keys = residents ? [actor.personId] : actor.ownedUnits.map((u) => u.unitId);
  const entries = new Map((await listVotersWithBallots(deps.db, vote.id, residents, keys)).map((e) => [e.voter_key, e]));
  const mine: MyVoter[] = [];
  for (const key of keys) {
    const entry = entries.get(key);
    if (!entry) continue;
    if (entry.unit_id && !ownersOnRoll(entry).includes(actor.personId)) continue;
    const ballot = entry.ballot_id === null ? null : { channel: entry.channel!, proxy_id: entry.proxy_id };
    mine.push({
      voterKey: key,
      label: entry.label,
      voted: ballot !== null,
      receiptCode: entry.receipt_code,
      castAt: entry.cast_at,
      channel: ballot ? channelOf(ballot) : null,
    });
  }
  return mine;
}

export async function getVoteForActor(deps: Deps, actor: Actor, voteId: string, locale: Locale, chain: Parameters<typeof mayAct>[2]) {
  const vote = await loadVoteSettled(deps, voteId);
  const organiser = isOrganiser(actor, vote, chain);
  if (vote.status === 'draft' && !organiser) throw new DomainError('vote_not_found');
  // The parts read apart from one another: on PostgreSQL each is a round trip on its own pooled
  // connection, so they run side by side (the page waits for one round instead of four); SQLite runs
  // them one after another on its one connection, in this order.
  const [summary, turnout, mine, timeline] = await Promise.all([
    voteSummary(deps, vote, locale),
    vote.status === 'draft' ? null : turnoutOf(deps.db, vote),
    myVotersOf(deps, actor, vote),
    timelineOf(deps, vote),
  ]);
  return { vote: summary, turnout, result: resultOf(vote, locale), mine, canManage: organiser, timeline };
}

/** A page of the compound's votes: open, announced, drafts (organisers only), closed. */
export async function listVotesForActor(deps: Deps, actor: Actor, compoundId: string, locale: Locale, chain: Parameters<typeof mayAct>[2], page: PageRequest) {
  // Settle any vote past its time before listing, so a list never shows a stale "open".
  await settleDueVotes(deps);
  const organiser = mayAct(actor, VOTE_ORGANISERS, chain);
  const { rows, next } = await repo.readVotesPage(deps.db, compoundId, organiser, page);
  const items: ListedVote[] = [];
  for (const v of rows) {
    const summary = await voteSummary(deps, v, locale);
    const result = resultOf(v, locale);
    items.push({ ...summary, passed: result?.passed ?? null, summaryText: result?.summary ?? null, mine: await myVotersOf(deps, actor, v) });
  }
  return { items, next, canManage: organiser };
}

/** Staff: the roll — who is entitled and whether they voted (choices only for named ballots after closing). */
export async function getRoll(deps: Deps, voteId: string): Promise<{ entries: RollEntry[] }> {
  const vote = await loadVoteSettled(deps, voteId);
  const electorate = await readWholeRoll(deps.db, voteId);
  const presence = new Map((await repo.listBallotPresence(deps.db, voteId)).map((b) => [voterKeyOf(b), b]));
  const named =
    vote.secret === 0 && vote.status === 'closed' ? new Map((await repo.listNamedBallots(deps.db, voteId)).map((b) => [voterKeyOf(b), choicesOf(b)])) : null;
  return {
    entries: electorate.map((e) => {
      const ballot = presence.get(e.voter_key);
      return {
        voterKey: e.voter_key,
        label: e.label,
        areaCenti: e.area_centi,
        developerHeld: e.developer_held === 1,
        voted: !!ballot,
        channel: ballot ? channelOf(ballot) : null,
        castAt: ballot?.cast_at ?? null,
        ...(named ? { choices: named.get(e.voter_key) ?? null } : {}),
      };
    }),
  };
}

/** The roll as CSV for Excel (UTF-8 with a byte-order mark, CRLF lines), in Chinese like the paper roll. */
export async function getRollCsv(deps: Deps, voteId: string): Promise<string> {
  const { entries } = await getRoll(deps, voteId);
  const named = entries.some((e) => e.choices !== undefined);
  const header = ['房屋', '面积（平方米）', '是否已投票', '方式', '投票时间', ...(named ? ['选择'] : [])];
  const rows = entries.map((e) => [
    e.label,
    formatAreaCenti(e.areaCenti),
    e.voted ? '是' : '否',
    e.channel === 'paper' ? '纸质' : e.channel === 'proxy' ? '委托' : e.channel === 'online' ? '网上' : '',
    e.castAt ? formatBeijingMinute(e.castAt) : '',
    ...(named ? [e.choices ? e.choices.join('、') : ''] : []),
  ]);
  return toCsv([header, ...rows]);
}

/** After closing: the receipt codes with their choices, a page at a time (or the one `code` names), so each voter can check their ballot. */
export async function getReceipts(deps: Deps, voteId: string, locale: Locale, query: PageRequest & { code?: string | undefined }) {
  const vote = await loadVoteSettled(deps, voteId);
  // A draft is not public at all; an open vote's list is published when it closes, and says when.
  if (vote.status === 'draft') throw new DomainError('vote_not_found');
  const published = vote.status === 'closed';
  const labels = new Map(localisedOptions(vote, locale).map((o) => [o.id, o.label]));
  const { rows, next } = published ? await readReceiptsPage(deps.db, voteId, query.code, query) : { rows: [], next: null };
  // The choices of a small secret vote's receipts add up to the per-option counts withheld from its result.
  const counted = resultOf(vote, locale)?.participation.ballots ?? 0;
  const withheld = published && secretTotalsWithheld(vote.secret === 1, counted);
  return {
    voteId,
    title: vote.title,
    status: vote.status,
    closesAt: vote.closes_at,
    published,
    choicesWithheld: withheld ? withheldChoicesWords(counted) : null,
    items: rows.map((r) => {
      const choices = withheld ? [] : choicesOf(r);
      const logPosition = r.log_position === null ? null : Number(r.log_position);
      return { receiptCode: r.receipt_code, logPosition, choices, choiceLabels: choices.map((c) => labels.get(c) ?? c), channel: channelOf(r) };
    }),
    next,
  };
}

/** The notice board's votes: open ones with live turnout (with the first page), a page of closed ones with their results. */
export async function listPublicResults(deps: Deps, compoundId: string, locale: Locale, page: PageRequest): Promise<PublicVotes> {
  // Public: no role check found the compound, so an unknown one is said here.
  if (!(await findCompoundChain(deps.db, compoundId))) throw new DomainError('compound_not_found');
  await settleDueVotes(deps);
  // Open votes are announced with their turnout, soonest closing first; never their choices.
  const open: PublicVotes['open'] = [];
  const openRows = page.after === undefined ? await repo.listOpenVotesOfCompound(deps.db, compoundId) : [];
  for (const v of openRows) open.push({ ...(await voteSummary(deps, v, locale)), turnout: await turnoutOf(deps.db, v) });
  const { rows, next } = await repo.readClosedVotesPage(deps.db, compoundId, page);
  const items: PublicVotes['items'] = [];
  for (const v of rows) items.push({ ...(await voteSummary(deps, v, locale)), result: resultOf(v, locale) });
  return { open, items, next };
}

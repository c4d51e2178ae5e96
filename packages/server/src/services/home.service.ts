/**
 * "What needs me" (GET /api/me/home): the rows of each section in one statement over all the
 * caller's compounds (db/repositories/home.repository.ts), then core's rules — which roles see which
 * staff section (core/home), overdue, minutes deadlines from when the meeting was held, time left,
 * turnout against the participation threshold — and the votes' own services for turnout.
 *
 * The votes to cast include the flats other owners authorised the caller to vote for (委托代投): the
 * bell told her once, and a relative or tenant with no flat of her own had nothing else to go back to.
 */
import {
  HOME_LIST_LIMIT,
  HOME_QUESTIONS_DAYS,
  HOME_RATING_WINDOW_DAYS,
  HOME_ROLE_UNITS,
  HOME_STAFF_SECTIONS,
  HOME_VOTES_CLOSING_DAYS,
  chinaDate,
  endOfChinaDay,
  heldStart,
  isOverdue,
  maskName,
  participationProgress,
  publicationDeadline,
  responsibleUnitWords,
  timeLeft,
  type Home,
  type MyCompound,
  type Role,
} from '@yishi/core';
import type { Actor } from '../auth/actor.js';
import {
  listConcernsRaisedBy,
  listDueActionItems,
  listItemsToSignOff,
  listHeldMeetingsWithoutMinutes,
  listNewItemsForUnits,
  listQuestionsAskedBy,
  listMeetingsBetween,
  listUnratedSignOffs,
  listProxyUnitsToCast,
  listUnvotedRollEntries,
  listVotesClosingBetween,
} from '../db/repositories/home.repository.js';
import type { Deps } from '../deps.js';
import { listCompoundsFor } from './compounds.service.js';
import { turnoutOf } from './vote-turnout.js';
import { ownersOnRoll, ruleOf } from './votes.service.js';

const DAY_MS = 86_400_000;

function listOf<T>(all: readonly T[]): { total: number; entries: T[] } {
  return { total: all.length, entries: all.slice(0, HOME_LIST_LIMIT) };
}

/** What every home entry names of an action item: the item, its title and its compound. */
function itemNamed(i: { id: string; title: string; compoundId: string; compoundName: string }) {
  return { itemId: i.id, title: i.title, compoundId: i.compoundId, compoundName: i.compoundName };
}

/** A list read as its first entries, each row carrying how many there are in all (home.repository's `inAll`). */
function firstOf<Row extends { inAll: number | string }, T>(rows: readonly Row[], entry: (row: Row) => T): { total: number; entries: T[] } {
  return { total: Number(rows[0]?.inAll ?? 0), entries: rows.map(entry) };
}

/** The compounds where I hold one of these roles. */
function compoundsWith(compounds: readonly MyCompound[], roles: readonly Role[]): string[] {
  return compounds.filter((c) => c.myRoles.some((r) => roles.includes(r))).map((c) => c.id);
}

type OwnerPart = NonNullable<Home['owner']>;
type HomeBallot = OwnerPart['ballots']['entries'][number];
type ProxyUnits = Awaited<ReturnType<typeof listProxyUnitsToCast>>;

export async function describeMyHome(deps: Deps, actor: Actor): Promise<Home> {
  const now = deps.clock();
  const compounds = await listCompoundsFor(deps, actor);
  const livesSomewhere = actor.ownedUnits.length + actor.residentUnits.length > 0;
  // Read for everyone, in the same round as the parts: whether the caller holds a proxy decides whether there is an owner part at all.
  const [held, owner, staff] = await Promise.all([
    listProxyUnitsToCast(deps.db, actor.userId, now.toISOString()),
    livesSomewhere ? ownerPart(deps, actor, compounds, now) : null,
    actor.grants.length > 0 ? staffPart(deps, actor, compounds, now) : null,
  ]);
  // No flat of my own, but a proxy: an owner part with only the votes I may cast for others.
  const mine = owner ?? (held.length > 0 ? { ballots: [], concerns: listOf([]), questions: listOf([]), toRate: listOf([]) } : null);
  return { today: chinaDate(now), owner: mine && { ...mine, ballots: listOf(withProxyUnits(mine.ballots, held, now)) }, staff };
}

/**
 * My votes to cast with the flats I hold a proxy for added: to the vote's entry when my own flats have
 * not voted in it either, else as an entry of their own; soonest closing first. A flat I may vote for
 * as one of its owners (a co-owner holding the other owner's proxy) is listed once, as mine.
 */
function withProxyUnits(own: readonly HomeBallot[], held: ProxyUnits, now: Date): HomeBallot[] {
  const ballots = new Map(own.map((b) => [b.voteId, b]));
  for (const unit of held) {
    const ballot = ballots.get(unit.voteId) ?? {
      voteId: unit.voteId,
      title: unit.title,
      compoundId: unit.compoundId,
      compoundName: unit.compoundName,
      closesAt: unit.closesAt,
      timeLeft: timeLeft(unit.closesAt, now),
      notVoted: [],
      proxyFor: [],
    };
    if (ballot.notVoted.some((u) => u.voterKey === unit.unitId)) continue;
    ballot.proxyFor.push({ voterKey: unit.unitId, label: unit.label, principalName: maskName(unit.principalName) });
    ballots.set(unit.voteId, ballot);
  }
  return [...ballots.values()].sort((a, b) => a.closesAt.localeCompare(b.closesAt));
}

/** My own votes to cast (the whole list, not cut: the flats I hold a proxy for join it before it is), and the rest of the owner part. */
async function ownerPart(
  deps: Deps,
  actor: Actor,
  compounds: readonly MyCompound[],
  now: Date,
): Promise<Omit<OwnerPart, 'ballots'> & { ballots: HomeBallot[] }> {
  const { db } = deps;
  const today = chinaDate(now);
  const personId = actor.personId;
  const voterKeys = [...actor.ownedUnits.map((u) => u.unitId), ...(personId ? [personId] : [])];
  const [roll, concerns, questions, unrated] = await Promise.all([
    listUnvotedRollEntries(db, voterKeys, now.toISOString()),
    listConcernsRaisedBy(db, actor.userId),
    listQuestionsAskedBy(db, actor.userId, new Date(now.getTime() - HOME_QUESTIONS_DAYS * DAY_MS).toISOString()),
    listUnratedSignOffs(db, {
      userId: actor.userId,
      compoundIds: compoundsWith(compounds, ['owner', 'resident']),
      sinceIso: new Date(now.getTime() - HOME_RATING_WINDOW_DAYS * DAY_MS).toISOString(),
    }),
  ]);

  // A unit counts only while I am among the owners the roll froze when the vote opened.
  const ballots = new Map<string, HomeBallot>();
  for (const entry of roll) {
    if (entry.unitId ? !personId || !ownersOnRoll(entry).includes(personId) : entry.voterKey !== personId) continue;
    const ballot = ballots.get(entry.voteId) ?? {
      voteId: entry.voteId,
      title: entry.title,
      compoundId: entry.compoundId,
      compoundName: entry.compoundName,
      closesAt: entry.closesAt,
      timeLeft: timeLeft(entry.closesAt, now),
      notVoted: [],
      proxyFor: [],
    };
    ballot.notVoted.push({ voterKey: entry.voterKey, label: entry.label });
    ballots.set(entry.voteId, ballot);
  }

  const toRate = new Set(unrated.map((i) => i.id));
  const recent = new Date(now.getTime() - HOME_RATING_WINDOW_DAYS * DAY_MS).toISOString();
  const mine = concerns
    // Signed off and rated a while ago: done, off the home page.
    .filter((c) => c.status !== 'signed_off' || toRate.has(c.id) || (c.signedOffAt ?? '') >= recent)
    .map((c) => ({
      ...itemNamed(c),
      status: c.status,
      dueDate: c.dueDate,
      overdue: isOverdue({ status: c.status, dueDate: c.dueDate }, today),
      signOffNumber: c.signOffNumber,
      awaitsMyRating: toRate.has(c.id),
    }));

  return {
    ballots: [...ballots.values()],
    concerns: listOf(mine),
    questions: listOf(questions.map(({ id, ...q }) => ({ questionId: id, ...q }))),
    toRate: listOf(
      unrated.map((i) => ({
        ...itemNamed(i),
        signOffNumber: i.signOffNumber ?? '',
        signedOffAt: i.signedOffAt ?? '',
        mine: i.raisedBy === actor.userId,
      })),
    ),
  };
}

async function staffPart(deps: Deps, actor: Actor, compounds: readonly MyCompound[], now: Date): Promise<NonNullable<Home['staff']>> {
  const { db } = deps;
  const today = chinaDate(now);
  const within = (section: keyof typeof HOME_STAFF_SECTIONS) => compoundsWith(compounds, HOME_STAFF_SECTIONS[section]);
  const dayEnd = endOfChinaDay(today);
  const dayStart = new Date(dayEnd.getTime() + 1 - DAY_MS);
  // The units I stand for, each at the compounds where I hold its role (none: no query).
  const units = Object.entries(HOME_ROLE_UNITS)
    .map(([role, unit]) => ({ unit, compoundIds: compoundsWith(compounds, [role as Role]) }))
    .filter((u) => u.compoundIds.length > 0);
  const [due, fresh, toSignOff, unpublished, meetings, votes] = await Promise.all([
    listDueActionItems(db, within('dueItems'), today),
    units.length > 0 ? listNewItemsForUnits(db, units, today) : ([] as Awaited<ReturnType<typeof listNewItemsForUnits>>),
    listItemsToSignOff(db, within('toSignOff'), actor.userId),
    listHeldMeetingsWithoutMinutes(db, within('minutes')),
    listMeetingsBetween(db, within('meetingsToday'), dayStart.toISOString(), dayEnd.toISOString()),
    listVotesClosingBetween(db, within('votesClosing'), now.toISOString(), new Date(now.getTime() + HOME_VOTES_CLOSING_DAYS * DAY_MS).toISOString()),
  ]);

  const minutes = unpublished
    .map((m) => {
      // The deadline runs from when the meeting was held; kinds without one (evening talks) are not due.
      const heldAt = heldStart({ startsAt: m.starts_at, startedAt: m.started_at });
      const deadline = publicationDeadline(m.kind, heldAt);
      return deadline
        ? {
            meetingId: m.id,
            title: m.title,
            kind: m.kind,
            compoundId: m.compoundId,
            compoundName: m.compoundName,
            heldAt,
            deadline,
            timeLeft: timeLeft(deadline, now),
          }
        : null;
    })
    .filter((m) => m !== null)
    .sort((a, b) => a.deadline.localeCompare(b.deadline));

  const closing = [];
  for (const vote of votes) {
    const turnout = await turnoutOf(db, vote);
    closing.push({
      voteId: vote.id,
      title: vote.title,
      compoundId: vote.compound_id,
      compoundName: vote.compoundName,
      closesAt: vote.closes_at,
      timeLeft: timeLeft(vote.closes_at, now),
      progress: participationProgress(ruleOf(vote), vote.electorate_kind, turnout.electorate, turnout.participation),
    });
  }

  return {
    dueItems: firstOf(due, (i) => ({
      ...itemNamed(i),
      status: i.status,
      triage: i.triage,
      dueDate: i.dueDate,
      overdue: i.dueDate < today,
    })),
    newItems: firstOf(fresh, (i) => ({
      ...itemNamed(i),
      responsibleUnit: i.responsibleUnit ?? '',
      responsibleUnitLabel: responsibleUnitWords(i.responsibleUnit),
      triage: i.triage,
      dueDate: i.dueDate,
      listedAt: i.listedAt,
    })),
    toSignOff: firstOf(toSignOff, (i) => ({ ...itemNamed(i), resolvedAt: i.resolvedAt ?? '' })),
    minutes: listOf(minutes),
    meetingsToday: listOf(
      meetings.map((m) => ({
        meetingId: m.id,
        title: m.title,
        kind: m.kind,
        status: m.status,
        compoundId: m.compoundId,
        compoundName: m.compoundName,
        startsAt: m.startsAt,
        place: m.place,
      })),
    ),
    votesClosing: listOf(closing),
  };
}

/**
 * Live turnout of a vote: how many took part, by ballots, heads and area — never how anyone voted.
 * Asked on every view of the voting page, so it must not reload a 10,000-unit roll each time:
 *
 * - The roll is frozen once the vote opens (corrections to it end before opening), so its index — each
 *   voter's head (core headKeyOf) and area — is read once per vote and kept (the most recent votes
 *   per database handle). A roll still open to corrections (an announced vote) is read each time.
 * - Participation changes with every ballot, and every write of a ballot moves the vote's ballot log
 *   head (ballot-log.service.ts) and stores its position on the ballot row. Who has voted is kept
 *   with the head position it was counted up to: a view reads the head (one key lookup) and, when it
 *   has moved, reads only the ballots written since (countOn).
 *
 * Nothing is kept from inside a transaction (it might roll back), nor across database handles.
 */
import { headKeyOf, participationProgress } from '@yishi/core';
import { findBallotLogHead } from '../db/repositories/ballot-log.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import * as repo from '../db/repositories/votes.repository.js';
import type { VoteRow } from '../db/tables/votes.table.js';
import { letOthersRun } from './export-pages.js';
import { rollForTally } from './vote-tally.js';
import { channelOf, ruleOf, voterKeyOf } from './votes.service.js';

/** The frozen roll as turnout reads it: each voter's position, its head and area. */
interface RollIndex {
  positionOf: Map<string, number>;
  headOf: Int32Array;
  areaOf: Float64Array;
  /** Roll entries per head (an owner of several units, the developer's units). */
  entriesOf: Int32Array;
  heads: number;
  areaCenti: number;
}

export interface Participation {
  ballots: number;
  paperBallots: number;
  heads: number;
  areaCenti: number;
}

/** Who has voted, per voter of the roll (0 not, 1 online or by proxy, 2 on paper), and the figures that follow. */
interface Counted {
  voted: Uint8Array;
  /** Voting units per head. */
  headUnits: Int32Array;
  figures: Participation;
}

interface Kept {
  roll: RollIndex;
  /** The ballot log position counted up to (-1: nothing counted yet). */
  position: number;
  counted: Counted | null;
}

/** Votes kept per database handle: the most recently viewed first to stay. */
const KEPT_VOTES = 64;
const kept = new WeakMap<Db, Map<string, Kept>>();

async function readRoll(db: Db, vote: VoteRow): Promise<RollIndex> {
  // The packed copy an open vote's tally reads (one row, not a row per flat: at 10,000 units the rows
  // alone held the event loop for most of 100 ms); the rows for a roll not packed yet.
  const entries = await rollForTally(db, vote.id);
  const positionOf = new Map<string, number>();
  const headOf = new Int32Array(entries.length);
  const areaOf = new Float64Array(entries.length);
  const headIds = new Map<string, number>();
  let areaCenti = 0;
  entries.forEach((entry, i) => {
    const key = headKeyOf(entry, vote.electorate_kind);
    let head = headIds.get(key);
    if (head === undefined) {
      head = headIds.size;
      headIds.set(key, head);
    }
    positionOf.set(entry.voterKey, i);
    headOf[i] = head;
    areaOf[i] = entry.areaCenti;
    areaCenti += entry.areaCenti;
  });
  const entriesOf = new Int32Array(headIds.size);
  for (const head of headOf) entriesOf[head] = entriesOf[head]! + 1;
  return { positionOf, headOf, areaOf, entriesOf, heads: headIds.size, areaCenti };
}

type BallotChannelRow = Awaited<ReturnType<typeof repo.listBallotChannels>>[number];

/** Counts ballots in (a ballot seen again — replaced, corrected — changes only its channel). */
function countIn(roll: RollIndex, counted: Counted, ballots: readonly BallotChannelRow[]): void {
  const { voted, headUnits, figures } = counted;
  for (const ballot of ballots) {
    const i = roll.positionOf.get(voterKeyOf(ballot));
    if (i === undefined) continue;
    const before = voted[i]!;
    const now = channelOf(ballot) === 'paper' ? 2 : 1;
    if (before === now) continue;
    voted[i] = now;
    if (before === 0) {
      figures.ballots += 1;
      figures.areaCenti += roll.areaOf[i]!;
      const head = roll.headOf[i]!;
      if (headUnits[head] === 0) figures.heads += 1;
      headUnits[head] = headUnits[head]! + 1;
    }
    if (before === 2) figures.paperBallots -= 1;
    if (now === 2) figures.paperBallots += 1;
  }
}

async function countAll(db: Db, voteId: string, roll: RollIndex): Promise<Counted> {
  const counted = {
    voted: new Uint8Array(roll.headOf.length),
    headUnits: new Int32Array(roll.heads),
    figures: { ballots: 0, paperBallots: 0, heads: 0, areaCenti: 0 },
  };
  countIn(roll, counted, await repo.listBallotChannels(db, voteId));
  return counted;
}

/**
 * The kept count brought up to the log head: only the ballots written since the position counted
 * (every write of a ballot stores its log position on the row). A withdrawal removes a row, which
 * reading on cannot see: then everything is counted again.
 */
async function countOn(db: Db, voteId: string, keep: Kept): Promise<void> {
  const head = Number((await findBallotLogHead(db, voteId))?.last_position ?? 0);
  if (keep.counted !== null && keep.position === head) return;
  // Positions are handed out under the head's row lock and committed in order, so the ballots read
  // after the head include every one up to it; one read twice (written after the head was read) counts once.
  if (keep.counted === null || (await repo.hasWithdrawalSince(db, voteId, keep.position))) keep.counted = await countAll(db, voteId, keep.roll);
  else countIn(keep.roll, keep.counted, await repo.listBallotChannelsSince(db, voteId, keep.position));
  keep.position = head;
}

/** The roll index, kept once the roll is frozen (the vote open or closed) and the read is outside a transaction. */
async function rollOf(db: Db, vote: VoteRow): Promise<{ roll: RollIndex; keep: Kept | null }> {
  const frozen = (vote.status === 'open' || vote.status === 'closed') && !db.isTransaction;
  if (!frozen) return { roll: await readRoll(db, vote), keep: null };
  let votes = kept.get(db);
  if (!votes) kept.set(db, (votes = new Map()));
  let entry = votes.get(vote.id);
  if (entry) votes.delete(vote.id);
  else {
    entry = { roll: await readRoll(db, vote), position: -1, counted: null };
    if (votes.size >= KEPT_VOTES) votes.delete(votes.keys().next().value!);
    votes.set(vote.id, entry);
    // The roll read once and its ballots next are each tens of milliseconds at 10,000 units: on SQLite
    // other requests run between the two (outside a transaction only, which `frozen` ensures).
    await letOthersRun();
    return { roll: entry.roll, keep: entry };
  }
  votes.set(vote.id, entry);
  return { roll: entry.roll, keep: entry };
}

/** The roll index and who has voted, brought up to the log head (kept), or read now (a roll not frozen yet). */
async function countedOf(db: Db, vote: VoteRow): Promise<{ roll: RollIndex; counted: Counted }> {
  const { roll, keep } = await rollOf(db, vote);
  if (!keep) return { roll, counted: await countAll(db, vote.id, roll) };
  await countOn(db, vote.id, keep);
  return { roll, counted: keep.counted! };
}

/** Live turnout: how many took part, by ballots, heads and area — never how anyone voted. */
export async function turnoutOf(db: Db, vote: VoteRow) {
  const { roll, counted } = await countedOf(db, vote);
  const participation: Participation = { ...counted.figures };
  const counts = { electorate: { voters: roll.positionOf.size, heads: roll.heads, areaCenti: roll.areaCenti }, participation };
  return { ...counts, progress: participationProgress(ruleOf(vote), vote.electorate_kind, counts.electorate, counts.participation) };
}

/** What the navigator asks of a voter of the roll: whether it has voted, whether its head takes part already, and how many entries share that head. */
export interface VoterState {
  voted: boolean;
  headCounted: boolean;
  headEntries: number;
}

/**
 * The navigator's view of the roll (its page of units not yet voted): for a voter key, whether it
 * has voted, whether its head takes part already through another of its units, and how many roll
 * entries share that head — from the same kept index and count as the turnout, brought up to the
 * ballot log head once, so a page does not read the whole roll nor its ballots.
 */
export async function voterStatesOf(db: Db, vote: VoteRow): Promise<(voterKey: string) => VoterState | undefined> {
  const { roll, counted } = await countedOf(db, vote);
  return (voterKey) => {
    const i = roll.positionOf.get(voterKey);
    if (i === undefined) return undefined;
    const head = roll.headOf[i]!;
    return { voted: counted.voted[i]! > 0, headCounted: counted.headUnits[head]! > 0, headEntries: roll.entriesOf[head]! };
  };
}

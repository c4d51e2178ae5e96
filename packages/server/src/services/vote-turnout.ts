/**
 * Live turnout of a vote: how many took part, by ballots, heads and area — never how anyone voted.
 * Asked on every view of the voting page, so it must not reload a 10,000-unit roll each time:
 *
 * - The roll is frozen once the vote opens (corrections to it end before opening), so its index — each
 *   voter's head (core headKeyOf) and area — is read once per vote and kept (the most recent votes
 *   per database handle). A roll still open to corrections (an announced vote) is read each time.
 * - Participation changes with every ballot, and every write of a ballot moves the vote's ballot log
 *   head (ballot-log.service.ts). The figures are kept with the head position they were counted at:
 *   a view reads the head (one key lookup) and recounts only when it has moved. The head is read
 *   before the ballots, so the figures kept are never older than the position they are kept under.
 *
 * Nothing is kept from inside a transaction (it might roll back), nor across database handles.
 */
import { headKeyOf, participationProgress } from '@yishi/core';
import { findBallotLogHead } from '../db/repositories/ballot-log.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import * as repo from '../db/repositories/votes.repository.js';
import type { VoteRow } from '../db/tables/votes.table.js';
import { channelOf, electorateEntries, ruleOf, voterKeyOf } from './votes.service.js';

/** The frozen roll as turnout reads it: each voter's position, its head and area. */
interface RollIndex {
  positionOf: Map<string, number>;
  headOf: Int32Array;
  areaOf: Float64Array;
  heads: number;
  areaCenti: number;
}

interface Participation {
  ballots: number;
  paperBallots: number;
  heads: number;
  areaCenti: number;
}

interface Kept {
  roll: RollIndex;
  /** The ballot log position the participation was counted at (-1: none counted yet). */
  position: number;
  participation: Participation | null;
}

/** Votes kept per database handle: the most recently viewed first to stay. */
const KEPT_VOTES = 64;
const kept = new WeakMap<Db, Map<string, Kept>>();

async function readRoll(db: Db, vote: VoteRow): Promise<RollIndex> {
  const entries = electorateEntries(await repo.listElectorateForTally(db, vote.id));
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
  return { positionOf, headOf, areaOf, heads: headIds.size, areaCenti };
}

async function countParticipation(db: Db, voteId: string, roll: RollIndex): Promise<Participation> {
  const voted = new Uint8Array(roll.heads);
  const counted: Participation = { ballots: 0, paperBallots: 0, heads: 0, areaCenti: 0 };
  for (const ballot of await repo.listBallotChannels(db, voteId)) {
    const i = roll.positionOf.get(voterKeyOf(ballot));
    if (i === undefined) continue;
    counted.ballots += 1;
    if (channelOf(ballot) === 'paper') counted.paperBallots += 1;
    const head = roll.headOf[i]!;
    if (voted[head] === 0) {
      voted[head] = 1;
      counted.heads += 1;
    }
    counted.areaCenti += roll.areaOf[i]!;
  }
  return counted;
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
    entry = { roll: await readRoll(db, vote), position: -1, participation: null };
    if (votes.size >= KEPT_VOTES) votes.delete(votes.keys().next().value!);
  }
  votes.set(vote.id, entry);
  return { roll: entry.roll, keep: entry };
}

/** Live turnout: how many took part, by ballots, heads and area — never how anyone voted. */
export async function turnoutOf(db: Db, vote: VoteRow) {
  const { roll, keep } = await rollOf(db, vote);
  let participation: Participation;
  if (!keep) participation = await countParticipation(db, vote.id, roll);
  else {
    // The head first: the ballots read after it are at least as recent as the position they are kept under.
    const position = (await findBallotLogHead(db, vote.id))?.last_position ?? 0;
    if (keep.participation === null || keep.position !== Number(position)) {
      keep.participation = await countParticipation(db, vote.id, roll);
      keep.position = Number(position);
    }
    participation = keep.participation;
  }
  const counts = {
    electorate: { voters: roll.positionOf.size, heads: roll.heads, areaCenti: roll.areaCenti },
    participation: { ...participation },
  };
  return { ...counts, progress: participationProgress(ruleOf(vote), vote.electorate_kind, counts.electorate, counts.participation) };
}

/**
 * Closing's tally read from the database in few rows (issue 18). When a vote opens its roll is final
 * (roll corrections end with the announcement), and a packed copy of it is written once: one row per
 * vote holding every entry's voter key (one a line), the distinct sets of owners (one a line, ids
 * comma-separated), and each entry's set, area and developer flag as JSON arrays of numbers. The tally
 * then reads that row and the ballots grouped by their stored choice — a handful of rows for 70,000
 * ballots, the voter keys comma-separated — and gives core's tallyVote exactly the input it had from
 * vote_electorate's rows: the same entries with the same values, the same ballots.
 *
 * A vote opened before the packed copy existed has none, nor a roll with a line break or comma in a
 * voter key or owner's id (ids are generated without them): its roll is read from vote_electorate.
 * A group of ballots whose keys do not split into as many as it counts is read as rows.
 */
import type { ElectorateEntry, TallyBallot, TallyResult } from '@yishi/core';
import type { Db } from '../db/repositories/places.repository.js';
import * as tallyRepo from '../db/repositories/vote-tally.repository.js';
import * as repo from '../db/repositories/votes.repository.js';
import type { VoteElectorateRow, VotePackedRollRow, VoteRow } from '../db/tables/votes.table.js';
import { choicesOf, electorateEntries, idListOf, tallyOfVote } from './votes.service.js';

export type RollRow = Pick<VoteElectorateRow, 'voter_key' | 'owner_person_ids' | 'area_centi' | 'developer_held'>;

/** The packed copy of a roll, as stored (see VotePackedRollTable). */
export type PackedRoll = Omit<VotePackedRollRow, 'vote_id'>;

/** Characters that separate keys and ids in the packed copy; a roll holding one in a key or id is not packed. */
const SEPARATORS = /[\n,]/;

/** The packed copy of a roll's rows, or null when a key or an owner's id holds a separator (then the tally reads the rows). */
export function packRoll(rows: readonly RollRow[]): PackedRoll | null {
  const setIndex = new Map<string, number>();
  const keys: string[] = [];
  const sets: string[] = [];
  const owners: number[] = [];
  const areas: number[] = [];
  const developer: number[] = [];
  for (const row of rows) {
    let set = setIndex.get(row.owner_person_ids);
    if (set === undefined) {
      const ids = idListOf(row.owner_person_ids);
      // An empty line is no owners: an id that is the empty string cannot be told from it.
      if (ids.some((id) => id === '' || SEPARATORS.test(id))) return null;
      set = sets.length;
      setIndex.set(row.owner_person_ids, set);
      sets.push(ids.join(','));
    }
    if (SEPARATORS.test(row.voter_key)) return null;
    keys.push(row.voter_key);
    owners.push(set);
    areas.push(row.area_centi);
    developer.push(row.developer_held);
  }
  return { entries: rows.length, keys_text: keys.join('\n'), owner_sets_text: sets.join('\n'), numbers_json: JSON.stringify([owners, areas, developer]) };
}

/** The roll's entries from its packed copy (entries with the same owners share one array; the tally only reads them). */
export function unpackRoll(packed: PackedRoll): ElectorateEntry[] {
  if (packed.entries === 0) return [];
  const keys = packed.keys_text.split('\n');
  const sets = packed.owner_sets_text.split('\n').map((line) => (line === '' ? [] : line.split(',')));
  const [owners, areas, developer] = JSON.parse(packed.numbers_json) as [number[], number[], number[]];
  const entries = new Array<ElectorateEntry>(packed.entries);
  for (let i = 0; i < packed.entries; i += 1)
    entries[i] = { voterKey: keys[i]!, ownerPersonIds: sets[owners[i]!]!, areaCenti: areas[i]!, developerHeld: developer[i] === 1 };
  return entries;
}

/** Writes the packed copy of a vote's roll as it stands (when it opens, inside its transaction); `rows` when the caller has just built them. */
export async function freezePackedRoll(db: Db, voteId: string, rows?: readonly RollRow[]): Promise<void> {
  const packed = packRoll(rows ?? (await repo.listElectorateForTally(db, voteId)));
  if (packed) await tallyRepo.insertPackedRoll(db, { vote_id: voteId, ...packed });
}

/** The frozen roll as the tally reads it: the packed copy, or the rows of a vote opened before there was one. */
export async function rollForTally(db: Db, voteId: string): Promise<ElectorateEntry[]> {
  const packed = await tallyRepo.findPackedRoll(db, voteId);
  return packed ? unpackRoll(packed) : electorateEntries(await repo.listElectorateForTally(db, voteId));
}

/** The ballots as the tally reads them: voter key and choices, ballots with the same choices sharing one array. */
export async function ballotsForTally(db: Db, voteId: string): Promise<TallyBallot[]> {
  const ballots: TallyBallot[] = [];
  for (const group of await tallyRepo.listBallotGroupsForTally(db, voteId)) {
    const choices = choicesOf(group);
    let keys = group.keys.split(',');
    if (keys.length !== group.ballots) keys = await tallyRepo.listBallotKeysOfChoice(db, voteId, group.choices_json);
    for (const voterKey of keys) ballots.push({ voterKey, choices });
  }
  return ballots;
}

/** The tally of the frozen roll and the ballots as stored now (closing reads them once no ballot can be accepted). */
export async function tallyFromDb(db: Db, vote: VoteRow): Promise<TallyResult> {
  const electorate = await rollForTally(db, vote.id);
  const ballots = await ballotsForTally(db, vote.id);
  return tallyOfVote(vote, electorate, ballots);
}

/**
 * What casting an online ballot reads, in one statement: the vote, its ballot log head, the caller's
 * entries on the frozen roll and each entry's current ballot. On PostgreSQL the vote row is held in
 * share mode (closing waits for the ballots being cast, see ballots.service.ts) and the log head for
 * update (the appends of one vote run one at a time, as advanceBallotLogHead's UPDATE does for the
 * other channels), so the head read here is the head the entry is chained to. SQLite runs one
 * transaction at a time on its connection (and another process's write in between makes the commit
 * fail as a busy snapshot, retried by the caller).
 */
import { sql } from 'kysely';
import { batchHoldsLocks, noteBatchLocks } from '../batched-commit.js';
import { dialectOf } from '../dialect.js';
import type { Insertable } from 'kysely';
import { insertRow, runReusable, slot, updateRows } from '../reusable-query.js';
import type { BallotHistoryTable, BallotLogTable, BallotRow, BallotTable, VoteRow } from '../tables/votes.table.js';
import type { Db } from './places.repository.js';

/** The current ballot's columns a replacement needs (its history row, the version check). */
export type CurrentBallot = Pick<
  BallotRow,
  'id' | 'version' | 'receipt_code' | 'choices_json' | 'channel' | 'cast_by_user_id' | 'entered_by_user_id' | 'cast_at'
>;

export interface RollEntryWithBallot {
  voterKey: string;
  unitId: string | null;
  personId: string | null;
  label: string;
  ownerPersonIds: string;
  ballot: CurrentBallot | null;
}

/** The vote's columns casting checks (open, in time, the choices, who is on the roll). */
export const CASTING_VOTE_COLUMNS = ['id', 'status', 'closes_at', 'closed_at', 'kind', 'max_choices', 'options_json', 'electorate_kind'] as const;
export type CastingVote = Pick<VoteRow, (typeof CASTING_VOTE_COLUMNS)[number]>;

export interface CastingState {
  vote: CastingVote;
  head: { position: number; hash: string };
  /** The entries among the asked voter keys, each with its current ballot (none when not on the roll). */
  entries: RollEntryWithBallot[];
}

const BALLOT_COLUMNS = ['id', 'version', 'receipt_code', 'choices_json', 'channel', 'cast_by_user_id', 'entered_by_user_id', 'cast_at'] as const;

/** The votes joined to their log head: inner join on PostgreSQL (its row is locked, so it must exist), left join on SQLite. */
function votesWithHead(db: Db, postgres: boolean) {
  const votes = db.selectFrom('votes as v');
  const left = votes.leftJoin('ballot_log_heads as h', 'h.vote_id', 'v.id');
  return postgres ? (votes.innerJoin('ballot_log_heads as h', 'h.vote_id', 'v.id') as unknown as typeof left) : left;
}

/** The casting read with slots for the vote and `keyCount` voter keys (see findCastingState). */
function castingStateQuery(db: Db, postgres: boolean, lock: boolean, keyCount: number) {
  const keySlots = Array.from({ length: keyCount }, (_, i) => slot(`key${i}`));
  const ballotColumns = (alias: 'bu' | 'bp') => BALLOT_COLUMNS.map((c) => `${alias}.${c} as ${alias}_${c}` as const);
  // PostgreSQL locks the head row in this read, so it must exist (ensureLogHead); SQLite's one
  // connection needs no lock, and a vote without a head yet starts from the genesis hash.
  const query = votesWithHead(db, postgres)
    .leftJoin('vote_electorate as e', (join) => join.onRef('e.vote_id', '=', 'v.id').on('e.voter_key', 'in', keySlots))
    // Owners' votes hold a ballot per unit, residents' polls one per person: two joins, each on its index.
    .leftJoin('ballots as bu', (join) => join.onRef('bu.vote_id', '=', 'v.id').onRef('bu.unit_id', '=', 'e.unit_id'))
    .leftJoin('ballots as bp', (join) => join.onRef('bp.vote_id', '=', 'v.id').onRef('bp.person_id', '=', 'e.person_id'))
    .select(CASTING_VOTE_COLUMNS.map((c) => `v.${c}` as const))
    .select(['h.last_position as head_position', 'h.last_hash as head_hash'])
    .select(['e.voter_key as e_voter_key', 'e.unit_id as e_unit_id', 'e.person_id as e_person_id', 'e.label as e_label', 'e.owner_person_ids as e_owners'])
    .select(ballotColumns('bu'))
    .select(ballotColumns('bp'))
    .where('v.id', '=', slot('voteId'));
  return lock ? query.modifyEnd(sql`for share of v for update of h`) : query;
}

/**
 * The casting state of a vote for these voter keys (unit ids of an owner, or a person id in a
 * residents' poll); undefined when the vote does not exist or, on PostgreSQL, its log has no head
 * yet (ensureLogHead).
 */
export async function findCastingState(db: Db, voteId: string, voterKeys: readonly string[], genesisHash: string): Promise<CastingState | undefined> {
  // A key that is nobody's keeps the IN list valid for a caller with no units.
  const keys = voterKeys.length > 0 ? [...voterKeys] : [''];
  const postgres = dialectOf(db) === 'postgres';
  // Built and compiled once per number of keys (db/reusable-query.ts): most callers ask for one.
  const values: Record<string, unknown> = { voteId };
  keys.forEach((key, i) => (values[`key${i}`] = key));
  // In a batch on PostgreSQL, locked once: by the first work that succeeds (db/batched-commit.ts).
  const lock = postgres && !batchHoldsLocks(db, `casting ${voteId}`);
  const rows = await runReusable(db, `findCastingState/${keys.length}/${lock}`, () => castingStateQuery(db, postgres, lock, keys.length), values);
  if (lock) noteBatchLocks(db, `casting ${voteId}`);
  const first = rows[0];
  if (!first) return undefined;
  const { head_position, head_hash } = first;
  const vote = {} as Record<string, unknown>;
  for (const column of CASTING_VOTE_COLUMNS) vote[column] = first[column];
  const entries: RollEntryWithBallot[] = [];
  for (const row of rows) {
    if (row.e_voter_key === null) continue;
    const alias = row.bu_id !== null ? 'bu' : row.bp_id !== null ? 'bp' : null;
    const ballot = alias
      ? (Object.fromEntries(BALLOT_COLUMNS.map((c) => [c, (row as Record<string, unknown>)[`${alias}_${c}`]])) as unknown as CurrentBallot)
      : null;
    entries.push({
      voterKey: row.e_voter_key,
      unitId: row.e_unit_id,
      personId: row.e_person_id,
      label: row.e_label!,
      ownerPersonIds: row.e_owners!,
      ballot: ballot && { ...ballot, version: Number(ballot.version) },
    });
  }
  return {
    vote: vote as CastingVote,
    head: head_hash === null ? { position: 0, hash: genesisHash } : { position: Number(head_position), hash: head_hash },
    entries,
  };
}

/** Gives an existing vote its log head (position 0, the genesis hash) if it has none yet. */
export async function ensureLogHead(db: Db, voteId: string, genesisHash: string): Promise<void> {
  await db
    .insertInto('ballot_log_heads')
    .columns(['vote_id', 'last_position', 'last_hash'])
    .expression(
      db
        .selectFrom('votes')
        .select((eb) => ['id as vote_id', eb.lit(0).as('last_position'), eb.val(genesisHash).as('last_hash')])
        .where('id', '=', voteId),
    )
    .onConflict((oc) => oc.column('vote_id').doNothing())
    .execute();
}

/** Moves the head to the entry just written (the caller read it in findCastingState), creating it for a vote's first entry on SQLite. */
export async function setLogHead(db: Db, voteId: string, position: number, hash: string): Promise<void> {
  await runReusable(
    db,
    'setLogHead',
    () =>
      db
        .insertInto('ballot_log_heads')
        .values({ vote_id: slot('voteId'), last_position: slot('position') as unknown as number, last_hash: slot('hash') })
        .onConflict((oc) =>
          oc.column('vote_id').doUpdateSet((eb) => ({ last_position: eb.ref('excluded.last_position'), last_hash: eb.ref('excluded.last_hash') })),
        ),
    { voteId, position, hash },
  );
}

/** A row's given columns (in the caller's order), their values under `prefix.` and their slots, for a reusable statement. */
function slotted(prefix: string, row: object) {
  const columns = Object.keys(row).filter((column) => (row as Record<string, unknown>)[column] !== undefined);
  return {
    shape: `${prefix}(${columns.join(',')})`,
    values: Object.fromEntries(columns.map((column) => [`${prefix}.${column}`, (row as Record<string, unknown>)[column]])),
    /** Only for the first build (runReusable compiles once). */
    slots: () => Object.fromEntries(columns.map((column) => [column, slot(`${prefix}.${column}`)])) as never,
  };
}

/*
 * A cast's writes: its log entry, the head moved to it (the caller read the head in
 * findCastingState and holds it), and the ballot. On PostgreSQL one statement, the others as its
 * WITH clauses: casts on one vote run one after another with the head's lock held
 * (db/batched-commit.ts), each statement a round trip; they were three of a first cast's five
 * statements, four of a re-cast's six. SQLite's one connection has no round trips: a statement each.
 */

/** The head moved to the log entry `log` slots, and the entry written: the WITH clauses of a cast's statement. */
function withLogEntry(db: Db, log: ReturnType<typeof slotted>) {
  return db
    .with('moved_head', (qb) =>
      qb
        .updateTable('ballot_log_heads')
        .set({ last_position: slot('log.position') as unknown as number, last_hash: slot('log.hash') })
        .where('vote_id', '=', slot('log.vote_id'))
        .returning('vote_id'),
    )
    .with('logged', (qb) => qb.insertInto('ballot_log').values(log.slots()).returning('position'));
}

/** A first ballot with its log entry and the head moved to it. */
export async function insertFirstBallot(db: Db, entry: BallotLogTable, ballot: Insertable<BallotTable>): Promise<void> {
  if (dialectOf(db) !== 'postgres') {
    await setLogHead(db, entry.vote_id, entry.position, entry.hash);
    await insertRow(db, 'ballot_log', entry);
    await insertRow(db, 'ballots', ballot);
    return;
  }
  const log = slotted('log', entry);
  const row = slotted('ballot', ballot);
  const build = () => withLogEntry(db, log).insertInto('ballots').values(row.slots());
  await runReusable(db, `insertFirstBallot ${log.shape} ${row.shape}`, build, { ...log.values, ...row.values });
}

/**
 * A changed ballot with its log entry, the head moved to it, and the ballot as it was kept in its
 * history, if the ballot is still at `version`; returns how many ballots changed (0: another change
 * came first, and the caller starts over; on PostgreSQL its rollback undoes the other writes).
 * On PostgreSQL the ballot's row is locked by the update before the history's foreign key checks it
 * (at the statement's end): two casts each holding a share lock on it while waiting to update it
 * would deadlock.
 */
export async function replaceLoggedBallot(
  db: Db,
  entry: BallotLogTable,
  current: { id: string; version: number },
  values: Partial<Insertable<BallotTable>>,
  history: Insertable<BallotHistoryTable>,
): Promise<number> {
  if (dialectOf(db) !== 'postgres') {
    await setLogHead(db, entry.vote_id, entry.position, entry.hash);
    await insertRow(db, 'ballot_log', entry);
    const changed = await updateRows(db, 'ballots', values, current);
    if (changed === 1) await insertRow(db, 'ballot_history', history);
    return changed;
  }
  const log = slotted('log', entry);
  const set = slotted('set', values);
  const kept = slotted('history', history);
  const build = () =>
    withLogEntry(db, log)
      .with('kept', (qb) => qb.insertInto('ballot_history').values(kept.slots()).returning('id'))
      .updateTable('ballots')
      .set(set.slots())
      .where('id', '=', slot('where.id'))
      .where('version', '=', slot('where.version') as unknown as number)
      .returning('id');
  const where = { 'where.id': current.id, 'where.version': current.version };
  const rows = await runReusable(db, `replaceLoggedBallot ${log.shape} ${set.shape} ${kept.shape}`, build, {
    ...log.values,
    ...set.values,
    ...kept.values,
    ...where,
  });
  return rows.length;
}

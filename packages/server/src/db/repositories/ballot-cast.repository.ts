/**
 * What casting online ballots reads and writes, a statement each: the read of the vote, its ballot log
 * head, the callers' entries on the frozen roll and each entry's current ballot (findCastingState), and
 * the write of the planned casts (writeCasts). On PostgreSQL the vote row is held in
 * share mode (closing waits for the ballots being cast, see ballots.service.ts) and the log head for
 * update (the appends of one vote run one at a time, as advanceBallotLogHead's UPDATE does for the
 * other channels), so the head read here is the head the entry is chained to. SQLite runs one
 * transaction at a time on its connection (and another process's write in between makes the commit
 * fail as a busy snapshot, retried by the caller).
 */
import { sql } from 'kysely';
import { batchHoldsLocks, noteBatchLocks } from '../batched-commit.js';
import { dialectOf } from '../dialect.js';
import { ballotChangedConcurrently } from '../errors.js';
import type { Insertable } from 'kysely';
import { insertRow, runReusable, slot, updateRows } from '../reusable-query.js';
import type { BallotHistoryTable, BallotLogTable, BallotRow, BallotTable, VoteRow } from '../tables/votes.table.js';
import type { Db } from './places.repository.js';

/** The current ballot's columns a replacement needs (its history row, the version check), and its place in the log (a repeat's receipt). */
export type CurrentBallot = Pick<
  BallotRow,
  'id' | 'version' | 'receipt_code' | 'choices_json' | 'channel' | 'cast_by_user_id' | 'entered_by_user_id' | 'cast_at' | 'log_position'
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

const BALLOT_COLUMNS = [
  'id',
  'version',
  'receipt_code',
  'choices_json',
  'channel',
  'cast_by_user_id',
  'entered_by_user_id',
  'cast_at',
  'log_position',
] as const;

/** The votes joined to their log head: inner join on PostgreSQL (its row is locked, so it must exist), left join on SQLite. */
function votesWithHead(db: Db, postgres: boolean) {
  const votes = db.selectFrom('votes as v');
  const left = votes.leftJoin('ballot_log_heads as h', 'h.vote_id', 'v.id');
  return postgres ? (votes.innerJoin('ballot_log_heads as h', 'h.vote_id', 'v.id') as unknown as typeof left) : left;
}

/**
 * The casting read with slots for the vote and the voter keys: on PostgreSQL one array of any length
 * (a batch of casts reads all its casters' keys at once), on SQLite `keyCount` slots.
 */
function castingStateQuery(db: Db, postgres: boolean, lock: boolean, keyCount: number) {
  const keySlots = Array.from({ length: keyCount }, (_, i) => slot(`key${i}`));
  const onKeys = postgres ? sql<string>`any(${slot('keys')}::text[])` : null;
  const ballotColumns = (alias: 'bu' | 'bp') => BALLOT_COLUMNS.map((c) => `${alias}.${c} as ${alias}_${c}` as const);
  // PostgreSQL locks the head row in this read, so it must exist (ensureLogHead); SQLite's one
  // connection needs no lock, and a vote without a head yet starts from the genesis hash.
  const query = votesWithHead(db, postgres)
    .leftJoin('vote_electorate as e', (join) =>
      onKeys ? join.onRef('e.vote_id', '=', 'v.id').on('e.voter_key', '=', onKeys) : join.onRef('e.vote_id', '=', 'v.id').on('e.voter_key', 'in', keySlots),
    )
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
  // Built and compiled once (db/reusable-query.ts): on SQLite once per number of keys, most callers asking for one.
  const values: Record<string, unknown> = { voteId };
  if (postgres) values.keys = keys;
  else keys.forEach((key, i) => (values[`key${i}`] = key));
  const keyCount = postgres ? 0 : keys.length;
  // In a batch on PostgreSQL, locked once: by the first work that succeeds (db/batched-commit.ts).
  const lock = postgres && !batchHoldsLocks(db, `casting ${voteId}`);
  const rows = await runReusable(db, `findCastingState/${keyCount}/${lock}`, () => castingStateQuery(db, postgres, lock, keyCount), values);
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

/**
 * One cast's writes, planned (services/online-ballots.service.ts): its log entry, which follows the
 * head or the cast before it, and either a first ballot or the replacement of the current one with the
 * ballot as it was kept in its history.
 */
export interface PlannedCast {
  log: BallotLogTable;
  ballot:
    | { insert: Insertable<BallotTable> }
    | {
        replace: { id: string; version: number };
        values: Omit<Insertable<BallotTable>, 'id' | 'vote_id' | 'unit_id' | 'person_id' | 'version'>;
        history: Insertable<BallotHistoryTable>;
      };
}

/** A column of the rows written together, and its type for PostgreSQL's `unnest`. */
type Columns<T> = readonly (readonly [keyof T & string, 'text' | 'int'])[];

const LOG_COLUMNS: Columns<BallotLogTable> = [
  ['vote_id', 'text'],
  ['position', 'int'],
  ['kind', 'text'],
  ['receipt_code', 'text'],
  ['supersedes', 'text'],
  ['choices_json', 'text'],
  ['channel', 'text'],
  ['recorded_at', 'text'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
];
const HISTORY_COLUMNS: Columns<BallotHistoryTable> = [
  ['id', 'text'],
  ['ballot_id', 'text'],
  ['vote_id', 'text'],
  ['version', 'int'],
  ['choices_json', 'text'],
  ['channel', 'text'],
  ['cast_by_user_id', 'text'],
  ['entered_by_user_id', 'text'],
  ['receipt_code', 'text'],
  ['cast_at', 'text'],
  ['replaced_at', 'text'],
  ['replaced_by_user_id', 'text'],
];
/** What a cast sets on a ballot, new or replaced. */
const CAST_COLUMNS: Columns<BallotTable> = [
  ['choices_json', 'text'],
  ['channel', 'text'],
  ['cast_by_user_id', 'text'],
  ['entered_by_user_id', 'text'],
  ['slip_number', 'text'],
  ['receipt_code', 'text'],
  ['cast_at', 'text'],
  ['proxy_id', 'text'],
  ['log_position', 'int'],
];
const BALLOT_COLUMNS_WRITTEN: Columns<BallotTable> = [
  ['id', 'text'],
  ['vote_id', 'text'],
  ['unit_id', 'text'],
  ['person_id', 'text'],
  ['version', 'int'],
  ...CAST_COLUMNS,
];

type AnyColumns = readonly (readonly [string, 'text' | 'int'])[];

/**
 * A relation of `columns` from one array per column (slots `<alias>.<column>`): the statement's text
 * does not depend on how many rows, so it is compiled and prepared once (db/reusable-query.ts).
 */
function unnested(columns: AnyColumns, alias: string) {
  const arrays = columns.map(([column, type]) => sql`${slot(`${alias}.${column}`)}::${sql.raw(type)}[]`);
  return sql`unnest(${sql.join(arrays)}) as ${sql.id(alias)}(${sql.join(columns.map(([column]) => sql.id(column)))})`;
}

/** Puts `rows` in `values` as the column arrays of `unnested(columns, alias)`. */
function unnestedValues(values: Record<string, unknown>, rows: readonly object[], columns: AnyColumns, alias: string): void {
  for (const [column] of columns) values[`${alias}.${column}`] = rows.map((row) => (row as Record<string, unknown>)[column] ?? null);
}

const REPLACED_COLUMNS: AnyColumns = [['id', 'text'], ['version', 'int'], ...CAST_COLUMNS];

const names = (columns: AnyColumns) => sql.join(columns.map(([column]) => sql.id(column)));

/**
 * Writes planned casts on one vote, in their order, and moves the head to the last one's entry (the
 * caller read the head in findCastingState and holds it). On PostgreSQL, however many casts: ONE
 * statement, every table's rows as arrays (unnest) in WITH clauses, so a batch of casts on one vote
 * is one round trip with the head's lock held (db/batched-commit.ts). SQLite's one connection has no
 * round trips: a statement per row, as compiled once in db/reusable-query.ts. A replaced ballot no
 * longer at the version read fails the whole write (the caller's rollback undoes it).
 */
export async function writeCasts(db: Db, voteId: string, casts: readonly PlannedCast[]): Promise<void> {
  const last = casts.at(-1);
  if (!last) return;
  if (dialectOf(db) !== 'postgres') {
    for (const { log, ballot } of casts) {
      await setLogHead(db, voteId, log.position, log.hash);
      await insertRow(db, 'ballot_log', log);
      if ('insert' in ballot) await insertRow(db, 'ballots', ballot.insert);
      else {
        if ((await updateRows(db, 'ballots', { ...ballot.values, version: ballot.replace.version + 1 }, ballot.replace)) !== 1)
          throw ballotChangedConcurrently();
        await insertRow(db, 'ballot_history', ballot.history);
      }
    }
    return;
  }
  const inserts = casts.flatMap(({ ballot }) => ('insert' in ballot ? [ballot.insert] : []));
  const replaced = casts.flatMap(({ ballot }) => ('replace' in ballot ? [{ ...ballot.values, ...ballot.replace }] : []));
  const histories = casts.flatMap(({ ballot }) => ('replace' in ballot ? [ballot.history] : []));
  // The history rows' foreign key is checked at the statement's end, after the update has locked
  // their ballots: two casts each holding a share lock on a ballot while waiting to update it would
  // deadlock. A ballot is inserted and replaced in different statements (the caller writes before
  // replacing a ballot it planned).
  const values: Record<string, unknown> = { voteId, position: last.log.position, hash: last.log.hash };
  const logs = casts.map((c) => c.log);
  unnestedValues(values, logs, LOG_COLUMNS, 'l');
  unnestedValues(values, histories, HISTORY_COLUMNS, 'k');
  unnestedValues(values, inserts, BALLOT_COLUMNS_WRITTEN, 'n');
  unnestedValues(values, replaced, REPLACED_COLUMNS, 'c');
  const rows = await runReusable(db, 'writeCasts', () => ({ compile: () => writeCastsStatement.compile(db) }), values);
  if (rows.length !== replaced.length) throw ballotChangedConcurrently();
}

/** writeCasts' one statement on PostgreSQL, every value a slot (see there). */
const writeCastsStatement = sql<{ id: string }>`with moved_head as (
    update ballot_log_heads set last_position = ${slot('position')}::int, last_hash = ${slot('hash')} where vote_id = ${slot('voteId')} returning vote_id
  ), logged as (
    insert into ballot_log (${names(LOG_COLUMNS)}) select * from ${unnested(LOG_COLUMNS, 'l')} returning position
  ), kept as (
    insert into ballot_history (${names(HISTORY_COLUMNS)}) select * from ${unnested(HISTORY_COLUMNS, 'k')} returning id
  ), added as (
    insert into ballots (${names(BALLOT_COLUMNS_WRITTEN)}) select * from ${unnested(BALLOT_COLUMNS_WRITTEN, 'n')} returning id
  )
  update ballots as b set ${sql.join(CAST_COLUMNS.map(([column]) => sql`${sql.id(column)} = c.${sql.id(column)}`))}, version = c.version + 1
  from ${unnested(REPLACED_COLUMNS, 'c')}
  where b.id = c.id and b.version = c.version
  returning b.id`;

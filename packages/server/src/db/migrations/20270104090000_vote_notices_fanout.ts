// Frozen in time: migrations never import app code. Portable DDL; the roll's foreign keys are dropped the way each dialect can.
//
// 1. A vote's notices leave the transaction that opens (or closes, announces …) it. That transaction
//    now writes the event and one row of notification_fanouts whose `notices_json` says whose notices
//    are owed (the vote, which part of its roll, whom to leave out, the instant and the e-mail switch
//    they are planned with); the outbox worker writes the notices right after the commit, in one
//    transaction of its own that sets `notices_json` to null (then writes the SMS and e-mail rows
//    they owe, as before, and deletes the row). The row is committed with the event, so a crash
//    between the two loses nothing: the worker resumes it at start-up.
//
// 2. The three foreign keys of vote_electorate (vote_id → votes, unit_id → units, person_id → persons)
//    are dropped. Each was checked per inserted row by a lookup of its own (on PostgreSQL also taking
//    a FOR KEY SHARE lock on each of the 10,000 units of a roll, a write to each unit's row): about
//    0.4 of an opening on PostgreSQL and 0.6 of freezing the roll on SQLite (docs/benchmarks.md,
//    "Opening and closing at 10,000 units"). They guard nothing the application can do:
//    - the roll is only ever written by INSERT … SELECT from units (owners' votes) or from the persons
//      read in the same transaction (residents' polls), inside the transaction that locks the vote
//      row, so every id it writes names a row that exists and, the vote being locked, stays;
//    - the application never deletes a unit, a person or a vote, nor changes an id (roll corrections
//      change owners, area and the developer flag, never unit_id or person_id);
//    - `vote-roll-integrity.test.ts` fails if a delete of one of those tables, or another way of
//      writing vote_electorate, appears in the server's code, and checks on both storages that every
//      frozen entry names an existing vote, unit or person.
//    notifications.event_id keeps its foreign key: those inserts left the opening's transaction (1.).
//    PostgreSQL drops the constraints; SQLite cannot, so the table is rebuilt without them (nothing
//    references vote_electorate, and its only index is its primary key).
import { type Kysely, sql } from 'kysely';
import { isPostgres } from './dialect.js';

const ROLL_KEYS = [
  ['vote_electorate_vote_id_fkey', 'vote_id', 'votes'],
  ['vote_electorate_unit_id_fkey', 'unit_id', 'units'],
  ['vote_electorate_person_id_fkey', 'person_id', 'persons'],
] as const;
const ROLL_COLUMNS = 'vote_id, voter_key, unit_id, person_id, label, owner_person_ids, area_centi, developer_held';

/** vote_electorate with its three foreign keys (as before this migration) or without them (after); the benchmark switches between the two. */
export async function setRollForeignKeys(db: Kysely<any>, on: boolean): Promise<void> {
  if (isPostgres(db)) {
    for (const [name, column, table] of ROLL_KEYS)
      await sql
        .raw(
          on
            ? `ALTER TABLE vote_electorate ADD CONSTRAINT ${name} FOREIGN KEY (${column}) REFERENCES ${table} (id) NOT VALID`
            : `ALTER TABLE vote_electorate DROP CONSTRAINT IF EXISTS ${name}`,
        )
        .execute(db);
    return;
  }
  const key = (table: string) => (c: any) => (on ? c.references(`${table}.id`) : c);
  await db.schema
    .createTable('vote_electorate_rebuilt')
    .addColumn('vote_id', 'text', (c) => key('votes')(c.notNull()))
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', key('units'))
    .addColumn('person_id', 'text', key('persons'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('owner_person_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('area_centi', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('developer_held', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('vote_electorate_pk', ['vote_id', 'voter_key'])
    .execute();
  await sql.raw(`INSERT INTO vote_electorate_rebuilt (${ROLL_COLUMNS}) SELECT ${ROLL_COLUMNS} FROM vote_electorate`).execute(db);
  await db.schema.dropTable('vote_electorate').execute();
  await db.schema.alterTable('vote_electorate_rebuilt').renameTo('vote_electorate').execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification_fanouts').addColumn('notices_json', 'text').execute();
  await setRollForeignKeys(db, false);
}

export async function down(db: Kysely<any>): Promise<void> {
  await setRollForeignKeys(db, true);
  await db.schema.alterTable('notification_fanouts').dropColumn('notices_json').execute();
}

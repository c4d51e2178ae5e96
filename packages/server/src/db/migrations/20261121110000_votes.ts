// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// Votes, their frozen electorate, ballots (one per unit — or per person in residents' polls —
// enforced by unique indexes across every channel), the append-only history of replaced ballots,
// and resident proposals with their seconds and recorded state changes.
import { type Kysely, sql } from 'kysely';
import { createAppendOnlyTriggers, dropAppendOnlyTriggers } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('votes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    .addColumn('building_id', 'text', (c) => c.references('buildings.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('electorate_kind', 'text', (c) => c.notNull().defaultTo('owners'))
    .addColumn('options_json', 'text', (c) => c.notNull())
    .addColumn('max_choices', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('rule_json', 'text', (c) => c.notNull())
    .addColumn('secret', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('opens_at', 'text')
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('source_kind', 'text', (c) => c.notNull().defaultTo('direct'))
    .addColumn('source_id', 'text')
    .addColumn('result_json', 'text')
    .addColumn('created_by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('votes_compound_idx').on('votes').columns(['compound_id', 'created_at']).execute();
  await db.schema.createIndex('votes_status_closes_idx').on('votes').columns(['status', 'closes_at']).execute();

  await db.schema
    .createTable('vote_electorate')
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    /** The unit id (owners' votes) or person id (residents' polls). */
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('owner_person_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('area_centi', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('developer_held', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('vote_electorate_pk', ['vote_id', 'voter_key'])
    .execute();

  await db.schema
    .createTable('ballots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('choices_json', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('cast_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('entered_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('slip_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('receipt_code', 'text', (c) => c.notNull().unique())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('cast_at', 'text', (c) => c.notNull())
    .addCheckConstraint('ballots_one_voter', sql`(unit_id IS NULL) <> (person_id IS NULL)`)
    .addCheckConstraint('ballots_channel', sql`channel IN ('online', 'paper')`)
    .execute();
  // The real guard against double ballots: one row per unit (owners' votes), one per person
  // (residents' polls). NULLs are distinct in both SQLite and PostgreSQL, so each index only bites
  // on its own kind of vote.
  await db.schema.createIndex('ballots_vote_unit_unique').on('ballots').columns(['vote_id', 'unit_id']).unique().execute();
  await db.schema.createIndex('ballots_vote_person_unique').on('ballots').columns(['vote_id', 'person_id']).unique().execute();

  await db.schema
    .createTable('ballot_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ballot_id', 'text', (c) => c.notNull().references('ballots.id'))
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('choices_json', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('cast_by_user_id', 'text')
    .addColumn('entered_by_user_id', 'text')
    .addColumn('receipt_code', 'text', (c) => c.notNull())
    .addColumn('cast_at', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addColumn('replaced_by_user_id', 'text')
    .execute();
  await db.schema.createIndex('ballot_history_ballot_idx').on('ballot_history').column('ballot_id').execute();

  await db.schema
    .createTable('proposal_settings')
    .addColumn('compound_id', 'text', (c) => c.primaryKey().references('compounds.id'))
    .addColumn('threshold_json', 'text', (c) => c.notNull())
    .addColumn('updated_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    .addColumn('building_id', 'text', (c) => c.references('buildings.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('threshold_json', 'text', (c) => c.notNull())
    .addColumn('units_in_scope', 'integer', (c) => c.notNull())
    .addColumn('merged_into_id', 'text')
    .addColumn('agenda_item_id', 'text')
    .addColumn('vote_id', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('qualified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposals_compound_idx').on('proposals').columns(['compound_id', 'created_at']).execute();

  await db.schema
    .createTable('proposal_seconds')
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('proposal_seconds_pk', ['proposal_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('proposal_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposal_events_proposal_idx').on('proposal_events').columns(['proposal_id', 'created_at']).execute();

  await createAppendOnlyTriggers(db, 'ballot_history', 'ballot_history_append_only');
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropAppendOnlyTriggers(db, 'ballot_history');
  for (const table of ['proposal_events', 'proposal_seconds', 'proposals', 'proposal_settings', 'ballot_history', 'ballots', 'vote_electorate', 'votes']) {
    await db.schema.dropTable(table).execute();
  }
}

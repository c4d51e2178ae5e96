// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// The owners' objections: to their own entry on a vote's frozen roll during the roll check (名册核对),
// and to a published ballot by its receipt code during the 询异 window after the preliminary result.
// Each is resolved by the vote's organisers with a recorded reason; an upheld roll objection records
// the entry's values before and after its correction, an upheld dispute of a paper ballot the
// corrected choices and the ballot log position of the correction.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('roll_objections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('raised_by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('raised_by_person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('claimed_area_centi', 'integer')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('resolution_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('resolved_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'text')
    /** JSON { areaCenti, developerHeld, ownerPersonIds } of the roll entry before and after an upheld correction. */
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roll_objections_vote_idx').on('roll_objections').columns(['vote_id', 'status']).execute();

  await db.schema
    .createTable('ballot_disputes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    .addColumn('receipt_code', 'text', (c) => c.notNull())
    .addColumn('raised_by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('resolution_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('resolved_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'text')
    /** JSON string[]: the choices an upheld correction of a paper ballot set, or null. */
    .addColumn('corrected_choices_json', 'text')
    .addColumn('correction_log_position', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ballot_disputes_vote_idx').on('ballot_disputes').columns(['vote_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ballot_disputes').execute();
  await db.schema.dropTable('roll_objections').execute();
}

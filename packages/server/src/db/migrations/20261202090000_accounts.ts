// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// Accounts for a real subdistrict: first-run setup, invitations and activation codes, the record of
// grants and revocations, rate limits, and the device of each session.
import { type Kysely, sql } from 'kysely';
import { createAppendOnlyTriggers, dropAppendOnlyTriggers } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  // '' in password_hash means no password: an invited account not yet set up, or one that logs in
  // by SMS code only.
  await db.schema.alterTable('users').addColumn('activated_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('privacy_consent_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('privacy_notice_version', 'text').execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('role_assignments').addColumn('granted_at', 'text').execute();
  await db.schema.alterTable('role_assignments').addColumn('granted_by_user_id', 'text').execute();

  // One row once the installation is set up: its primary key makes a second setup impossible, even
  // when two setups race.
  await db.schema
    .createTable('installation')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('set_up_at', 'text', (c) => c.notNull())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull().references('subdistricts.id'))
    .execute();
  await db.schema
    .createTable('setup_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha256 of the token in the setup link
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('access_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('phone', 'text')
    .addColumn('batch_id', 'text')
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('voided_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // SMS codes are 6 digits: two can share a hash, so the hash is not unique; letters are looked up by it.
  await db.schema.createIndex('access_codes_hash_idx').on('access_codes').column('code_hash').execute();
  await db.schema.createIndex('access_codes_phone_idx').on('access_codes').columns(['phone', 'created_at']).execute();
  await db.schema.createIndex('access_codes_person_idx').on('access_codes').column('person_id').execute();
  await db.schema.createIndex('access_codes_user_idx').on('access_codes').column('user_id').execute();

  await db.schema
    .createTable('letter_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    .addColumn('building_id', 'text', (c) => c.references('buildings.id'))
    .addColumn('created_by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('letter_count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('letter_batches_compound_idx').on('letter_batches').columns(['compound_id', 'created_at']).execute();

  // Who granted or revoked which role, where and when: never changed after the fact.
  await db.schema
    .createTable('grant_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('scope_kind', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('subdistrict_id', 'text', (c) => c.notNull())
    .addColumn('party', 'text')
    .addColumn('organisation', 'text')
    .addColumn('title', 'text')
    .execute();
  await db.schema.createIndex('grant_events_subdistrict_idx').on('grant_events').columns(['subdistrict_id', 'at']).execute();
  await createAppendOnlyTriggers(db, 'grant_events', 'grant_events_append_only');

  // Attempts counted for rate limits (SMS sends per phone and address, code guesses per address).
  await db.schema
    .createTable('rate_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_events_key_idx').on('rate_events').columns(['bucket', 'key', 'at']).execute();

  // Accounts that existed before this migration (the demo's) count as activated.
  await sql`update users set activated_at = created_at where password_hash <> ''`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropAppendOnlyTriggers(db, 'grant_events');
  for (const table of ['rate_events', 'grant_events', 'letter_batches', 'access_codes', 'setup_tokens', 'installation']) {
    await db.schema.dropTable(table).execute();
  }
  for (const [table, column] of [
    ['role_assignments', 'granted_by_user_id'],
    ['role_assignments', 'granted_at'],
    ['sessions', 'ip'],
    ['sessions', 'user_agent'],
    ['users', 'privacy_notice_version'],
    ['users', 'privacy_consent_at'],
    ['users', 'activated_at'],
  ] as const) {
    await db.schema.alterTable(table).dropColumn(column).execute();
  }
}

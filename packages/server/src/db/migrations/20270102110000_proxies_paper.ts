// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// Proxies (委托投票): an owner's authorisation of another person for one vote and some of their
// units, with the photo of the signed form and how it was confirmed (SMS code or in person with
// staff). Paper ballots with four eyes: a slip entered by one staff member with its number and photo
// waits as an entry until a second confirms it (then it becomes a ballot) or rejects it with a reason.
// Photos of a vote (forms, slips) belong to the vote.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('photos').addColumn('vote_id', 'text').execute();

  await db.schema
    .createTable('vote_proxies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    .addColumn('principal_person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('proxy_person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('proxy_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('form_photo_id', 'text', (c) => c.notNull().references('photos.id'))
    // pending | confirmed | revoked
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // The SMS code sent to the principal (access_codes), while pending.
    .addColumn('sms_code_id', 'text')
    // sms | in_person
    .addColumn('confirmed_via', 'text')
    .addColumn('confirmed_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('confirmed_at', 'text')
    .addColumn('revoked_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('vote_proxies_vote_idx').on('vote_proxies').columns(['vote_id', 'proxy_person_id']).execute();

  await db.schema
    .createTable('vote_proxy_units')
    .addColumn('proxy_id', 'text', (c) => c.notNull().references('vote_proxies.id'))
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    // The receipt of the proxy ballot withdrawn when the authorisation was revoked, if any.
    .addColumn('withdrawn_receipt_code', 'text')
    .addPrimaryKeyConstraint('vote_proxy_units_pk', ['proxy_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('vote_proxy_units_unit_idx').on('vote_proxy_units').columns(['vote_id', 'unit_id']).execute();

  await db.schema
    .createTable('paper_ballot_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('voter_label', 'text', (c) => c.notNull())
    .addColumn('choices_json', 'text', (c) => c.notNull())
    .addColumn('slip_number', 'text', (c) => c.notNull())
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id'))
    // pending | confirmed | rejected
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('entered_by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('receipt_code', 'text')
    .execute();
  await db.schema.createIndex('paper_ballot_entries_vote_idx').on('paper_ballot_entries').columns(['vote_id', 'status']).execute();
  // One slip waiting for review per voter: two volunteers entering the same unit at once, one is refused.
  await db.schema
    .createIndex('paper_ballot_entries_pending_unique')
    .on('paper_ballot_entries')
    .columns(['vote_id', 'voter_key'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('paper_ballot_entries').execute();
  await db.schema.dropTable('vote_proxy_units').execute();
  await db.schema.dropTable('vote_proxies').execute();
  await db.schema.alterTable('photos').dropColumn('vote_id').execute();
}

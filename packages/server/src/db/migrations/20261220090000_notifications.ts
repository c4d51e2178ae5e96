// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// Notifications: an event row per thing that happened (or per scheduled occurrence, unique by its
// key, so two instances cannot create the same reminder twice), a row per person it is for (the
// in-app notice and the record of why a person was not reached), the outbox of SMS, e-mail and group
// robot deliveries with their leases, every send attempt, people's preferences and e-mail address,
// the compounds' staff group robots, and a per-person daily SMS counter.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('email', 'text').execute();

  await db.schema
    .createTable('notification_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('compound_id', 'text', (c) => c.references('compounds.id'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    // A scheduled occurrence's key (`vote_closing:<id>`, `item_overdue:<id>:<date>` …); null for events.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('caused_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('recipient_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notification_events_subject_idx').on('notification_events').columns(['subject_kind', 'subject_id', 'created_at']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('notification_events.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('user_id', 'text')
    // 1 when it shows in the person's notification centre (an account, in-app not turned off).
    .addColumn('in_app', 'integer', (c) => c.notNull())
    // Why channels the person would get were not used: `sms:no_phone email:opted_out` …
    .addColumn('skipped', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_event_idx').on('notifications').column('event_id').execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'in_app', 'created_at']).execute();
  await db.schema.createIndex('notifications_unread_idx').on('notifications').columns(['user_id', 'read_at']).execute();

  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('notification_events.id'))
    .addColumn('notification_id', 'text')
    .addColumn('person_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('robot_id', 'text')
    // The phone or e-mail address at the time (robots: read from compound_robots when sent).
    .addColumn('address', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    // pending → sent | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notification_deliveries_due_idx').on('notification_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('notification_deliveries_event_idx').on('notification_deliveries').columns(['event_id', 'status']).execute();

  await db.schema
    .createTable('notification_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('notification_deliveries.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    // sent | retry | failed | interrupted (the process died mid-send); null while under way
    .addColumn('outcome', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .execute();
  await db.schema.createIndex('notification_attempts_delivery_idx').on('notification_attempts').columns(['delivery_id', 'attempt']).execute();

  await db.schema
    .createTable('notification_settings')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('quiet_hours', 'integer', (c) => c.notNull().defaultTo(1))
    // { kind: { in_app?, sms?, email? } }: only what differs from the kind's defaults.
    .addColumn('channels_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('compound_robots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('compound_id', 'text', (c) => c.notNull().references('compounds.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('events_json', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('compound_robots_compound_idx').on('compound_robots').column('compound_id').execute();

  // Text messages sent to a person on a Beijing day, for the daily cap (a conditional increment).
  await db.schema
    .createTable('sms_daily_counts')
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sms_daily_counts_pk', ['person_key', 'day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'sms_daily_counts',
    'compound_robots',
    'notification_settings',
    'notification_attempts',
    'notification_deliveries',
    'notifications',
    'notification_events',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('users').dropColumn('email').execute();
}

// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// A version number on each account that the database itself moves on whenever what the account may
// do changes: a grant given, changed or revoked; a unit owned or lived in, or no longer; such a
// unit or a granted building moved. The server keeps a session's actor between requests and checks
// this number with the session on every request (services/auth.service.ts), so a change made by any
// instance, or straight in the database, takes effect on the next request.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

/** Which accounts a row of each table concerns, as SQL over the trigger's row (`ROW` → NEW or OLD). */
const ACCOUNTS_OF: Record<string, { events: string; accounts: string }> = {
  role_assignments: { events: 'INSERT OR UPDATE OR DELETE', accounts: 'id = ROW.user_id' },
  ownerships: { events: 'INSERT OR UPDATE OR DELETE', accounts: 'person_id = ROW.person_id' },
  residencies: { events: 'INSERT OR UPDATE OR DELETE', accounts: 'person_id = ROW.person_id' },
  units: {
    events: 'UPDATE OF building_id, compound_id',
    accounts: 'person_id IN (SELECT person_id FROM ownerships WHERE unit_id = ROW.id UNION SELECT person_id FROM residencies WHERE unit_id = ROW.id)',
  },
  buildings: {
    events: 'UPDATE OF grid_id, compound_id',
    accounts: "id IN (SELECT user_id FROM role_assignments WHERE scope_kind = 'building' AND scope_id = ROW.id)",
  },
};

function bump(accounts: string, row: 'NEW' | 'OLD'): string {
  return `UPDATE users SET access_version = access_version + 1 WHERE ${accounts.replaceAll('ROW.', `${row}.`)};`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('access_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const [table, { events, accounts }] of Object.entries(ACCOUNTS_OF)) {
    if (isPostgres(db)) {
      await sql
        .raw(
          `CREATE FUNCTION ${table}_access_version() RETURNS trigger AS $$ BEGIN ` +
            `IF TG_OP <> 'INSERT' THEN ${bump(accounts, 'OLD')} END IF; ` +
            `IF TG_OP <> 'DELETE' THEN ${bump(accounts, 'NEW')} END IF; ` +
            `RETURN NULL; END; $$ LANGUAGE plpgsql`,
        )
        .execute(db);
      await sql.raw(`CREATE TRIGGER ${table}_access_version AFTER ${events} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_access_version()`).execute(db);
      continue;
    }
    // SQLite: one trigger per event; an UPDATE concerns the accounts of the row before and after it.
    for (const event of events.split(' OR ')) {
      const kind = event.split(' ')[0]!.toLowerCase();
      const body =
        event === 'INSERT' ? bump(accounts, 'NEW') : event === 'DELETE' ? bump(accounts, 'OLD') : `${bump(accounts, 'OLD')} ${bump(accounts, 'NEW')}`;
      await sql.raw(`CREATE TRIGGER ${table}_access_version_${kind} AFTER ${event} ON ${table} BEGIN ${body} END`).execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, { events }] of Object.entries(ACCOUNTS_OF)) {
    if (isPostgres(db)) {
      await sql.raw(`DROP TRIGGER IF EXISTS ${table}_access_version ON ${table}`).execute(db);
      await sql.raw(`DROP FUNCTION IF EXISTS ${table}_access_version()`).execute(db);
    } else {
      for (const event of events.split(' OR '))
        await sql.raw(`DROP TRIGGER IF EXISTS ${table}_access_version_${event.split(' ')[0]!.toLowerCase()}`).execute(db);
    }
  }
  await db.schema.alterTable('users').dropColumn('access_version').execute();
}

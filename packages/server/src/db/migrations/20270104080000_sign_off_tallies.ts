// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// The dashboard and the public board count a period's sign-offs by China day, on time or not, listed
// before or not and latest rating, and their listing days (for the working days they took). Counted
// from the items, that read every sign-off of the period: 32,000 rows and up to half a second on a
// 40,000-item compound, on SQLite a single statement holding the event loop, for an anonymous visitor
// of the board. These two tables hold those counts, kept by the database itself: triggers on
// action_items and action_item_ratings move an item's count whenever what it is counted by changes
// (signed off, reopened, a new latest rating, a due date), so every writer — a service, the seed, an
// import, a statement typed by an operator — keeps them true. A period reads a few rows per day.
//
// Invariant: sign_off_tallies holds, per (compound, China day signed off, on time, listed by then,
// latest rating or ''), how many items are signed off now with those; sign_off_listing_tallies, per
// (compound, day signed off, China day listed), how many of them were listed by the day signed off.
// Rows whose count falls to 0 stay (a day that had sign-offs); readers skip them.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

type Row = 'NEW' | 'OLD';

/** An instant's China day as text (YYYY-MM-DD), as the repositories' chinaDay writes it. */
function day(postgres: boolean, instant: string): string {
  return postgres ? `to_char((cast(${instant} as timestamptz) at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')` : `date(${instant}, '+8 hours')`;
}

/**
 * The item's latest rating ('' when none) as the table holds it now, leaving out the rating row
 * `except` (one being removed), or counting in the rating row `adding` (one about to be inserted).
 */
function latestRating(item: string, change: { except?: Row; adding?: Row } = {}): string {
  const without = change.except ? ` AND r.id <> ${change.except}.id` : '';
  const plus = change.adding ? ` UNION ALL SELECT ${change.adding}.rating, ${change.adding}.created_at, ${change.adding}.id` : '';
  return (
    `coalesce((SELECT x.rating FROM (SELECT r.rating, r.created_at, r.id FROM action_item_ratings r WHERE r.action_item_id = ${item}${without}${plus}) x ` +
    `ORDER BY x.created_at DESC, x.id DESC LIMIT 1), '')`
  );
}

/**
 * Statements that add `delta` (+1 or -1) to the counts of item `row` (a trigger's NEW or OLD, or the
 * alias of a table in `from`, with `where` choosing its row), with `rating` its latest rating, if it
 * is signed off.
 */
function move(postgres: boolean, row: string, rating: string, delta: 1 | -1, source = { from: '', where: 'true' }): string {
  const signedOn = day(postgres, `${row}.signed_off_at`);
  const listedOn = day(postgres, `${row}.listed_at`);
  const counted = `${row}.status = 'signed_off' AND ${row}.signed_off_at IS NOT NULL`;
  const onTime = `CASE WHEN ${signedOn} <= ${row}.due_date THEN 1 ELSE 0 END`;
  const forward = `CASE WHEN ${listedOn} <= ${signedOn} THEN 1 ELSE 0 END`;
  const sign = delta > 0 ? '+' : '-';
  return (
    `INSERT INTO sign_off_tallies (compound_id, signed_on, on_time, forward, rating, count) ` +
    `SELECT ${row}.compound_id, ${signedOn}, ${onTime}, ${forward}, ${rating}, ${delta} ${source.from} WHERE ${source.where} AND ${counted} ` +
    `ON CONFLICT (compound_id, signed_on, on_time, forward, rating) DO UPDATE SET count = sign_off_tallies.count ${sign} 1; ` +
    `INSERT INTO sign_off_listing_tallies (compound_id, signed_on, listed_on, count) ` +
    `SELECT ${row}.compound_id, ${signedOn}, ${listedOn}, ${delta} ${source.from} WHERE ${source.where} AND ${counted} AND ${listedOn} <= ${signedOn} ` +
    `ON CONFLICT (compound_id, signed_on, listed_on) DO UPDATE SET count = sign_off_listing_tallies.count ${sign} 1;`
  );
}

/** The item a rating row (NEW or OLD) belongs to, as a one-row source for `move`. */
function ratedItem(postgres: boolean, rating: Row, latest: string, delta: 1 | -1): string {
  return move(postgres, 'i', latest, delta, { from: 'FROM action_items i', where: `i.id = ${rating}.action_item_id` });
}

/** Trigger bodies, per table and event. */
function bodies(postgres: boolean): Record<string, Partial<Record<'INSERT' | 'UPDATE' | 'DELETE', string>>> {
  const itemLatest = (row: Row) => latestRating(`${row}.id`);
  return {
    action_items: {
      INSERT: move(postgres, 'NEW', itemLatest('NEW'), 1),
      // Its ratings do not change in this statement: the same latest rating before and after.
      UPDATE: `${move(postgres, 'OLD', itemLatest('OLD'), -1)} ${move(postgres, 'NEW', itemLatest('NEW'), 1)}`,
      DELETE: move(postgres, 'OLD', itemLatest('OLD'), -1),
    },
    action_item_ratings: {
      // BEFORE INSERT (see BEFORE): the item's latest rating without this one, then with it.
      INSERT: `${ratedItem(postgres, 'NEW', latestRating('NEW.action_item_id'), -1)} ${ratedItem(postgres, 'NEW', latestRating('NEW.action_item_id', { adding: 'NEW' }), 1)}`,
      // BEFORE DELETE (see BEFORE): the item's latest rating with this one, then without it.
      DELETE: `${ratedItem(postgres, 'OLD', latestRating('OLD.action_item_id'), -1)} ${ratedItem(postgres, 'OLD', latestRating('OLD.action_item_id', { except: 'OLD' }), 1)}`,
    },
  };
}

const TRIGGERS = { action_items: ['INSERT', 'UPDATE', 'DELETE'], action_item_ratings: ['INSERT', 'DELETE'] } as const;
/**
 * The rating triggers run before the row changes, the others after. PostgreSQL runs a statement's
 * AFTER row triggers once the whole statement is done, so a rating's trigger would see the ratings
 * inserted beside it by a multi-row INSERT and misjudge what was latest before it; a BEFORE row
 * trigger sees the rows processed before its own, as SQLite's triggers do.
 */
const BEFORE = new Set(['action_item_ratings INSERT', 'action_item_ratings DELETE']);
/** An item's counts depend on these columns only: other updates (its text, its progress) leave them alone. */
const COUNTED_COLUMNS = 'compound_id, status, signed_off_at, listed_at, due_date';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  await db.schema
    .createTable('sign_off_tallies')
    .addColumn('compound_id', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('on_time', 'integer', (c) => c.notNull())
    .addColumn('forward', 'integer', (c) => c.notNull())
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_off_tallies_pk', ['compound_id', 'signed_on', 'on_time', 'forward', 'rating'])
    .execute();
  await db.schema
    .createTable('sign_off_listing_tallies')
    .addColumn('compound_id', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('listed_on', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_off_listing_tallies_pk', ['compound_id', 'signed_on', 'listed_on'])
    .execute();

  // The counts of the items there are, once.
  const signedOn = day(postgres, 'i.signed_off_at');
  const listedOn = day(postgres, 'i.listed_at');
  const current = `FROM action_items i WHERE i.status = 'signed_off' AND i.signed_off_at IS NOT NULL`;
  await sql
    .raw(
      `INSERT INTO sign_off_tallies (compound_id, signed_on, on_time, forward, rating, count) ` +
        `SELECT compound_id, signed_on, on_time, forward, rating, count(*) FROM (SELECT i.compound_id, ${signedOn} AS signed_on, ` +
        `CASE WHEN ${signedOn} <= i.due_date THEN 1 ELSE 0 END AS on_time, CASE WHEN ${listedOn} <= ${signedOn} THEN 1 ELSE 0 END AS forward, ` +
        `${latestRating('i.id')} AS rating ${current}) s GROUP BY compound_id, signed_on, on_time, forward, rating`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO sign_off_listing_tallies (compound_id, signed_on, listed_on, count) ` +
        `SELECT compound_id, signed_on, listed_on, count(*) FROM (SELECT i.compound_id, ${signedOn} AS signed_on, ${listedOn} AS listed_on ${current}) s ` +
        `WHERE listed_on <= signed_on GROUP BY compound_id, signed_on, listed_on`,
    )
    .execute(db);

  const all = bodies(postgres);
  for (const [table, events] of Object.entries(TRIGGERS)) {
    for (const event of events) {
      const body = all[table]![event];
      const name = `${table}_sign_off_tallies_${event.toLowerCase()}`;
      const on = event === 'UPDATE' ? `UPDATE OF ${COUNTED_COLUMNS}` : event;
      const before = BEFORE.has(`${table} ${event}`);
      const timing = before ? 'BEFORE' : 'AFTER';
      if (postgres) {
        // A BEFORE trigger's function returns the row to go on with (NULL would cancel the change).
        const result = before ? (event === 'DELETE' ? 'OLD' : 'NEW') : 'NULL';
        await sql.raw(`CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN ${body} RETURN ${result}; END; $$ LANGUAGE plpgsql`).execute(db);
        await sql.raw(`CREATE TRIGGER ${name} ${timing} ${on} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`).execute(db);
      } else {
        await sql.raw(`CREATE TRIGGER ${name} ${timing} ${on} ON ${table} BEGIN ${body} END`).execute(db);
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, events] of Object.entries(TRIGGERS)) {
    for (const event of events) {
      const name = `${table}_sign_off_tallies_${event.toLowerCase()}`;
      if (isPostgres(db)) {
        await sql.raw(`DROP TRIGGER IF EXISTS ${name} ON ${table}`).execute(db);
        await sql.raw(`DROP FUNCTION IF EXISTS ${name}()`).execute(db);
      } else {
        await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
      }
    }
  }
  await db.schema.dropTable('sign_off_listing_tallies').execute();
  await db.schema.dropTable('sign_off_tallies').execute();
}

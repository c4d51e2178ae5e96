// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// Roster order as people count: 2栋 before 10栋, 101 before 1001. Buildings and units get a sort key
// each (db/natural-key.ts writes them from now on; the two functions below are its copy as of this
// migration): every run of digits padded to ten digits, so comparing the keys as bytes compares the
// numbers as numbers. A unit's key holds its building's, its entrance's and its room's, so one index
// on (compound, key, id) serves the roster's pages. PostgreSQL compares the columns in byte order
// (`collate "C"`), as SQLite does, whatever the database's collation.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

function naturalKey(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{Cc}]/gu, '')
    .replace(/[0-9]+/g, (run) => run.replace(/^0+(?=[0-9])/, '').padStart(10, '0'));
}

const unitSortKey = (building: string, entrance: string, room: string) => [naturalKey(building), naturalKey(entrance), naturalKey(room)].join(' ');

/** Writes each row's key, 500 rows a statement (`case id when … then … end`). */
async function writeKeys(db: Kysely<any>, table: 'buildings' | 'units', keys: Array<{ id: string; key: string }>): Promise<void> {
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const cases = sql.join(
      chunk.map((k) => sql`when ${k.id} then ${k.key}`),
      sql` `,
    );
    await sql`update ${sql.table(table)} set sort_key = case id ${cases} end where id in (${sql.join(chunk.map((k) => k.id))})`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['buildings', 'units']) {
    await db.schema
      .alterTable(table)
      .addColumn('sort_key', 'text', (c) => (isPostgres(db) ? c.modifyFront(sql`collate "C"`) : c).notNull().defaultTo(''))
      .execute();
  }
  const buildings = await db.selectFrom('buildings').select(['id', 'name']).execute();
  await writeKeys(
    db,
    'buildings',
    buildings.map((b) => ({ id: b.id, key: naturalKey(b.name) })),
  );
  const units = await db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select(['units.id', 'buildings.name as building', 'units.entrance', 'units.room'])
    .execute();
  await writeKeys(
    db,
    'units',
    units.map((u) => ({ id: u.id, key: unitSortKey(u.building, u.entrance, u.room) })),
  );
  await db.schema.createIndex('units_compound_sort_idx').on('units').columns(['compound_id', 'sort_key', 'id']).execute();
  await db.schema.createIndex('buildings_compound_sort_idx').on('buildings').columns(['compound_id', 'sort_key']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('buildings_compound_sort_idx').execute();
  await db.schema.dropIndex('units_compound_sort_idx').execute();
  for (const table of ['buildings', 'units']) await db.schema.alterTable(table).dropColumn('sort_key').execute();
}

// Frozen in time: migrations never import app code. Portable DDL only (SQLite and PostgreSQL).
// A vote's frozen roll in the order people count (2栋 before 10栋, 101 before 1001), as the roster is
// since 20270111090000_roster_sort_keys: each entry gets a sort key. An owners' entry takes its unit's
// key (the roster's order; units are never renamed, so it is the key the unit had when the roll was
// frozen); a resident's entry (a residents' poll: "name（unit）") the key of its label, naturalKey below
// being db/natural-key.ts's copy as of this migration. One index on (vote, key, voter key) serves the
// roll's pages. PostgreSQL compares the column in byte order (`collate "C"`), as SQLite does.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

function naturalKey(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{Cc}]/gu, '')
    .replace(/[0-9]+/g, (run) => run.replace(/^0+(?=[0-9])/, '').padStart(10, '0'));
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('vote_electorate')
    .addColumn('sort_key', 'text', (c) => (isPostgres(db) ? c.modifyFront(sql`collate "C"`) : c).notNull().defaultTo(''))
    .execute();
  await sql`update vote_electorate set sort_key = coalesce((select u.sort_key from units u where u.id = vote_electorate.unit_id), '')
    where unit_id is not null`.execute(db);
  const persons = await db.selectFrom('vote_electorate').select(['vote_id', 'voter_key', 'label']).where('unit_id', 'is', null).orderBy('vote_id').execute();
  const byVote = new Map<string, Array<{ key: string; sortKey: string }>>();
  for (const p of persons) {
    const entries = byVote.get(p.vote_id) ?? [];
    entries.push({ key: p.voter_key, sortKey: naturalKey(p.label) });
    byVote.set(p.vote_id, entries);
  }
  // 500 entries a statement (`case voter_key when … then … end`).
  for (const [voteId, entries] of byVote)
    for (let i = 0; i < entries.length; i += 500) {
      const chunk = entries.slice(i, i + 500);
      const cases = sql.join(
        chunk.map((e) => sql`when ${e.key} then ${e.sortKey}`),
        sql` `,
      );
      await sql`update vote_electorate set sort_key = case voter_key ${cases} end
        where vote_id = ${voteId} and voter_key in (${sql.join(chunk.map((e) => e.key))})`.execute(db);
    }
  await db.schema.createIndex('vote_electorate_sort_idx').on('vote_electorate').columns(['vote_id', 'sort_key', 'voter_key']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('vote_electorate_sort_idx').execute();
  await db.schema.alterTable('vote_electorate').dropColumn('sort_key').execute();
}

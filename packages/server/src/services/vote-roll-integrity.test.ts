/**
 * What vote_electorate's foreign keys (votes, units, persons) guarded, now that they are gone (migration
 * 20270104090000_vote_notices_fanout: checked row by row, they were about half of freezing a roll): a frozen
 * roll names only votes, units and persons that exist, because the roll is only written from those
 * rows inside the transaction that locks the vote, and nothing in the server deletes them or changes
 * a roll entry's ids. This file fails if that stops being true: a roll entry pointing nowhere after
 * opening an owners' vote and a residents' poll (on SQLite and PostgreSQL), or server code that
 * deletes a unit, a person or a vote, or writes vote_electorate other than the three known ways.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { voteEndpoints } from '@yishi/core';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
}, 60_000);
afterEach(() => t.close());

const SERVER_SRC = fileURLToPath(new URL('..', import.meta.url));

/** The server's own code: every .ts file under src but tests and test helpers. */
function serverSources(dir = SERVER_SRC): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'testing') files.push(...serverSources(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      files.push({ path: path.slice(SERVER_SRC.length), text: readFileSync(path, 'utf8') });
  }
  return files;
}

describe('a frozen roll names only what exists', () => {
  it('opening an owners’ vote and a residents’ poll leaves no roll entry pointing at a missing vote, unit or person', async () => {
    const staff = await t.login('zhanzhang');
    const dsct = await t.compoundId('DSCT');
    const closesAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    for (const electorateKind of ['owners', 'residents'] as const) {
      const body = { title: `门禁更换（${electorateKind}）`, kind: 'yes_no', rule: { kind: 'simple_majority' }, electorateKind, closesAt } as const;
      const { id } = await t.ok(voteEndpoints.create, { cookie: staff, params: { compoundId: dsct }, body });
      await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId: id } });
      const roll = await t.deps.db.selectFrom('vote_electorate').select(['unit_id', 'person_id']).where('vote_id', '=', id).execute();
      expect(roll.length).toBeGreaterThan(0);
      expect(roll.every((e) => (electorateKind === 'owners' ? e.unit_id !== null : e.person_id !== null))).toBe(true);
    }
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from vote_electorate ve
      where not exists (select 1 from votes v where v.id = ve.vote_id)
         or (ve.unit_id is not null and not exists (select 1 from units u where u.id = ve.unit_id))
         or (ve.person_id is not null and not exists (select 1 from persons p where p.id = ve.person_id))`.execute(t.deps.db);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('nothing in the server deletes a unit, a person or a vote, and vote_electorate is written only by the roll’s freeze and its correction', () => {
    const sources = serverSources();
    expect(sources.length).toBeGreaterThan(100);
    const deletes = sources.filter((f) => /deleteFrom\(\s*'(units|persons|votes)'|delete\s+from\s+"?(units|persons|votes)\b/i.test(f.text)).map((f) => f.path);
    expect(deletes).toEqual([]);
    // Migrations create the table; the repositories insert (the roll frozen) and update (a roll correction: owners, area, developer flag).
    const writers = sources
      .filter((f) => !f.path.startsWith('db/migrations/'))
      .flatMap((f) => [...f.text.matchAll(/(insertInto|updateTable|deleteFrom)\(\s*'vote_electorate'/g)].map((m) => `${f.path} ${m[1]}`))
      .sort();
    expect(writers).toEqual([
      'db/repositories/vote-objections.repository.ts updateTable',
      'db/repositories/votes.repository.ts insertInto',
      'db/repositories/votes.repository.ts insertInto',
    ]);
  });
});

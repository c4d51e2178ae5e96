import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, type OpenedSqlite } from './connect.js';
import { groupCommitTransaction } from './group-commit.js';

let dir: string;
let opened: OpenedSqlite;
const synchronous = () => Number(opened.sqlite.pragma('synchronous', { simple: true }));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yishi-group-commit-'));
  opened = openSqlite(join(dir, 'x.db'));
  await sql`create table t (id integer primary key, v text not null)`.execute(opened.db);
});
afterEach(async () => {
  await opened.db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('group commit on SQLite', () => {
  it('commits relaxed, stays relaxed for reads and further group commits, and puts FULL back before any other write', async () => {
    expect(synchronous()).toBe(2);
    await groupCommitTransaction(opened.db, (trx) => sql`insert into t (v) values ('a')`.execute(trx));
    expect(synchronous()).toBe(1);
    await sql`select count(*) from t`.execute(opened.db);
    expect(synchronous()).toBe(1);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => groupCommitTransaction(opened.db, (trx) => sql`insert into t (v) values (${`g${i}`})`.execute(trx))),
    );
    expect(synchronous()).toBe(1);
    // Any other write — here an autocommit insert — commits with the setting the database was opened with.
    await sql`insert into t (v) values ('b')`.execute(opened.db);
    expect(synchronous()).toBe(2);
    const count = await sql<{ n: number }>`select count(*) as n from t`.execute(opened.db);
    expect(count.rows[0]!.n).toBe(12);
  });

  it('a transaction that fails rolls back whole and the next plain transaction is durable again', async () => {
    await expect(
      groupCommitTransaction(opened.db, async (trx) => {
        await sql`insert into t (v) values ('lost')`.execute(trx);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await opened.db.transaction().execute((trx) => sql`insert into t (v) values ('kept')`.execute(trx));
    expect(synchronous()).toBe(2);
    const rows = await sql<{ v: string }>`select v from t`.execute(opened.db);
    expect(rows.rows.map((r) => r.v)).toEqual(['kept']);
  });
});

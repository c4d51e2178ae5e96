/**
 * The voting page's API at scale (issue 18): a view of a vote reads the frozen roll once, then answers
 * from key lookups and the turnout kept with the ballot log position — the rows it reads do not grow
 * with the number of units — and still shows a ballot cast a moment ago, also one cast on another
 * server instance.
 */
import { voteEndpoints } from '@yishi/core';
import type { KyselyPlugin } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { bigRoster } from '../testing/big-roster.js';
import { createTestApp, openPeerApp, type TestApp } from '../testing/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** What the database answered: statements, and rows returned by them. */
function countingReads(app: TestApp) {
  const seen = { statements: 0, rows: 0 };
  const counter: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      seen.statements += 1;
      seen.rows += args.result.rows.length;
      return args.result;
    },
  };
  app.deps.db = app.deps.db.withPlugin(counter);
  return seen;
}

/** An account for the owner of the n-th imported flat, with the demo's password (copied from a demo account): login `scaleowner<n>`. */
async function ownerAccount(app: TestApp, n: number): Promise<string> {
  const owner = await app.deps.db.selectFrom('persons').select('id').where('name', '=', `业主${n}`).executeTakeFirstOrThrow();
  const { password_hash } = await app.deps.db.selectFrom('users').select('password_hash').where('username', '=', 'cuiyuan').executeTakeFirstOrThrow();
  const username = `scaleowner${n}`;
  await app.deps.db
    .insertInto('users')
    .values({
      id: username,
      person_id: owner.id,
      username,
      phone: null,
      display_name: `业主${n}`,
      password_hash,
      locale: 'zh-CN',
      disabled: 0,
      created_at: new Date().toISOString(),
    })
    .execute();
  return username;
}

/** 翠苑 with `units` more flats (one owner each), an open vote on the whole compound and one owner with an account. */
async function compoundWithVote(units: number) {
  const app = await createTestApp();
  t = app;
  const cy = await app.compoundId('CY');
  const staff = await app.login('cuiyuan');
  const imported = await app.call('POST', `/api/compounds/${cy}/roster`, { cookie: staff, headers: { 'content-type': 'text/csv' }, body: bigRoster(units) });
  expect(imported.status, await imported.clone().text()).toBe(200);
  await ownerAccount(app, 1);
  const created = await app.ok(voteEndpoints.create, {
    cookie: staff,
    params: { compoundId: cy },
    body: { title: '是否同意增设充电桩', kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
  });
  await app.ok(voteEndpoints.open, { cookie: staff, params: { voteId: created.id } });
  const ownerCookie = await app.login('scaleowner1');
  await app.ok(voteEndpoints.castBallot, { cookie: ownerCookie, params: { voteId: created.id }, body: { choices: ['yes'] } });
  return { app, voteId: created.id, ownerCookie, staff };
}

/** Reads of the owner's view of the vote, once the roll has been read by a first view. */
async function viewReads(units: number) {
  const { app, voteId, ownerCookie } = await compoundWithVote(units);
  const seen = countingReads(app);
  const first = await app.ok(voteEndpoints.get, { cookie: ownerCookie, params: { voteId } });
  expect(first.turnout?.electorate.voters).toBeGreaterThan(units);
  expect(first.turnout?.participation.ballots).toBe(1);
  const firstRows = seen.rows;
  seen.statements = 0;
  seen.rows = 0;
  const again = await app.ok(voteEndpoints.get, { cookie: ownerCookie, params: { voteId } });
  expect(again.turnout).toEqual(first.turnout);
  const figures = { firstRows, statements: seen.statements, rows: seen.rows };
  await app.close();
  t = undefined;
  return figures;
}

describe('the voting page at scale', () => {
  it('a view reads the same rows with 100 flats as with 2,000: the roll only on the first view, as its packed copy', async () => {
    const small = await viewReads(100);
    const large = await viewReads(2_000);
    // The first view reads the roll once, as the one row of its packed copy (the copy the tally reads), not a row per flat …
    expect(large.firstRows).toBe(small.firstRows);
    // … the next ones do not: the same statements, the same rows, a few dozen at most.
    expect(large.statements).toBe(small.statements);
    expect(large.rows).toBe(small.rows);
    expect(large.rows).toBeLessThan(60);
  }, 240_000);

  it('a ballot cast a moment ago is in the turnout, also one cast through another instance', async () => {
    const { app, voteId, ownerCookie, staff } = await compoundWithVote(50);
    const before = await app.ok(voteEndpoints.get, { cookie: staff, params: { voteId } });
    expect(before.turnout?.participation).toMatchObject({ ballots: 1, heads: 1 });
    // The same owner changes their ballot: still one ballot, one head.
    await app.ok(voteEndpoints.castBallot, { cookie: ownerCookie, params: { voteId }, body: { choices: ['no'] } });
    expect((await app.ok(voteEndpoints.get, { cookie: staff, params: { voteId } })).turnout?.participation).toMatchObject({ ballots: 1, heads: 1 });
    // Another owner votes through another server on the same database.
    const peer = openPeerApp(app);
    try {
      const cookie = await peer.login(await ownerAccount(peer, 2));
      await peer.ok(voteEndpoints.castBallot, { cookie, params: { voteId }, body: { choices: ['yes'] } });
    } finally {
      await peer.close();
    }
    const after = await app.ok(voteEndpoints.get, { cookie: staff, params: { voteId } });
    expect(after.turnout?.participation.ballots).toBe(2);
    expect(after.turnout?.participation.heads).toBe(2);
    expect(after.turnout?.electorate).toEqual(before.turnout?.electorate);
  }, 240_000);
});

/**
 * The cost of casting a ballot, counted in SQL statements rather than time (issue 18): every
 * statement the app runs — BEGIN and COMMIT included — goes through Kysely's query log (and on
 * SQLite the PRAGMAs of a group commit, run on the raw handle, are counted beside it), and one
 * accepted ballot request may run at most BALLOT_STATEMENTS of them, first cast or re-cast. The
 * actor behind a session is kept between requests and checked against the database on each one;
 * the second half shows that a change made in the database (by this instance or any other) takes
 * effect on the very next request.
 */
import { voteEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteHandleOf } from '../db/connect.js';
import { newId } from '../db/ids.js';
import { statementLog } from '../testing/statement-log.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

// The session with its account, BEGIN, the casting read, the log head, the log entry, the ballot (and
// for a re-cast its history row), COMMIT — and a PRAGMA when the ballot follows another kind of write.
// The vote's place (the access check) is read once per vote (services/vote-place.service.ts).
const BALLOT_STATEMENTS = 8;
/** On PostgreSQL, a cast's or a re-cast's writes are one statement (writeCasts, however many casts a batch holds). */
const CAST_STATEMENTS_PG = 5;

let t: TestApp;
let dsct: string;
let now: Date;
const { log, counted, note } = statementLog();

beforeEach(async () => {
  now = new Date('2026-11-21T02:00:00Z');
  t = await createTestApp({ clock: () => now, log });
  // SQLite: the PRAGMAs a group commit runs on the raw handle (db/group-commit.ts) count too.
  const raw = sqliteHandleOf(t.deps.db);
  if (raw) {
    const pragma = raw.pragma.bind(raw);
    raw.pragma = ((source: string, options?: { simple?: boolean }) => {
      note(`PRAGMA ${source}`);
      return pragma(source, options);
    }) as typeof raw.pragma;
  }
  dsct = await t.compoundId('DSCT');
}, 60_000); // the first app of a run seeds the demo it copies
afterEach(() => t.close());

/** A vote without the statutory timeline (it opens at once), open for three days from `now`. */
const MAJORITY = {
  kind: 'custom',
  basis: 'area_and_heads',
  participation: { num: 2, den: 3 },
  approval: { num: 1, den: 2 },
  approvalComparison: 'more_than',
} as const;

async function openVote(): Promise<string> {
  const staff = await t.login('zhanzhang');
  const closesAt = new Date(now.getTime() + 3 * 86_400_000).toISOString();
  const body = { title: '是否同意加装电动车充电桩', kind: 'yes_no', rule: MAJORITY, closesAt } as const;
  const { id } = await t.ok(voteEndpoints.create, { cookie: staff, params: { compoundId: dsct }, body });
  await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId: id } });
  return id;
}

const cast = (cookie: string, voteId: string, choices: string[]) => t.api(voteEndpoints.castBallot, { cookie, params: { voteId }, body: { choices } });

describe('statements per accepted ballot', () => {
  it(`a cast and a re-cast each run at most ${BALLOT_STATEMENTS} statements, BEGIN and COMMIT included`, async () => {
    const voteId = await openVote();
    // Another owner's ballot first: the vote's log already has a head, as for all but its first ballot.
    expect((await cast(await t.login('yezhu2'), voteId, ['yes'])).status).toBe(201);
    const owner = await t.login('loudong');
    // The session's first request builds its actor; later ones only check it against the database.
    await t.ok(voteEndpoints.get, { cookie: owner, params: { voteId } });

    const first = await counted(() => cast(owner, voteId, ['yes']));
    expect(first.answer.status).toBe(201);
    expect(first.answer.data!.replaced).toBe(false);
    expect(first.statements.map((s) => s.split(' ')[0]!.toLowerCase())).toContain('begin');
    expect(first.statements.map((s) => s.split(' ')[0]!.toLowerCase())).toContain('commit');
    expect(first.statements.length, first.statements.join('\n')).toBeLessThanOrEqual(BALLOT_STATEMENTS);
    // PostgreSQL writes a first ballot, its log entry and the head in one statement (ballot-cast.repository.ts,
    // writeCasts): the session, BEGIN, the casting read, the write, COMMIT (seven, one by one).
    if (t.dialect === 'postgres') expect(first.statements.length, first.statements.join('\n')).toBe(CAST_STATEMENTS_PG);

    const again = await counted(() => cast(owner, voteId, ['no']));
    expect(again.answer.status).toBe(201);
    expect(again.answer.data!.replaced).toBe(true);
    expect(again.statements.length, again.statements.join('\n')).toBeLessThanOrEqual(BALLOT_STATEMENTS);
    // And a re-cast's ballot, history row, log entry and head in one (writeCasts).
    if (t.dialect === 'postgres') expect(again.statements.length, again.statements.join('\n')).toBe(CAST_STATEMENTS_PG);

    // Nothing was skipped: the replaced ballot is in the history, both are in the log, and the latest counts.
    const history = await t.deps.db.selectFrom('ballot_history').select('receipt_code').where('vote_id', '=', voteId).execute();
    expect(history.map((h) => h.receipt_code)).toEqual([first.answer.data!.receiptCode]);
    const logged = await t.deps.db
      .selectFrom('ballot_log')
      .select(['position', 'kind', 'receipt_code'])
      .where('vote_id', '=', voteId)
      .orderBy('position')
      .execute();
    expect(logged.map((l) => [Number(l.position), l.kind])).toEqual([
      [1, 'cast'],
      [2, 'cast'],
      [3, 'replaced'],
    ]);
    expect(logged[2]!.receipt_code).toBe(again.answer.data!.receiptCode);
  });

  it('the first ballot of a vote and a ballot for a chosen unit stay within the bound too', async () => {
    const voteId = await openVote();
    const owner = await t.login('yezhu');
    const { mine } = await t.ok(voteEndpoints.get, { cookie: owner, params: { voteId } });
    const unitId = mine[0]!.voterKey;
    const first = await counted(() => t.api(voteEndpoints.castBallot, { cookie: owner, params: { voteId }, body: { choices: ['yes'], unitId } }));
    expect(first.answer.status).toBe(201);
    expect(first.statements.length, first.statements.join('\n')).toBeLessThanOrEqual(BALLOT_STATEMENTS + 1);
  });
});

describe('the actor kept between requests follows the database at once', () => {
  it('an ownership removed, a grant added, an account disabled and a session ended each take effect on the next request', async () => {
    const voteId = await openVote();
    const owner = await t.login('loudong');
    expect((await cast(owner, voteId, ['yes'])).status).toBe(201);
    const { userId, personId } = await t.deps.db
      .selectFrom('users')
      .select(['id as userId', 'person_id as personId'])
      .where('username', '=', 'loudong')
      .executeTakeFirstOrThrow();

    // A grant written straight into the database (as another instance would): the roll opens at once.
    expect((await t.api(voteEndpoints.roll, { cookie: owner, params: { voteId } })).status).toBe(403);
    await t.deps.db
      .insertInto('role_assignments')
      .values({ id: newId(), user_id: userId, role: 'station_chief', scope_kind: 'compound', scope_id: dsct, party: null, organisation: null, title: null })
      .execute();
    expect((await t.api(voteEndpoints.roll, { cookie: owner, params: { voteId } })).status).toBe(200);
    await t.deps.db.deleteFrom('role_assignments').where('user_id', '=', userId).execute();
    expect((await t.api(voteEndpoints.roll, { cookie: owner, params: { voteId } })).status).toBe(403);

    // The flat sold: without an ownership in the compound the owner may not cast here any more.
    const owned = await t.deps.db.selectFrom('ownerships').selectAll().where('person_id', '=', personId!).execute();
    await t.deps.db.deleteFrom('ownerships').where('person_id', '=', personId!).execute();
    expect((await cast(owner, voteId, ['no'])).status).toBe(403);
    await t.deps.db.insertInto('ownerships').values(owned).execute();
    expect((await cast(owner, voteId, ['no'])).status).toBe(201);

    await t.deps.db.updateTable('users').set({ disabled: 1 }).where('id', '=', userId).execute();
    expect((await cast(owner, voteId, ['yes'])).status).toBe(401);
    await t.deps.db.updateTable('users').set({ disabled: 0 }).where('id', '=', userId).execute();
    expect((await cast(owner, voteId, ['yes'])).status).toBe(201);

    expect((await t.call('POST', '/api/auth/logout', { cookie: owner, json: {} })).status).toBeLessThan(300);
    expect((await cast(owner, voteId, ['no'])).status).toBe(401);
  });
});

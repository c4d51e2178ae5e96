/**
 * Ballots under concurrency, against real server processes on one real database (a SQLite file, or
 * a PostgreSQL database with YISHI_TEST_PG):
 * - many simultaneous ballots for the same unit, through two server processes sharing it →
 *   exactly one ballot row (the unique index), every accepted replacement in the history;
 * - ballots racing the closing time → each either accepted (and then in the published receipts
 *   list) or refused with `vote_closed`; none lost after being accepted.
 */
import { hash } from '@node-rs/argon2';
import { voteEndpoints } from '@yishi/core';
import { openDatabase } from '@yishi/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, readAllPages, spawnServer, type ChildServer } from '../support/child-server.js';
import { newSeededTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let a: ChildServer;
let b: ChildServer;
let db: ReturnType<typeof openDatabase>;
let compoundId: string;

beforeAll(async () => {
  database = await newSeededTestDatabase();
  a = await spawnServer({ dbPath: database.url });
  b = await spawnServer({ dbPath: database.url, seedDemo: false });
  db = openDatabase(database.url);
  compoundId = (await db.db.selectFrom('compounds').select('id').where('code', '=', 'DSCT').executeTakeFirstOrThrow()).id;
}, 120_000);

afterAll(async () => {
  await a?.kill();
  await b?.kill();
  await db?.destroy();
  await database?.drop();
});

async function createOpenVote(staff: ApiClient, closesAt: Date, title: string): Promise<string> {
  const { id } = await staff.ok(voteEndpoints.create, {
    params: { compoundId },
    body: {
      title,
      kind: 'yes_no',
      rule: { kind: 'custom', basis: 'area_and_heads', participation: { num: 2, den: 3 }, approval: { num: 1, den: 2 }, approvalComparison: 'more_than' },
      closesAt: closesAt.toISOString(),
    },
  });
  await staff.ok(voteEndpoints.open, { params: { voteId: id } });
  return id;
}

/** Accounts for `n` single-unit owners of 都市春天 who have none yet (password yishi2026). */
async function ownerAccounts(n: number): Promise<Array<{ username: string; unitId: string }>> {
  const rows = await db.db
    .selectFrom('ownerships')
    .innerJoin('units', 'units.id', 'ownerships.unit_id')
    .leftJoin('users', 'users.person_id', 'ownerships.person_id')
    .select(['ownerships.person_id as personId', 'ownerships.unit_id as unitId'])
    .where('units.compound_id', '=', compoundId)
    .where('users.id', 'is', null)
    .orderBy('ownerships.unit_id')
    .execute();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.personId, (counts.get(r.personId) ?? 0) + 1);
  const single = rows.filter((r) => counts.get(r.personId) === 1).slice(0, n);
  const passwordHash = await hash('yishi2026');
  const now = new Date().toISOString();
  await db.db
    .insertInto('users')
    .values(
      single.map((r, i) => ({
        id: `race-user-${i}`,
        person_id: r.personId,
        username: `race${i}`,
        phone: null,
        display_name: `业主${i}`,
        password_hash: passwordHash,
        locale: 'zh-CN',
        disabled: 0,
        created_at: now,
      })),
    )
    .execute();
  return single.map((r, i) => ({ username: `race${i}`, unitId: r.unitId }));
}

describe('ballots under concurrency', () => {
  it('40 simultaneous ballots for one unit through two server processes: one row counted, every change kept, a repeat of the counted choice answered with its receipt', async () => {
    const staff = await new ApiClient(a.url).login('zhanzhang');
    const voteId = await createOpenVote(staff, new Date(Date.now() + 3_600_000), '并发：同一套房屋');
    const unit = (
      await db.db
        .selectFrom('units')
        .innerJoin('buildings', 'buildings.id', 'units.building_id')
        .select('units.id')
        .where('units.compound_id', '=', compoundId)
        .where('buildings.name', '=', '1')
        .where('units.entrance', '=', '1')
        .where('units.room', '=', '301')
        .executeTakeFirstOrThrow()
    ).id;
    const viaA = await new ApiClient(a.url).login('yezhu');
    const viaB = new ApiClient(b.url);
    viaB.cookie = viaA.cookie; // sessions live in the shared database
    const bodies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? viaA : viaB).ok(voteEndpoints.castBallot, { params: { voteId }, body: { unitId: unit, choices: [i % 3 === 0 ? 'no' : 'yes'] } }),
      ),
    );
    // One first ballot: the answers that replaced nothing are it, or repeats of it (the same choice sent again
    // while it was counted), all with its receipt.
    expect(new Set(bodies.filter((body) => !body.replaced).map((body) => body.receiptCode)).size).toBe(1);

    const ballots = await db.db.selectFrom('ballots').selectAll().where('vote_id', '=', voteId).execute();
    expect(ballots).toHaveLength(1);
    const history = await db.db.selectFrom('ballot_history').select('receipt_code').where('vote_id', '=', voteId).execute();
    // Each ballot written is counted or kept: as many receipts given as rows, the 40 answers less the repeats.
    expect(new Set(bodies.map((body) => body.receiptCode)).size).toBe(history.length + 1);
    expect(history.length).toBeGreaterThan(0);
    // Every accepted receipt is either the counted ballot or a kept replacement: nothing vanished.
    const known = new Set([ballots[0]!.receipt_code, ...history.map((h) => h.receipt_code)]);
    expect(bodies.every((body) => known.has(body.receiptCode))).toBe(true);

    // And the database itself refuses a second row for the unit, whatever the code does.
    await expect(
      db.db
        .insertInto('ballots')
        .values({
          id: 'dup',
          vote_id: voteId,
          unit_id: unit,
          choices_json: '["yes"]',
          channel: 'paper',
          receipt_code: 'DUP-DUP-DUP1',
          version: 1,
          cast_at: new Date().toISOString(),
          slip_number: '',
        })
        .execute(),
    ).rejects.toThrow(
      db.dialect === 'postgres'
        ? /duplicate key value violates unique constraint "ballots_vote_unit_unique"/
        : /UNIQUE constraint failed: ballots.vote_id, ballots.unit_id/,
    );
  });

  it('ballots racing the closing time: each accepted or refused with vote_closed, every accepted one published', async () => {
    const voters = await ownerAccounts(30);
    const clients = await Promise.all(voters.map((v, i) => new ApiClient(i % 2 ? a.url : b.url).login(v.username)));
    const staff = await new ApiClient(a.url).login('zhanzhang');
    const closesAt = new Date(Date.now() + 4_000);
    const voteId = await createOpenVote(staff, closesAt, '并发：截止时刻');

    // Fire one ballot per owner spread from 1.2 s before to 0.4 s after the closing time (wide
    // enough that a busy machine still lands some before and some after).
    const results = await Promise.all(
      clients.map(async (client, i) => {
        const at = closesAt.getTime() - 1_200 + (1_600 * i) / (clients.length - 1);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
        return client.api(voteEndpoints.castBallot, { params: { voteId }, body: { choices: ['yes'] } });
      }),
    );
    const accepted = results.flatMap((r) => (r.ok ? [r.data.receiptCode] : []));
    const refused = results.filter((r) => !r.ok);
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.error?.code).toBe('vote_closed');
      expect(r.error?.message).toMatch(/截止/);
    }

    // The published list (read through the other process) holds exactly the accepted ballots.
    const reader = new ApiClient(b.url);
    const published = await readAllPages((after) => reader.ok(voteEndpoints.receipts, { params: { voteId }, query: { after, limit: 200 } }));
    expect(published.map((r) => r.receiptCode).sort()).toEqual([...accepted].sort());
    const vote = await staff.ok(voteEndpoints.get, { params: { voteId } });
    expect(vote.result?.participation.ballots).toBe(accepted.length);
    expect(vote.vote.closedAt).toBe(closesAt.toISOString());
  });
});

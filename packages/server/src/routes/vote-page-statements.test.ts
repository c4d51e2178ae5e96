/**
 * The voting page's API (GET /votes/:id as an owner) in a fixed number of statements (issue 18): the
 * caller's units on the roll and their ballots come in one read however many units they own, and the
 * turnout from the kept index of the roll — an owner of two flats runs the statements of an owner of
 * one, and a view runs no more after 300 more flats join the compound's roll.
 */
import { voteEndpoints } from '@yishi/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { bigRoster } from '../testing/big-roster.js';
import { statementLog } from '../testing/statement-log.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

const VIEW_STATEMENTS = 6;

let t: TestApp;
const now = new Date('2026-11-21T02:00:00Z');
const { log, counted } = statementLog();
beforeEach(async () => {
  t = await createTestApp({ clock: () => now, log });
});
afterEach(() => t.close());

async function openVote(staff: string, compoundId: string): Promise<string> {
  const closesAt = new Date(now.getTime() + 3 * 86_400_000).toISOString();
  const body = { title: '是否同意加装电动车充电桩', kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt } as const;
  const { id } = await t.ok(voteEndpoints.create, { cookie: staff, params: { compoundId }, body });
  await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId: id } });
  return id;
}

/** The statements of one view, after a first view (the turnout's index of the roll and the vote's place read once per vote). */
async function view(voteId: string, cookie: string) {
  await t.ok(voteEndpoints.get, { cookie, params: { voteId } });
  const { answer, statements } = await counted(() => t.ok(voteEndpoints.get, { cookie, params: { voteId } }));
  // Sorted: on PostgreSQL the view's independent reads run side by side and finish in any order.
  return { answer, statements: statements.sort() };
}

it(`a view as an owner runs ${VIEW_STATEMENTS} statements, for one flat or two, on a roll of 120 or 420`, async () => {
  const staff = await t.login('zhanzhang');
  const dsct = await t.compoundId('DSCT');
  const small = await openVote(staff, dsct);
  // 王建国 owns two flats (1-1-301 and 2-2-502), 刘洋 one.
  const two = await view(small, await t.login('yezhu'));
  const one = await view(small, await t.login('yezhu2'));
  expect(two.answer.mine.map((m) => m.label).sort()).toEqual(['1栋1单元301', '2栋2单元502']);
  expect(one.answer.mine).toHaveLength(1);
  expect(two.statements).toEqual(one.statements);
  expect(two.statements).toHaveLength(VIEW_STATEMENTS);

  // A ballot of one of his flats: that flat voted with its receipt, the other not.
  const cast = await t.ok(voteEndpoints.castBallot, {
    cookie: await t.login('yezhu'),
    params: { voteId: small },
    body: { unitId: two.answer.mine[0]!.voterKey, choices: ['yes'] },
  });
  const after = await view(small, await t.login('yezhu'));
  expect(after.answer.mine.find((m) => m.voterKey === cast.voterKey)).toMatchObject({ voted: true, receiptCode: cast.receiptCode, channel: 'online' });
  expect(after.answer.mine.find((m) => m.voterKey !== cast.voterKey)).toMatchObject({ voted: false, receiptCode: null, channel: null });

  const imported = await t.call('POST', `/api/compounds/${dsct}/roster`, { cookie: staff, headers: { 'content-type': 'text/csv' }, body: bigRoster(300) });
  expect(imported.status).toBe(200);
  const big = await openVote(staff, dsct);
  const bigView = await view(big, await t.login('yezhu'));
  expect(bigView.answer.turnout!.electorate.voters).toBe(two.answer.turnout!.electorate.voters + 300);
  expect(bigView.statements).toEqual(two.statements);
});

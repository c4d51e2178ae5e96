import { openBallotEndpoints, recountOpenBallot, voteEndpoints, type OpenBallotBallots, type OpenBallotRoll } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../services/ledger.service.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let dsct: string;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-21T02:00:00Z');
  t = await createTestApp({ clock: () => now });
  dsct = await t.compoundId('DSCT');
});
afterEach(() => t.close());

async function files(voteId: string): Promise<{ roll: OpenBallotRoll; ballots: OpenBallotBallots }> {
  return {
    roll: await t.ok(openBallotEndpoints.roll, { params: { voteId } }),
    ballots: await t.ok(openBallotEndpoints.ballots, { params: { voteId } }),
  };
}

async function seededVote(title: string): Promise<string> {
  const { items: votes } = await t.ok(voteEndpoints.publicResults, { params: { compoundId: dsct }, query: { limit: 200 } });
  return votes.find((v) => v.title === title)!.id;
}

/** A named vote decided by area and heads, cast by four owners (one of them for two units, one changing their ballot), closed. */
async function namedVote(): Promise<string> {
  const staff = await t.login('zhanzhang');
  const { id: voteId } = await t.ok(voteEndpoints.create, {
    cookie: staff,
    params: { compoundId: dsct },
    body: {
      title: '是否同意增设儿童游乐设施',
      kind: 'yes_no',
      secret: false,
      rule: { kind: 'custom', basis: 'area_and_heads', participation: null, approval: { num: 1, den: 2 }, approvalComparison: 'more_than' },
      closesAt: new Date(now.getTime() + 86_400_000).toISOString(),
    },
  });
  await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId } });
  const castAs = async (login: string, choices: string[]) => {
    const cookie = await t.login(login);
    const vote = await t.ok(voteEndpoints.get, { cookie, params: { voteId } });
    const unitIds = vote.mine.map((m) => m.voterKey);
    return t.ok(voteEndpoints.castBallots, { cookie, params: { voteId }, body: { unitIds, choices } });
  };
  await castAs('yezhu', ['yes']);
  await castAs('yezhu2', ['yes']);
  await castAs('yezhu2', ['no']);
  await castAs('loudong', ['no']);
  await castAs('yeweihui', ['abstain']);
  await t.ok(voteEndpoints.close, { cookie: staff, params: { voteId } });
  return voteId;
}

describe('the published files of a closed vote', () => {
  it('a named vote: the roll and the ballots recount to the published result, weight by weight; one changed choice is caught', async () => {
    const voteId = await namedVote();
    const { roll, ballots } = await files(voteId);
    const published = roll.header.result;
    // The roll adds up to the header's electorate and to the published participation.
    expect(roll.roll.length).toBe(published.electorate.voters);
    expect(roll.roll.reduce((s, r) => s + r.areaCenti, 0)).toBe(published.electorate.areaCenti);
    const took = roll.roll.filter((r) => r.tookPart);
    expect(took.map((r) => r.unit).sort()).toEqual(['1-1-101', '1-1-301', '1-2-602', '2-1-801', '2-2-502'].map((u) => expect.stringContaining(u.slice(-3))));
    expect(took.every((r) => r.channel === 'online')).toBe(true);
    expect(took.reduce((s, r) => s + r.areaCenti, 0)).toBe(published.participation.areaCenti);
    // 王建国's two flats share one head group; the developer's six units share one.
    expect(new Set(roll.roll.map((r) => r.headGroup)).size).toBe(roll.header.electorate.heads);
    expect(roll.header.electorate.heads).toBe(published.electorate.heads);
    expect(new Set(roll.roll.filter((r) => r.developerHeld).map((r) => r.headGroup)).size).toBe(1);
    // Ballots: one per unit, each at its position in the log; the replaced ballot stays in the log.
    expect(ballots.ballots.length).toBe(5);
    expect(ballots.log.map((e) => e.kind)).toEqual(['cast', 'cast', 'cast', 'replaced', 'cast', 'cast']);
    const byPosition = new Map(ballots.log.map((e) => [e.position, e]));
    for (const b of ballots.ballots) expect(byPosition.get(b.logPosition!)?.receiptCode).toBe(b.receiptCode);
    expect(ballots.logHead.position).toBe(6);
    const yesArea = ballots.ballots.filter((b) => b.choices.includes('yes')).reduce((s, b) => s + b.areaCenti!, 0);
    expect(yesArea).toBe(published.options.find((o) => o.id === 'yes')!.areaCenti);

    const outcome = recountOpenBallot(roll, ballots, sha256Hex);
    expect(outcome.checks.filter((c) => !c.ok)).toEqual([]);
    expect(outcome).toMatchObject({ matches: true, complete: true });
    expect(outcome.recomputed!.passed).toBe(published.passed);

    // One choice changed in the ballots file no longer matches the log.
    const tampered = structuredClone(ballots);
    const b0 = tampered.ballots[0]!;
    b0.choices = b0.choices.includes('yes') ? ['no'] : ['yes'];
    expect(recountOpenBallot(roll, tampered, sha256Hex).matches).toBe(false);
    // Changed in the log too: the chain breaks.
    const entry = tampered.log.find((e) => e.receiptCode === b0.receiptCode)!;
    entry.choices = b0.choices;
    const broken = recountOpenBallot(roll, tampered, sha256Hex);
    expect(broken.matches).toBe(false);
    expect(broken.checks.find((c) => !c.ok)!.text.en).toMatch(/hash chain breaks/);
  });

  it('a secret vote (the seeded lift vote) publishes no weights and no per-unit channel; everything else recounts', async () => {
    const voteId = await seededVote('使用专项维修资金更换2栋电梯');
    const { roll, ballots } = await files(voteId);
    expect(roll.header.secret).toBe(true);
    expect(roll.roll.every((r) => r.channel === null)).toBe(true);
    expect(roll.channels.online + roll.channels.paper + roll.channels.proxy).toBe(roll.header.result.participation.ballots);
    expect(ballots).toMatchObject({ weightsPublished: false, choicesPublished: true });
    expect(ballots.ballots.every((b) => b.areaCenti === null && b.headGroup === null)).toBe(true);
    const outcome = recountOpenBallot(roll, ballots, sha256Hex);
    expect(outcome.checks.filter((c) => !c.ok)).toEqual([]);
    expect(outcome).toMatchObject({ matches: true, complete: false });
  });

  it('CSV files for a spreadsheet', async () => {
    const voteId = await seededVote('使用专项维修资金更换2栋电梯');
    const res = await t.app.request(`/api/public/votes/${voteId}/open-ballot/ballots.csv`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('回执码,选择,计入面积（平方米）,人数分组,日志位置');
    const rollCsv = await (await t.app.request(`/api/public/votes/${voteId}/open-ballot/roll.csv`)).text();
    expect(rollCsv).toContain('房屋,计入面积（平方米）,人数分组,开发商持有,是否参与,方式');
  });

  it('are never published before closing, and a secret vote publishes no weights nor per-unit channels', async () => {
    const staff = await t.login('zhanzhang');
    const created = await t.ok(voteEndpoints.create, {
      cookie: staff,
      params: { compoundId: dsct },
      body: { title: '是否同意更换门禁', kind: 'yes_no', rule: { kind: 'simple_majority' }, closesAt: new Date(now.getTime() + 86_400_000).toISOString() },
    });
    const voteId = created.id;
    for (const endpoint of [openBallotEndpoints.roll, openBallotEndpoints.ballots]) {
      const draft = await t.api(endpoint, { params: { voteId } });
      expect(draft.status).toBe(404);
    }
    await t.ok(voteEndpoints.open, { cookie: staff, params: { voteId } });
    const owner = await t.login('yezhu');
    const vote = await t.ok(voteEndpoints.get, { cookie: owner, params: { voteId } });
    const receipt = await t.api(voteEndpoints.castBallot, { cookie: owner, params: { voteId }, body: { choices: ['yes'], unitId: vote.mine[0]!.voterKey } });
    expect(receipt.status).toBe(201);
    for (const endpoint of [openBallotEndpoints.roll, openBallotEndpoints.ballots]) {
      const open = await t.api(endpoint, { params: { voteId } });
      expect(open.status).toBe(403);
      expect(open.error?.code).toBe('vote_results_hidden');
    }
    expect((await t.app.request(`/api/public/votes/${voteId}/open-ballot/ballots.csv`)).status).toBe(403);

    expect((await t.api(voteEndpoints.close, { cookie: staff, params: { voteId } })).status).toBe(200);
    const { roll, ballots } = await files(voteId);
    expect(roll.header.secret).toBe(true);
    expect(roll.channelsPublished).toBe(false);
    expect(roll.roll.every((r) => r.channel === null)).toBe(true);
    expect(roll.channels.online).toBe(1);
    expect(ballots.weightsPublished).toBe(false);
    // One voter (< 10) in a secret vote: no choices anywhere, neither in the ballots nor in the log.
    expect(ballots.choicesPublished).toBe(false);
    expect(ballots.ballots).toEqual([
      { receiptCode: receipt.data!.receiptCode, choices: [], areaCenti: null, headGroup: null, logPosition: receipt.data!.logPosition },
    ]);
    expect(ballots.log.every((e) => e.choices === null)).toBe(true);
    const outcome = recountOpenBallot(roll, ballots, sha256Hex);
    expect(outcome.checks.filter((c) => !c.ok)).toEqual([]);
    expect(outcome).toMatchObject({ matches: true, complete: false });
  });
});

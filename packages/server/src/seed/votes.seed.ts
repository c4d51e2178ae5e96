/**
 * Demo votes and proposals in 都市春天: three closed votes with realistic turnout (an art. 278
 * matter-5 vote that passes, a matter-6 vote that fails the 3/4 approval, and the election of 1栋's
 * building head), one open vote the demo owner 王建国 (yezhu) can vote in, one in its 询异 window and
 * one in its notice period (the owners'-assembly timeline, services/vote-timeline.service.ts), and two
 * proposals, one of them qualified. Ballots are entered through the same code paths as real ones, at
 * past times.
 */
import { followsStatutoryTimeline, type CreateVoteInput } from '@yishi/core';
import { listBuildingsWithCounts, listCompounds } from '../db/repositories/places.repository.js';
import type { Db } from '../db/repositories/places.repository.js';
import * as repo from '../db/repositories/votes.repository.js';
import type { Deps } from '../deps.js';
import { secondProposal, setSecondingThreshold, submitProposal } from '../services/proposals.service.js';
import { enterDemoPaperBallot } from './paper-ballots.seed.js';
import { closeVote, createVote, openVote } from '../services/votes.service.js';
import { announceVote, finaliseVote } from '../services/vote-timeline.service.js';
import { readWholeRoll } from '../services/whole-roll.js';
import { demoActor } from './demo-actors.js';

const DAY = 86_400_000;

/** A fixed pseudo-random sequence, so the demo is the same on every machine. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * Fills a vote with ballots: `turnout` of the roll votes, each choosing by `pick`. The demo's owners
 * have no accounts, so their ballots are paper slips the station deputy enters with a photo and the
 * station chief confirms, as on a real collection day (the same services the paper-ballot panel
 * calls, at the vote's own time).
 */
/**
 * The roll in the text order of its labels (1001 before 101), the order the demo's ballots have been
 * drawn in since it was written: the roll is in number order now, and drawing in it would change
 * which demo flats have voted, which tests name.
 */
async function rollInLabelText(db: Db, voteId: string) {
  return (await readWholeRoll(db, voteId)).sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.voter_key < b.voter_key ? -1 : 1));
}

async function castDemoBallots(deps: Deps, voteId: string, at: Date, turnout: number, pick: (r: number) => string[], seed: number) {
  const random = sequence(seed);
  const clerk = await demoActor(deps, 'fuzhan');
  const reviewer = await demoActor(deps, 'zhanzhang');
  const atThatTime: Deps = { ...deps, clock: () => at };
  let n = 0;
  for (const entry of await rollInLabelText(deps.db, voteId)) {
    if (random() >= turnout) continue;
    n += 1;
    const voter = entry.unit_id ? { unitId: entry.unit_id } : { personId: entry.person_id! };
    await enterDemoPaperBallot(atThatTime, clerk, reviewer, voteId, {
      ...voter,
      choices: pick(random()),
      slipNumber: `P-${String(seed).padStart(2, '0')}${String(n).padStart(3, '0')}`,
    });
  }
}

/**
 * A vote that opened `daysAgo` days ago, was filled by `fill` a day later, and closed on time a week
 * after opening. An owners'-assembly vote (art. 278) was announced 15 days before it opened and, once
 * its 询异 window had passed, finalised; one still inside the window keeps its preliminary result.
 */
async function pastVote(
  deps: Deps,
  compoundId: string,
  daysAgo: number,
  input: Omit<CreateVoteInput, 'opensAt' | 'closesAt'>,
  fill: (voteId: string, at: Date) => Promise<void>,
) {
  const opened = new Date(deps.clock().getTime() - daysAgo * DAY);
  const closes = new Date(opened.getTime() + 7 * DAY);
  const statutory = followsStatutoryTimeline(input.rule, input.electorateKind);
  let now = statutory ? new Date(opened.getTime() - 15 * DAY) : opened;
  const past: Deps = { ...deps, clock: () => now };
  const staff = await demoActor(deps, 'zhanzhang');
  const { id } = await createVote(past, staff, compoundId, { ...input, opensAt: null, closesAt: closes.toISOString() });
  if (statutory) await announceVote(past, id, staff);
  now = opened;
  await openVote(past, id);
  await fill(id, new Date(opened.getTime() + DAY));
  now = closes;
  await closeVote(past, id, null);
  const objectionEndsAt = (await repo.findVote(deps.db, id))?.objection_ends_at;
  if (objectionEndsAt && Date.parse(objectionEndsAt) <= deps.clock().getTime()) {
    now = new Date(objectionEndsAt);
    await finaliseVote(past, id, staff);
  }
}

export async function seedVotes(deps: Deps): Promise<void> {
  const { db } = deps;
  const compound = (await listCompounds(db)).find((c) => c.code === 'DSCT');
  if (!compound) return;
  const compoundId = compound.id;
  const building1 = (await listBuildingsWithCounts(db, compoundId)).find((b) => b.name === '1');
  if (!building1) throw new Error('demo building 1 missing');
  const base = {
    description: '',
    electorateKind: 'owners' as const,
    buildingId: null,
    options: [] as string[],
    maxChoices: 1,
    secret: true,
    sourceKind: 'direct' as const,
    sourceId: null,
  };

  // Matter 5: using the maintenance fund to replace the lifts of 2栋 — 78% turn out, about 80% yes: passes.
  await pastVote(
    deps,
    compoundId,
    40,
    {
      ...base,
      title: '使用专项维修资金更换2栋电梯',
      description: '更换2栋两部电梯，预算 68 万元，从专项维修资金列支。',
      kind: 'yes_no',
      rule: { kind: 'art278', matter: 5 },
    },
    (id, at) => castDemoBallots(deps, id, at, 0.8, (r) => [r < 0.8 ? 'yes' : r < 0.93 ? 'no' : 'abstain'], 11),
  );
  // Matter 6: raising the fund again — good turnout but about 64% yes, short of the 3/4 needed: fails.
  await pastVote(
    deps,
    compoundId,
    25,
    { ...base, title: '续筹专项维修资金（每平方米 20 元）', kind: 'yes_no', rule: { kind: 'art278', matter: 6 } },
    (id, at) => castDemoBallots(deps, id, at, 0.82, (r) => [r < 0.64 ? 'yes' : r < 0.92 ? 'no' : 'abstain'], 23),
  );
  // 1栋 elects its building head: only 1栋's 40 units vote.
  await pastVote(
    deps,
    compoundId,
    15,
    {
      ...base,
      title: '1栋楼栋长选举',
      kind: 'election',
      buildingId: building1.id,
      options: ['何秀英', '张建华'],
      maxChoices: 1,
      rule: { kind: 'simple_majority' },
    },
    (id, at) => castDemoBallots(deps, id, at, 0.7, (r) => [r < 0.7 ? 'o1' : 'o2'], 37),
  );

  // In its 询异 window: closed two days ago, its preliminary result published, disputes possible for five more days.
  // (1栋's owners — the demo owner's building — decide on their lift: a building's vote, so the demo seeds quickly.)
  await pastVote(
    deps,
    compoundId,
    9,
    {
      ...base,
      title: '1栋加装电梯',
      description: '加装一部电梯，费用由本栋业主按楼层分摊，不使用专项维修资金。',
      kind: 'yes_no',
      buildingId: building1.id,
      rule: { kind: 'art278', matter: 9 },
    },
    (id, at) => castDemoBallots(deps, id, at, 0.78, (r) => [r < 0.85 ? 'yes' : r < 0.95 ? 'no' : 'abstain'], 61),
  );

  // Open now, closing in a week (announced 15 days ago): the demo owner can vote; some neighbours already have.
  const staff = await demoActor(deps, 'zhanzhang');
  const announcedAgo: Deps = { ...deps, clock: () => new Date(deps.clock().getTime() - 15 * DAY) };
  const { id: openId } = await createVote(announcedAgo, staff, compoundId, {
    ...base,
    title: '利用小区共有场地建设电动自行车充电棚',
    description: '在3栋北侧共有绿地边建设充电棚（约 60 个车位），由物业委托运营，收益归全体业主。',
    kind: 'yes_no',
    rule: { kind: 'art278', matter: 8 },
    opensAt: null,
    closesAt: new Date(deps.clock().getTime() + 7 * DAY).toISOString(),
  });
  await announceVote(announcedAgo, openId, staff);
  await openVote(deps, openId);

  // In its notice period: announced two days ago, the roll published for checking, voting opens in 13 days.
  const twoDaysAgo: Deps = { ...deps, clock: () => new Date(deps.clock().getTime() - 2 * DAY) };
  const { id: noticeId } = await createVote(twoDaysAgo, staff, compoundId, {
    ...base,
    title: '续聘物业服务企业（2027—2029 年）',
    description: '续聘现物业服务企业三年，物业费标准不变（每月每平方米 1.8 元）。',
    kind: 'yes_no',
    rule: { kind: 'art278', matter: 4 },
    opensAt: null,
    closesAt: new Date(deps.clock().getTime() + 27 * DAY).toISOString(),
  });
  await announceVote(twoDaysAgo, noticeId, staff);
  const yezhu = await demoActor(deps, 'yezhu');
  const mine = new Set(yezhu.ownedUnits.map((u) => u.unitId));
  const random = sequence(51);
  const clerk = await demoActor(deps, 'fuzhan');
  let slip = 0;
  const collected = (await rollInLabelText(db, openId)).filter((entry) => !mine.has(entry.voter_key) && random() <= 0.3);
  for (const [i, entry] of collected.entries()) {
    slip += 1;
    // The last two slips of the day wait for the station chief's review (待复核).
    await enterDemoPaperBallot(deps, clerk, i >= collected.length - 2 ? null : staff, openId, {
      unitId: entry.unit_id!,
      choices: [random() < 0.75 ? 'yes' : 'no'],
      slipNumber: `K-${String(slip).padStart(3, '0')}`,
    });
  }

  // Proposals: this compound qualifies a proposal at 4 seconding households.
  await setSecondingThreshold(deps, staff, compoundId, { kind: 'count', units: 4 });
  const yezhu2 = await demoActor(deps, 'yezhu2');
  const { id: charging } = await submitProposal(deps, yezhu2, compoundId, {
    title: '增设电动自行车充电设施',
    body: '楼道里给电动车充电很危险，建议在小区内集中建设充电棚，杜绝“飞线充电”。',
    buildingId: null,
  });
  for (const who of ['yezhu', 'loudong', 'yeweihui', 'jumin']) await secondProposal(deps, await demoActor(deps, who), charging, undefined);
  const { id: lockers } = await submitProposal(deps, yezhu, compoundId, {
    title: '东门增设快递柜',
    body: '东门附近没有快递柜，老人取件要走到北门，建议在东门保安亭旁增设一组快递柜。',
    buildingId: null,
  });
  await secondProposal(deps, await demoActor(deps, 'loudong'), lockers, undefined);
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ElectorateEntry } from './heads.js';
import { describeCheck, tallyVote, type TallyCheck } from './tally.js';
import { art, check, units, vote, yesNo } from './tally.testing.js';
import type { VoteRule } from './rules.js';

describe('art. 278 participation: at least 2/3 of area and of heads', () => {
  // 30 units of 100.00 m²: 2/3 is exactly 20 units and 2000.00 m².
  const electorate = units(30, 10_000);

  it('exactly 2/3 of area and heads takes part → participation met (以上 includes the threshold)', () => {
    const ballots = electorate.slice(0, 20).map((u) => vote(u.voterKey, 'yes'));
    const r = yesNo(art(5), electorate, ballots);
    expect(check(r, 'participation_area').ok).toBe(true);
    expect(check(r, 'participation_heads').ok).toBe(true);
    expect(check(r, 'participation_area').text['zh-CN']).toBe('参与表决面积占比 66.67% ≥ 2/3 ✓（2000.00 / 3000.00 平方米）');
    expect(r.passed).toBe(true);
  });

  it('one head below 2/3 → fails, and says so in words', () => {
    const ballots = electorate.slice(0, 19).map((u) => vote(u.voterKey, 'yes'));
    const r = yesNo(art(5), electorate, ballots);
    expect(check(r, 'participation_heads').ok).toBe(false);
    expect(check(r, 'participation_heads').text['zh-CN']).toBe('参与表决人数占比 63.33% < 2/3 ✗（19 / 30 人）');
    expect(r.passed).toBe(false);
    expect(r.summary['zh-CN']).toContain('未通过');
  });

  it('one hundredth of a m² below 2/3 of the area → fails even with 2/3 of the heads', () => {
    // 3 units: areas 100.00, 100.00, 100.01 → total 300.01; 2/3 = 200.0066…; the two smallest = 200.00.
    const e: ElectorateEntry[] = [
      { voterKey: 'a', ownerPersonIds: ['pa'], areaCenti: 10_000, developerHeld: false },
      { voterKey: 'b', ownerPersonIds: ['pb'], areaCenti: 10_000, developerHeld: false },
      { voterKey: 'c', ownerPersonIds: ['pc'], areaCenti: 10_001, developerHeld: false },
    ];
    const low = yesNo(art(5), e, [vote('a', 'yes'), vote('b', 'yes')]);
    expect(check(low, 'participation_heads').ok).toBe(true);
    expect(check(low, 'participation_area').ok).toBe(false);
    // 66.6644…%: the figure never reads as if it met the 2/3.
    expect(check(low, 'participation_area').text['zh-CN']).toMatch(/^参与表决面积占比 66\.66% < 2\/3 ✗/);
    const high = yesNo(art(5), e, [vote('a', 'yes'), vote('c', 'yes')]);
    expect(check(high, 'participation_area').ok).toBe(true);
  });

  it('exact 2/3 in area with areas whose floats would not add up exactly', () => {
    // 0.1 + 0.2 style areas: 3 units of 33.33, 33.33, 33.34 m² → total 100.00.
    const e: ElectorateEntry[] = [
      { voterKey: 'a', ownerPersonIds: ['pa'], areaCenti: 3333, developerHeld: false },
      { voterKey: 'b', ownerPersonIds: ['pb'], areaCenti: 3333, developerHeld: false },
      { voterKey: 'c', ownerPersonIds: ['pc'], areaCenti: 3334, developerHeld: false },
    ];
    // 66.66 / 100 < 2/3 by 0.0066…; 66.67 / 100 ≥ 2/3.
    expect(check(yesNo(art(1), e, [vote('a', 'yes'), vote('b', 'yes')]), 'participation_area').ok).toBe(false);
    expect(check(yesNo(art(1), e, [vote('a', 'yes'), vote('c', 'yes')]), 'participation_area').ok).toBe(true);
  });
});

describe('the words of a check', () => {
  it('5 of 7 heads reads 71.43% with 5 / 7 beside it, never 71.5%', () => {
    const electorate = units(7, 10_000);
    const r = yesNo(
      art(5),
      electorate,
      electorate.slice(0, 5).map((u) => vote(u.voterKey, 'yes')),
    );
    expect(check(r, 'participation_heads').text['zh-CN']).toBe('参与表决人数占比 71.43% ≥ 2/3 ✓（5 / 7 人）');
    expect(check(r, 'participation_heads').text.en).toBe('Participating headcount 71.43% ≥ 2/3 ✓ (5 / 7 heads)');
  });

  it('are told again from the frozen figures (a result stored with older words reads as today)', () => {
    const electorate = units(7, 10_000);
    const r = yesNo(
      art(5),
      electorate,
      electorate.slice(0, 5).map((u) => vote(u.voterKey, 'yes')),
    );
    for (const c of r.checks) {
      const stored: TallyCheck = { ...c, text: { 'zh-CN': '71.5%', en: '71.5%' } };
      expect(describeCheck(stored, null)).toEqual(c.text);
    }
    const election = tallyVote({
      kind: 'election',
      electorateKind: 'owners',
      rule: { kind: 'simple_majority' },
      options: [
        { id: 'o1', label: '何秀英' },
        { id: 'o2', label: '张建华' },
      ],
      seats: 1,
      electorate: units(28, 10_000),
      ballots: units(28, 10_000).map((u, i) => vote(u.voterKey, i < 16 ? 'o1' : 'o2')),
    });
    const first = election.checks.find((c) => c.optionId === 'o1')!;
    expect(first.text['zh-CN']).toBe('“何秀英”赞成票占投票总数 57.14% > 1/2 ✓（16 / 28 票）');
    expect(describeCheck(first, '何秀英')).toEqual(first.text);
  });
});

describe('art. 278 approval', () => {
  // 12 equal units, all take part.
  const electorate = units(12, 9_000);
  const withYes = (yes: number, rule: VoteRule) =>
    yesNo(
      rule,
      electorate,
      electorate.map((u, i) => vote(u.voterKey, i < yes ? 'yes' : 'no')),
    );

  it('matters 6–8 need at least 3/4: exactly 3/4 passes, one head below fails', () => {
    for (const matter of [6, 7, 8] as const) {
      expect(withYes(9, art(matter)).passed).toBe(true);
      const below = withYes(8, art(matter));
      expect(below.passed).toBe(false);
      expect(check(below, 'approval_heads').text['zh-CN']).toBe('同意人数占参与表决人数 66.67% < 3/4 ✗（8 / 12 人）');
    }
  });

  it('other matters need MORE than half: exactly half fails, one more passes', () => {
    for (const matter of [1, 2, 3, 4, 5, 9] as const) {
      const half = withYes(6, art(matter));
      expect(half.passed).toBe(false);
      expect(check(half, 'approval_area').text['zh-CN']).toBe('同意面积占参与表决面积 50.00% ≤ 1/2 ✗（540.00 / 1080.00 平方米）');
      expect(withYes(7, art(matter)).passed).toBe(true);
    }
  });

  it('abstentions count as taking part but not as approval', () => {
    // 7 yes, 5 abstain of 12: 7/12 > 1/2 → passes; with 6 yes 6 abstain → fails.
    const ballots = electorate.map((u, i) => vote(u.voterKey, i < 7 ? 'yes' : 'abstain'));
    expect(yesNo(art(5), electorate, ballots).passed).toBe(true);
    const ballots6 = electorate.map((u, i) => vote(u.voterKey, i < 6 ? 'yes' : 'abstain'));
    expect(yesNo(art(5), electorate, ballots6).passed).toBe(false);
  });

  it('approval by area one hundredth of a m² short of 3/4 fails though heads are fine', () => {
    // 4 units: 3 yes with area 3·100.00 = 300.00; 1 no with 100.01 → yes share 300.00/400.01 < 3/4.
    const e: ElectorateEntry[] = [...units(3, 10_000), { voterKey: 'big', ownerPersonIds: ['pbig'], areaCenti: 10_001, developerHeld: false }];
    const r = yesNo(art(6), e, [vote('u0', 'yes'), vote('u1', 'yes'), vote('u2', 'yes'), vote('big', 'no')]);
    expect(check(r, 'approval_heads').ok).toBe(true);
    expect(check(r, 'approval_area').ok).toBe(false);
    expect(r.passed).toBe(false);
    // And with the big unit at exactly 100.00 it is exactly 3/4 → passes.
    const e2 = [...units(3, 10_000), { ...e[3]!, areaCenti: 10_000 }];
    expect(yesNo(art(6), e2, [vote('u0', 'yes'), vote('u1', 'yes'), vote('u2', 'yes'), vote('big', 'no')]).passed).toBe(true);
  });

  it('more than half by area: exactly half fails, one hundredth of a m² more passes', () => {
    const e = (cArea: number): ElectorateEntry[] => [
      { voterKey: 'a', ownerPersonIds: ['pa'], areaCenti: 10_000, developerHeld: false },
      { voterKey: 'b', ownerPersonIds: ['pb'], areaCenti: 10_000, developerHeld: false },
      { voterKey: 'c', ownerPersonIds: ['pc'], areaCenti: cArea, developerHeld: false },
    ];
    const ballots = [vote('a', 'yes'), vote('b', 'yes'), vote('c', 'no')];
    const half = yesNo(art(4), e(20_000), ballots);
    expect(check(half, 'approval_heads').ok).toBe(true);
    expect(check(half, 'approval_area').text['zh-CN']).toBe('同意面积占参与表决面积 50.00% ≤ 1/2 ✗（200.00 / 400.00 平方米）');
    expect(half.passed).toBe(false);
    const justOver = yesNo(art(4), e(19_999), ballots);
    expect(check(justOver, 'approval_area').text['zh-CN']).toBe('同意面积占参与表决面积 50.001% > 1/2 ✓（200.00 / 399.99 平方米）');
    expect(justOver.passed).toBe(true);
  });

  it('the participation threshold must be met before any approval counts', () => {
    const ballots = electorate.slice(0, 7).map((u) => vote(u.voterKey, 'yes'));
    const r = yesNo(art(5), electorate, ballots);
    expect(check(r, 'approval_heads').ok).toBe(true);
    expect(r.passed).toBe(false);
    expect(r.summary['zh-CN']).toContain('参与表决未达到');
  });
});

describe('simple majority and custom rules', () => {
  const electorate = units(10, 10_000);
  it('simple majority: more than half of the ballots cast (abstentions included)', () => {
    const cast = (yes: number, other: number, otherChoice = 'no') =>
      yesNo(
        { kind: 'simple_majority' },
        electorate,
        electorate.slice(0, yes + other).map((u, i) => vote(u.voterKey, i < yes ? 'yes' : otherChoice)),
      );
    expect(cast(3, 2).passed).toBe(true);
    expect(cast(2, 2).passed).toBe(false);
    expect(cast(2, 2, 'abstain').passed).toBe(false);
    expect(check(cast(3, 2), 'approval_ballots').text.en).toBe('Approving ballots of ballots cast 60.00% > 1/2 ✓ (3 / 5 ballots)');
  });

  it('custom fraction: at least 3/5 of ballots with at least half turnout', () => {
    const rule: VoteRule = {
      kind: 'custom',
      basis: 'ballots',
      participation: { num: 1, den: 2 },
      approval: { num: 3, den: 5 },
      approvalComparison: 'at_least',
    };
    const r = (yes: number, no: number) =>
      yesNo(
        rule,
        electorate,
        electorate.slice(0, yes + no).map((u, i) => vote(u.voterKey, i < yes ? 'yes' : 'no')),
      );
    expect(r(3, 2).passed).toBe(true); // 3/5 exactly, turnout 5/10 exactly
    expect(r(2, 2).passed).toBe(false); // 2/4 < 3/5
    expect(r(3, 1).passed).toBe(false); // turnout 4/10 < 1/2
  });
});

describe('elections and choices', () => {
  const electorate = units(9, 10_000);
  const candidates = [
    { id: 'a', label: '张三' },
    { id: 'b', label: '李四' },
    { id: 'c', label: '王五' },
  ];
  const elect = (choices: string[][], seats = 1, rule: VoteRule = { kind: 'simple_majority' }) =>
    tallyVote({
      kind: 'election',
      electorateKind: 'owners',
      rule,
      options: candidates,
      seats,
      electorate,
      ballots: choices.map((c, i) => ({ voterKey: `u${i}`, choices: c })),
    });

  it('elects the candidate with more than half of the ballots', () => {
    const r = elect([['a'], ['a'], ['a'], ['b'], ['c']]);
    expect(r.winners).toEqual(['a']);
    expect(r.summary['zh-CN']).toBe('当选：张三');
  });

  it('elects nobody when no one has more than half', () => {
    const r = elect([['a'], ['a'], ['b'], ['b'], ['c']]);
    expect(r.winners).toEqual([]);
    expect(r.passed).toBe(false);
  });

  it('two seats: a tie at the last seat elects neither tied candidate', () => {
    const r = elect(
      [
        ['a', 'b'],
        ['a', 'c'],
        ['a', 'b'],
        ['a', 'c'],
        ['b', 'c'],
      ],
      2,
    );
    expect(r.winners).toEqual(['a']);
    expect(r.tiedAtCutoff.sort()).toEqual(['b', 'c']);
    expect(r.summary['zh-CN']).toContain('票数相同');
  });

  it('art. 278 matter 3 (owners committee): each candidate needs the double majority', () => {
    const r = elect([['a'], ['a'], ['a'], ['a'], ['b'], ['b']], 1, { kind: 'art278', matter: 3 });
    // 6 of 9 take part: exactly 2/3; a has 4/6 > 1/2 of heads and area.
    expect(r.winners).toEqual(['a']);
  });
});

describe('exactness at scale', () => {
  it('agrees with rational arithmetic on random electorates (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ area: fc.integer({ min: 1, max: 99_999_999 }), voted: fc.boolean(), yes: fc.boolean() }), { minLength: 1, maxLength: 60 }),
        (rows) => {
          const e = rows.map((r, i) => ({ voterKey: `u${i}`, ownerPersonIds: [`p${i}`], areaCenti: r.area, developerHeld: false }));
          const ballots = rows.flatMap((r, i) => (r.voted ? [vote(`u${i}`, r.yes ? 'yes' : 'no')] : []));
          const result = yesNo(art(6), e, ballots);
          const total = rows.reduce((s, r) => s + BigInt(r.area), 0n);
          const part = rows.filter((r) => r.voted).reduce((s, r) => s + BigInt(r.area), 0n);
          const yesArea = rows.filter((r) => r.voted && r.yes).reduce((s, r) => s + BigInt(r.area), 0n);
          const heads = BigInt(rows.length);
          const partHeads = BigInt(rows.filter((r) => r.voted).length);
          const yesHeads = BigInt(rows.filter((r) => r.voted && r.yes).length);
          const expected =
            part * 3n >= total * 2n && partHeads * 3n >= heads * 2n && yesArea * 4n >= part * 3n && yesHeads * 4n >= partHeads * 3n && partHeads > 0n;
          return result.passed === expected;
        },
      ),
      { numRuns: 300 },
    );
  });

  // How fast is a benchmark's question (bench/), not a test's: a busy machine must not fail it.
  it('tallies 100,000 units exactly', () => {
    const e = units(100_000, 8_956);
    const ballots = e.slice(0, 70_000).map((u, i) => vote(u.voterKey, i % 4 === 0 ? 'no' : 'yes'));
    const r = yesNo(art(5), e, ballots);
    expect(r.electorate.heads).toBe(100_000);
    expect(r.electorate.areaCenti).toBe(100_000 * 8_956);
    expect(r.passed).toBe(true);
  });
});

describe('custom double threshold and receipt codes', () => {
  it('a custom area-and-heads rule at 3/5 (at least) is exact at the boundary', () => {
    const rule: VoteRule = { kind: 'custom', basis: 'area_and_heads', participation: null, approval: { num: 3, den: 5 }, approvalComparison: 'at_least' };
    const e = units(5, 10_000);
    const cast = (yes: number) =>
      yesNo(
        rule,
        e,
        e.map((u, i) => vote(u.voterKey, i < yes ? 'yes' : 'no')),
      );
    expect(cast(3).passed).toBe(true);
    expect(cast(2).passed).toBe(false);
    expect(check(cast(3), 'approval_area').text.en).toBe('Approving area of participating area 60.00% ≥ 3/5 ✓ (300.00 / 500.00 m²)');
  });
});

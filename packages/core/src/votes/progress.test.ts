import { describe, expect, it } from 'vitest';
import { participationProgress } from './progress.js';

const electorate = { voters: 120, heads: 114, areaCenti: 1_441_230 };

describe('live participation against the rule', () => {
  it('an art. 278 vote: area and headcount against 2/3, with the exact fraction and what is still missing', () => {
    const progress = participationProgress({ kind: 'art278', matter: 8 }, 'owners', electorate, { ballots: 36, heads: 36, areaCenti: 414_403 });
    expect(progress.map((p) => p.key)).toEqual(['participation_area', 'participation_heads']);
    const [area, heads] = progress;
    expect(area).toMatchObject({ value: { num: 414_403, den: 1_441_230 }, threshold: { num: 2, den: 3 }, reached: false, missing: 546_417 });
    expect(area!.text['zh-CN']).toBe('参与表决面积 4144.03 / 14412.30 平方米（28.75%），需 ≥ 2/3，还差 5464.17 平方米');
    expect(area!.text.en).toBe('Participating area 4144.03 / 14412.30 m² (28.75%); ≥ 2/3 needed, 5464.17 m² to go');
    expect(heads).toMatchObject({ value: { num: 36, den: 114 }, reached: false, missing: 40 });
    expect(heads!.text['zh-CN']).toBe('参与表决人数 36 / 114 人（31.58%），需 ≥ 2/3，还差 40 人');
  });

  it('says when a threshold is reached, and the figure never reads past the truth', () => {
    const [area, heads] = participationProgress(
      { kind: 'art278', matter: 5 },
      'owners',
      { voters: 7, heads: 7, areaCenti: 700 },
      { ballots: 5, heads: 5, areaCenti: 500 },
    );
    expect(heads).toMatchObject({ reached: true, missing: 0 });
    expect(heads!.text['zh-CN']).toBe('参与表决人数 5 / 7 人（71.43%）≥ 2/3，已达到');
    expect(area!.text.en).toBe('Participating area 5.00 / 7.00 m² (71.43%) ≥ 2/3, reached');
  });

  it('exactly 2/3 is reached (以上 includes the threshold); one short is not', () => {
    const rule = { kind: 'art278', matter: 1 } as const;
    const exact = participationProgress(rule, 'owners', { voters: 30, heads: 30, areaCenti: 3000 }, { ballots: 20, heads: 20, areaCenti: 2000 });
    expect(exact.every((p) => p.reached)).toBe(true);
    const short = participationProgress(rule, 'owners', { voters: 30, heads: 30, areaCenti: 3000 }, { ballots: 19, heads: 19, areaCenti: 1999 });
    expect(short.map((p) => p.missing)).toEqual([1, 1]);
    expect(short[1]!.text['zh-CN']).toBe('参与表决人数 19 / 30 人（63.33%），需 ≥ 2/3，还差 1 人');
  });

  it('a rule without a participation threshold shows turnout alone', () => {
    const [turnout] = participationProgress({ kind: 'simple_majority' }, 'owners', electorate, { ballots: 36, heads: 36, areaCenti: 414_403 });
    expect(turnout).toMatchObject({ key: 'participation_ballots', threshold: null, reached: true, missing: 0 });
    expect(turnout!.text['zh-CN']).toBe('已投票 36 / 120 户（30.00%）');
    const [poll] = participationProgress(
      { kind: 'simple_majority' },
      'residents',
      { voters: 50, heads: 50, areaCenti: 0 },
      { ballots: 7, heads: 7, areaCenti: 0 },
    );
    expect(poll!.text.en).toBe('7 / 50 people have voted (14.00%)');
  });

  it('a custom ballots rule counts ballots against its own participation share', () => {
    const rule = {
      kind: 'custom',
      basis: 'ballots',
      participation: { num: 1, den: 2 },
      approval: { num: 1, den: 2 },
      approvalComparison: 'more_than',
    } as const;
    const [ballots] = participationProgress(rule, 'owners', electorate, { ballots: 59, heads: 59, areaCenti: 0 });
    expect(ballots).toMatchObject({ key: 'participation_ballots', threshold: { num: 1, den: 2 }, reached: false, missing: 1 });
    expect(ballots!.text['zh-CN']).toBe('已投票 59 / 120 户（49.17%），需 ≥ 1/2，还差 1 户');
  });
});

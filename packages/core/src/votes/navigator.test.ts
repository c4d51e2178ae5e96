import { describe, expect, it } from 'vitest';
import { compareLabels, formatAreaGrouped, navigatorBuildings, navigatorGauge, navigatorMissing, type NavigatorEntry } from './navigator.js';

const ART278 = { kind: 'art278', matter: 5 } as const;

function unit(label: string, building: string, areaCenti: number, owners: string[], voted = false, developerHeld = false): NavigatorEntry {
  return { voterKey: label, label, buildingId: `b${building}`, buildingName: building, ownerPersonIds: owners, areaCenti, developerHeld, voted };
}

describe('the gauge', () => {
  it('says what is missing to 2/3 of the heads and of the area, exactly', () => {
    // 6 units of 100.00 m², 6 owners: 2/3 is 4 heads and 400.00 m².
    const entries = ['a', 'b', 'c', 'd', 'e', 'f'].map((o, i) => unit(`1栋1单元${i + 1}01`, '1', 10_000, [o], i < 3));
    const gauge = navigatorGauge(ART278, 'owners', entries);
    expect(gauge.participation).toEqual({ ballots: 3, heads: 3, areaCenti: 30_000 });
    expect(gauge.progress.map((p) => p.missing)).toEqual([10_000, 1]);
    expect(gauge.reached).toBe(false);
    expect(gauge.headline).toEqual({ 'zh-CN': '还差 1 人 / 100.00 ㎡，才达到 2/3', en: '1 head / 100.00 m² still to take part for 2/3' });
    // Exactly 2/3 (以上 includes the threshold) is reached.
    entries[3]!.voted = true;
    const at = navigatorGauge(ART278, 'owners', entries);
    expect(at.reached).toBe(true);
    expect(at.headline['zh-CN']).toBe('已达到参与门槛（面积和人数均 ≥ 2/3）');
  });

  it('one centi-m² short of 2/3 of the area is still missing, and the heads that are reached are said so', () => {
    // 3 owners; 2 voted with 199.99 of 300.00 m²: heads 2/3 reached, area needs 200.00.
    const entries = [unit('1-101', '1', 10_000, ['a'], true), unit('1-102', '1', 9_999, ['b'], true), unit('1-103', '1', 10_001, ['c'])];
    const gauge = navigatorGauge(ART278, 'owners', entries);
    expect(gauge.progress.map((p) => [p.key, p.reached, p.missing])).toEqual([
      ['participation_area', false, 1],
      ['participation_heads', true, 0],
    ]);
    expect(gauge.headline['zh-CN']).toBe('还差 0.01 ㎡（人数已达到），才达到 2/3');
  });

  it('a rule without a threshold says so; a ballots rule counts units', () => {
    const entries = [unit('1-101', '1', 100, ['a'], true), unit('1-102', '1', 100, ['b'])];
    expect(navigatorGauge({ kind: 'simple_majority' }, 'owners', entries).headline['zh-CN']).toBe('本规则不设参与门槛；已投票 1 / 2 户');
    const custom = {
      kind: 'custom',
      basis: 'ballots',
      participation: { num: 3, den: 4 },
      approval: { num: 1, den: 2 },
      approvalComparison: 'more_than',
    } as const;
    const many = [...entries, unit('1-103', '1', 100, ['c']), unit('1-104', '1', 100, ['d'])];
    expect(navigatorGauge(custom, 'owners', many).headline.en).toBe('2 units still to take part for 3/4');
  });
});

describe('per building and per unit', () => {
  // 王 owns 1-101 and 2-101 (one head); 1-102 voted; the developer holds 2-201 and 2-202 (one head).
  const entries = () => [
    unit('1栋1单元101', '1', 9_000, ['wang']),
    unit('1栋1单元102', '1', 8_000, ['li'], true),
    unit('2栋1单元101', '2', 12_000, ['wang']),
    unit('2栋1单元201', '2', 7_000, [], false, true),
    unit('2栋1单元202', '2', 7_000, [], false, true),
  ];

  it('a multi-unit owner and the developer are one head each; a head spanning buildings is missing in both', () => {
    const gauge = navigatorGauge(ART278, 'owners', entries());
    expect(gauge.electorate).toEqual({ voters: 5, heads: 3, areaCenti: 43_000 });
    const buildings = navigatorBuildings('owners', entries(), null);
    expect(buildings).toEqual([
      { id: 'b1', name: '1', voters: 2, voted: 1, areaCenti: 17_000, missingAreaCenti: 9_000, missingHeads: 1 },
      { id: 'b2', name: '2', voters: 3, voted: 0, areaCenti: 26_000, missingAreaCenti: 26_000, missingHeads: 2 },
    ]);
  });

  it("once one of an owner's units votes, the other is listed with its head counted (area only)", () => {
    const list = entries();
    list[0]!.voted = true;
    expect(navigatorBuildings('owners', list, null).map((b) => b.missingHeads)).toEqual([0, 1]);
    const missing = navigatorMissing('owners', list, null);
    expect(missing.map((b) => b.name)).toEqual(['2']);
    expect(missing[0]!.units).toEqual([
      { voterKey: '2栋1单元101', label: '2栋1单元101', areaCenti: 12_000, developerHeld: false, headCounted: true, headUnits: 2 },
      { voterKey: '2栋1单元201', label: '2栋1单元201', areaCenti: 7_000, developerHeld: true, headCounted: false, headUnits: 2 },
      { voterKey: '2栋1单元202', label: '2栋1单元202', areaCenti: 7_000, developerHeld: true, headCounted: false, headUnits: 2 },
    ]);
  });

  it('only the visible buildings are reported, while heads are judged on the whole roll', () => {
    const list = entries();
    list[2]!.voted = true; // 王 votes in 2栋: his 1栋 flat no longer brings a head.
    expect(navigatorBuildings('owners', list, new Set(['b1']))).toEqual([
      { id: 'b1', name: '1', voters: 2, voted: 1, areaCenti: 17_000, missingAreaCenti: 9_000, missingHeads: 0 },
    ]);
    expect(navigatorMissing('owners', list, new Set(['b1']))[0]!.units.map((u) => [u.label, u.headCounted])).toEqual([['1栋1单元101', true]]);
  });
});

describe('formatting', () => {
  it('groups thousands of an area and sorts labels as people count', () => {
    expect(formatAreaGrouped(215_000)).toBe('2,150.00');
    expect(formatAreaGrouped(123_456_789)).toBe('1,234,567.89');
    expect(formatAreaGrouped(5)).toBe('0.05');
    expect(['10栋', '2栋', '1栋'].sort(compareLabels)).toEqual(['1栋', '2栋', '10栋']);
    expect(['2栋1单元1001', '2栋1单元201'].sort(compareLabels)).toEqual(['2栋1单元201', '2栋1单元1001']);
  });
});

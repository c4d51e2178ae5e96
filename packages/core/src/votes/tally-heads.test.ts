/**
 * The tally's headcount per the judicial interpretation (法释〔2009〕7号, art. 9; heads.ts): one head
 * per unit, the developer's unsold units and one buyer's units each one head, and a head of several
 * units following more than half of its voting area.
 */
import { describe, expect, it } from 'vitest';
import type { ElectorateEntry } from './heads.js';
import { countHeads } from './heads.js';
import { art, check, vote, yesNo } from './tally.testing.js';

describe('headcount per the judicial interpretation', () => {
  const base: ElectorateEntry[] = [
    // 王建国 owns two units: one head.
    { voterKey: 'w1', ownerPersonIds: ['wang'], areaCenti: 9_000, developerHeld: false },
    { voterKey: 'w2', ownerPersonIds: ['wang'], areaCenti: 12_000, developerHeld: false },
    // 刘洋 + 陈静 co-own one unit: one head, one ballot.
    { voterKey: 'c1', ownerPersonIds: ['liu', 'chen'], areaCenti: 10_000, developerHeld: false },
    // Developer: three unsold units, one head together.
    { voterKey: 'd1', ownerPersonIds: [], areaCenti: 8_000, developerHeld: true },
    { voterKey: 'd2', ownerPersonIds: [], areaCenti: 8_000, developerHeld: true },
    { voterKey: 'd3', ownerPersonIds: [], areaCenti: 8_000, developerHeld: true },
    // Two ordinary owners.
    { voterKey: 'o1', ownerPersonIds: ['o1'], areaCenti: 10_000, developerHeld: false },
    { voterKey: 'o2', ownerPersonIds: ['o2'], areaCenti: 10_000, developerHeld: false },
  ];

  it('counts 8 units as 5 heads: multi-unit owner 1, co-owned unit 1, developer 1, others 1 each', () => {
    expect(countHeads(base, 'owners')).toBe(5);
    const r = yesNo(art(5), base, []);
    expect(r.electorate).toEqual({ voters: 8, heads: 5, areaCenti: 75_000 });
  });

  it('co-owners in either order are the same buyer; a co-owned flat and a sole flat are two buyers', () => {
    const e: ElectorateEntry[] = [
      { voterKey: 'x', ownerPersonIds: ['b', 'a'], areaCenti: 100, developerHeld: false },
      { voterKey: 'y', ownerPersonIds: ['a', 'b'], areaCenti: 100, developerHeld: false },
      { voterKey: 'z', ownerPersonIds: ['a'], areaCenti: 100, developerHeld: false },
    ];
    expect(countHeads(e, 'owners')).toBe(2);
  });

  it('a multi-unit owner voting with one unit makes the head take part; area counts only that unit', () => {
    const r = yesNo(art(5), base, [vote('w1', 'yes')]);
    expect(r.participation).toEqual({ ballots: 1, heads: 1, areaCenti: 9_000 });
  });

  it("one owner, two units voting differently: the head follows more than half of that owner's voting area", () => {
    // w2 (120 m²) no, w1 (90 m²) yes → the head counts for "no"; the areas count as cast.
    const r = yesNo(art(5), base, [vote('w1', 'yes'), vote('w2', 'no')]);
    const yes = r.options.find((o) => o.id === 'yes')!;
    const no = r.options.find((o) => o.id === 'no')!;
    expect([yes.heads, yes.areaCenti, yes.ballots]).toEqual([0, 9_000, 1]);
    expect([no.heads, no.areaCenti, no.ballots]).toEqual([1, 12_000, 1]);
    expect(r.participation.heads).toBe(1);
  });

  it('an exact area split leaves the head taking part but supporting neither answer', () => {
    const e: ElectorateEntry[] = [
      { voterKey: 'w1', ownerPersonIds: ['wang'], areaCenti: 9_000, developerHeld: false },
      { voterKey: 'w2', ownerPersonIds: ['wang'], areaCenti: 9_000, developerHeld: false },
    ];
    const r = yesNo(art(5), e, [vote('w1', 'yes'), vote('w2', 'no')]);
    expect(r.participation.heads).toBe(1);
    expect(r.options.map((o) => o.heads)).toEqual([0, 0, 0]);
  });

  it('developer units: all of them vote as one head, each with its own area', () => {
    const r = yesNo(art(5), base, [vote('d1', 'yes'), vote('d2', 'yes'), vote('d3', 'yes')]);
    expect(r.participation).toEqual({ ballots: 3, heads: 1, areaCenti: 24_000 });
    expect(r.options[0]!.heads).toBe(1);
  });

  it('the developer head alone cannot carry a vote the other owners reject (heads), though its area is large', () => {
    // Developer 3 units yes (240 m²); 4 other heads no (90+120+100+100+100 = 510 m²) → heads 1/5.
    const ballots = ['d1', 'd2', 'd3'].map((k) => vote(k, 'yes')).concat(['w1', 'w2', 'c1', 'o1', 'o2'].map((k) => vote(k, 'no')));
    const r = yesNo(art(5), base, ballots);
    expect(check(r, 'approval_heads').value).toEqual({ num: 1, den: 5 });
    expect(r.passed).toBe(false);
  });

  it('ballots from outside the frozen electorate are ignored and reported', () => {
    const r = yesNo(art(5), base, [vote('stranger', 'yes'), vote('o1', 'yes')]);
    expect(r.ignoredBallots).toBe(1);
    expect(r.participation.ballots).toBe(1);
  });
});

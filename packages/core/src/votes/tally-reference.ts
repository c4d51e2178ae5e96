/**
 * The counting of a tally as first written: per-head maps keyed by headKeyOf's text, every rule of
 * heads.ts spelled out, no care for speed. tally.ts counts the same with arrays and small-integer
 * heads; this slower oracle stays to hold it to the same figures (tally-counting.test.ts) and to
 * measure it against (packages/server/bench/tally.bench.ts). Not used by the product.
 */
import { headKeyOf, type ElectorateEntry } from './heads.js';
import type { ElectorateKind } from './rules.js';
import type { TallyBallot } from './tally.js';

export function referenceCounts(kind: ElectorateKind, electorate: readonly ElectorateEntry[], ballots: readonly TallyBallot[], optionIds: readonly string[]) {
  const entries = new Map(electorate.map((e) => [e.voterKey, e]));
  const allHeads = new Set<string>();
  let totalArea = 0;
  for (const e of entries.values()) {
    allHeads.add(headKeyOf(e, kind));
    totalArea += e.areaCenti;
  }
  const latest = new Map<string, TallyBallot>();
  let ignored = 0;
  for (const b of ballots) {
    if (!entries.has(b.voterKey)) ignored += 1;
    else latest.set(b.voterKey, b);
  }
  const valid = new Set(optionIds);
  const ballotsBy = new Map<string, number>();
  const areaBy = new Map<string, number>();
  const heads = new Map<string, { area: number; units: number; supportArea: Map<string, number>; supportUnits: Map<string, number> }>();
  let area = 0;
  for (const [key, b] of latest) {
    const e = entries.get(key)!;
    area += e.areaCenti;
    const hk = headKeyOf(e, kind);
    const h = heads.get(hk) ?? { area: 0, units: 0, supportArea: new Map(), supportUnits: new Map() };
    heads.set(hk, h);
    h.area += e.areaCenti;
    h.units += 1;
    for (const c of new Set(b.choices)) {
      if (!valid.has(c)) continue;
      ballotsBy.set(c, (ballotsBy.get(c) ?? 0) + 1);
      areaBy.set(c, (areaBy.get(c) ?? 0) + e.areaCenti);
      h.supportArea.set(c, (h.supportArea.get(c) ?? 0) + e.areaCenti);
      h.supportUnits.set(c, (h.supportUnits.get(c) ?? 0) + 1);
    }
  }
  const headsBy = new Map<string, number>();
  for (const h of heads.values())
    for (const o of optionIds) {
      const supports = h.area > 0 ? (h.supportArea.get(o) ?? 0) * 2 > h.area : (h.supportUnits.get(o) ?? 0) * 2 > h.units;
      if (supports) headsBy.set(o, (headsBy.get(o) ?? 0) + 1);
    }
  return {
    electorate: { voters: entries.size, heads: allHeads.size, areaCenti: totalArea },
    participation: { ballots: latest.size, heads: heads.size, areaCenti: area },
    options: optionIds.map((o) => [o, ballotsBy.get(o) ?? 0, headsBy.get(o) ?? 0, areaBy.get(o) ?? 0]),
    ignored,
  };
}

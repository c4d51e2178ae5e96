/**
 * The turnout navigator (投票动员): while a vote is open, how far participation is from the rule's
 * threshold — for art. 278, 2/3 of the area AND 2/3 of the heads — and where the missing heads and
 * area are, building by building and unit by unit, so organisers and building heads know whose door
 * to knock on. It works on "voted / not yet" only: never a choice, never when or by which channel a
 * unit voted (for a secret vote that would narrow down whose ballot is whose in the ballot log).
 *
 * Counting follows the tally exactly (./heads.ts, ./progress.ts): the gauge is core's
 * participationProgress over the same electorate and the same ballots, so "还差 37 人" here is the
 * number the result will be judged by. Per building:
 * - missing area: the area of the building's units without a ballot;
 * - missing heads: the heads with a unit here that have not taken part anywhere yet. A head spans
 *   buildings (one owner of flats in 1栋 and 3栋; all developer-held units together), so the
 *   buildings' missing heads can add up to more than the compound's: one ballot in either building
 *   brings that head in. Visiting a unit whose head already takes part through another unit adds
 *   its area only; the unit list says so (`headCounted`).
 */
import type { NavigatorMissing, NavigatorMissingPage } from './navigator.schema.js';
import type { Locale } from '../i18n/locale.js';
import { formatAreaCenti } from '../places/area.js';
import { formatFraction } from './fraction.js';
import { headKeyOf, type ElectorateEntry } from './heads.js';
import { participationProgress, type ParticipationProgress } from './progress.js';
import type { ElectorateKind, VoteRule } from './rules.js';
import type { TallyResult } from './tally.js';

type Words = Record<Locale, string>;

/** One entry of the frozen roll, placed in its building, with whether it has voted (and nothing more). */
export interface NavigatorEntry extends ElectorateEntry {
  label: string;
  /** The unit's building; for a residents' poll the person's home building here (null when none is known now). */
  buildingId: string | null;
  buildingName: string;
  voted: boolean;
}

/** The electorate and participation counted as the tally counts them. */
export interface NavigatorGauge extends Pick<TallyResult, 'electorate' | 'participation'> {
  /** core participationProgress: one line per measure of the rule (area and heads, or ballots). */
  progress: ParticipationProgress[];
  /** Every participation threshold of the rule is met (true when it sets none). */
  reached: boolean;
  /** "还差 37 人 / 2,150.00 ㎡": what is still missing, in one line. */
  headline: Words;
}

export interface NavigatorBuilding {
  id: string | null;
  name: string;
  /** Roll entries here: units (owners' votes) or persons (residents' polls). */
  voters: number;
  voted: number;
  areaCenti: number;
  /** Area of the entries here without a ballot. */
  missingAreaCenti: number;
  /** Heads with an entry here that take part nowhere yet. */
  missingHeads: number;
}

export interface NavigatorUnit {
  voterKey: string;
  label: string;
  areaCenti: number;
  developerHeld: boolean;
  /** Its head already takes part through another unit: a ballot here adds area, not a head. */
  headCounted: boolean;
  /** Roll entries that share its head (2+ for an owner of several units, or the developer's units). */
  headUnits: number;
}

/** 215000 → "2,150.00": an area with thousands grouped, as a headline is read at a glance. */
export function formatAreaGrouped(centi: number): string {
  const [whole, decimals] = formatAreaCenti(centi).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${decimals}`;
}

/** One collator for every comparison: localeCompare with options builds one per call (thousands of labels take seconds). */
const LABELS = new Intl.Collator('zh-CN', { numeric: true });

/** Buildings and units sorted as people count them: 2栋 before 10栋, 2单元201 before 2单元1001. */
export function compareLabels(a: string, b: string): number {
  return LABELS.compare(a, b);
}

const NAMES = new Intl.Collator('zh-CN');

/** People's names in the order a Chinese list puts them (by pinyin), with one collator for every comparison. */
export function compareNames(a: string, b: string): number {
  return NAMES.compare(a, b);
}

function headlineOf(progress: ParticipationProgress[], electorateKind: ElectorateKind): Words {
  const people: Words = electorateKind === 'owners' ? { 'zh-CN': '户', en: 'units' } : { 'zh-CN': '人', en: 'people' };
  const withThreshold = progress.filter((p) => p.threshold !== null);
  if (withThreshold.length === 0) {
    const turnout = progress[0]!;
    return {
      'zh-CN': `本规则不设参与门槛；已投票 ${turnout.value.num} / ${turnout.value.den} ${people['zh-CN']}`,
      en: `This rule sets no participation threshold; ${turnout.value.num} of ${turnout.value.den} ${people.en} have voted`,
    };
  }
  const threshold = formatFraction(withThreshold[0]!.threshold!);
  // Heads first, as people say it: "还差 37 人 / 2,150.00 ㎡".
  const missing = withThreshold.filter((p) => !p.reached).sort((a, b) => Number(b.key === 'participation_heads') - Number(a.key === 'participation_heads'));
  if (missing.length === 0) {
    return {
      'zh-CN': `已达到参与门槛（${withThreshold.length > 1 ? '面积和人数均 ' : ''}≥ ${threshold}）`,
      en: `Participation threshold reached (${withThreshold.length > 1 ? 'area and headcount both ' : ''}≥ ${threshold})`,
    };
  }
  const part = (p: ParticipationProgress, locale: Locale): string => {
    if (p.key === 'participation_area') return `${formatAreaGrouped(p.missing)} ${locale === 'zh-CN' ? '㎡' : 'm²'}`;
    if (p.key === 'participation_heads') return locale === 'zh-CN' ? `${p.missing} 人` : `${p.missing} ${p.missing === 1 ? 'head' : 'heads'}`;
    return `${p.missing} ${people[locale]}`;
  };
  const done = withThreshold.find((p) => p.reached);
  const doneWords: Words | null = !done
    ? null
    : done.key === 'participation_area'
      ? { 'zh-CN': '面积已达到', en: 'area reached' }
      : { 'zh-CN': '人数已达到', en: 'headcount reached' };
  return {
    'zh-CN': `还差 ${missing.map((p) => part(p, 'zh-CN')).join(' / ')}${doneWords ? `（${doneWords['zh-CN']}）` : ''}，才达到 ${threshold}`,
    en: `${missing.map((p) => part(p, 'en')).join(' / ')} still to take part for ${threshold}${doneWords ? ` (${doneWords.en})` : ''}`,
  };
}

/** Participation of the whole roll against the rule, with the headline of what is missing. */
export function navigatorGauge(rule: VoteRule, electorateKind: ElectorateKind, entries: readonly NavigatorEntry[]): NavigatorGauge {
  const heads = new Set<string>();
  const votingHeads = new Set<string>();
  let areaCenti = 0;
  let votingArea = 0;
  let ballots = 0;
  for (const e of entries) {
    const head = headKeyOf(e, electorateKind);
    heads.add(head);
    areaCenti += e.areaCenti;
    if (!e.voted) continue;
    ballots += 1;
    votingHeads.add(head);
    votingArea += e.areaCenti;
  }
  const electorate = { voters: entries.length, heads: heads.size, areaCenti };
  const participation = { ballots, heads: votingHeads.size, areaCenti: votingArea };
  const progress = participationProgress(rule, electorateKind, electorate, participation);
  return { electorate, participation, progress, reached: progress.every((p) => p.reached), headline: headlineOf(progress, electorateKind) };
}

/** The head keys that take part already (any of their units has voted). */
function votingHeadsOf(entries: readonly NavigatorEntry[], electorateKind: ElectorateKind): Set<string> {
  return new Set(entries.filter((e) => e.voted).map((e) => headKeyOf(e, electorateKind)));
}

/**
 * Per building: entries, voted, area, and what is missing there. `entries` is the whole roll (heads
 * span buildings); `visible` names the buildings to report (null: all), sorted by name.
 */
export function navigatorBuildings(
  electorateKind: ElectorateKind,
  entries: readonly NavigatorEntry[],
  visible: ReadonlySet<string | null> | null,
): NavigatorBuilding[] {
  const voting = votingHeadsOf(entries, electorateKind);
  const byBuilding = new Map<string | null, NavigatorBuilding & { heads: Set<string> }>();
  for (const e of entries) {
    if (visible && !visible.has(e.buildingId)) continue;
    let b = byBuilding.get(e.buildingId);
    if (!b) {
      b = { id: e.buildingId, name: e.buildingName, voters: 0, voted: 0, areaCenti: 0, missingAreaCenti: 0, missingHeads: 0, heads: new Set() };
      byBuilding.set(e.buildingId, b);
    }
    b.voters += 1;
    b.areaCenti += e.areaCenti;
    if (e.voted) {
      b.voted += 1;
      continue;
    }
    b.missingAreaCenti += e.areaCenti;
    const head = headKeyOf(e, electorateKind);
    if (!voting.has(head)) b.heads.add(head);
  }
  return [...byBuilding.values()]
    .map(({ heads, ...b }) => ({ ...b, missingHeads: heads.size }))
    .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : compareLabels(a.name, b.name)));
}

/** The entries without a ballot in the given buildings (null: all), grouped per building and sorted, for door-to-door visits. */
export function navigatorMissing(
  electorateKind: ElectorateKind,
  entries: readonly NavigatorEntry[],
  visible: ReadonlySet<string | null> | null,
): Array<{ id: string | null; name: string; units: NavigatorUnit[] }> {
  const voting = votingHeadsOf(entries, electorateKind);
  const unitsPerHead = new Map<string, number>();
  for (const e of entries) {
    const head = headKeyOf(e, electorateKind);
    unitsPerHead.set(head, (unitsPerHead.get(head) ?? 0) + 1);
  }
  const groups = new Map<string | null, { id: string | null; name: string; units: NavigatorUnit[] }>();
  for (const e of entries) {
    if (e.voted || (visible && !visible.has(e.buildingId))) continue;
    let group = groups.get(e.buildingId);
    if (!group) {
      group = { id: e.buildingId, name: e.buildingName, units: [] };
      groups.set(e.buildingId, group);
    }
    const head = headKeyOf(e, electorateKind);
    group.units.push({
      voterKey: e.voterKey,
      label: e.label,
      areaCenti: e.areaCenti,
      developerHeld: e.developerHeld,
      headCounted: voting.has(head),
      headUnits: unitsPerHead.get(head) ?? 1,
    });
  }
  for (const group of groups.values()) group.units.sort((a, b) => compareLabels(a.label, b.label));
  return [...groups.values()].sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : compareLabels(a.name, b.name)));
}

/** The units of pages read one after another, grouped by building again (in the pages' order). */
export function groupMissingPages(pages: readonly NavigatorMissingPage[]): NavigatorMissing {
  const groups = new Map<string | null, NavigatorMissing['buildings'][number]>();
  for (const { buildingId, buildingName, ...unit } of pages.flatMap((p) => p.items)) {
    let group = groups.get(buildingId);
    if (!group) groups.set(buildingId, (group = { id: buildingId, name: buildingName, units: [] }));
    group.units.push(unit);
  }
  return { phones: pages[0]?.phones ?? false, buildings: [...groups.values()] };
}

/**
 * The tally: from the frozen electorate, the rule and the ballots to a result that says, in words,
 * why it passed or failed. Pure and exact — areas and heads are integers, every comparison with a
 * threshold is a BigInt cross-multiplication (./fraction.ts). Linear in units + ballots, so a
 * 100,000-unit vote tallies in milliseconds.
 */
import type { Locale } from '../i18n/locale.js';
import { formatAreaCenti } from '../places/area.js';
import { formatFraction, formatPercent, meets, thresholdSign, type Comparison, type Fraction } from './fraction.js';
import { HeadNumbers, type ElectorateEntry } from './heads.js';
import { StringIndex } from './string-index.js';
import { thresholdsOf, type ElectorateKind, type VoteKind, type VoteRule } from './rules.js';

export interface TallyOption {
  id: string;
  label: string;
}

export interface TallyBallot {
  voterKey: string;
  /** Option ids chosen; for yes/no one of yes | no | abstain. */
  choices: readonly string[];
}

export interface TallyInput {
  kind: VoteKind;
  electorateKind: ElectorateKind;
  rule: VoteRule;
  options: readonly TallyOption[];
  /** Seats to fill (elections) or winners to name; 1 for yes/no and single choice. */
  seats: number;
  electorate: readonly ElectorateEntry[];
  ballots: readonly TallyBallot[];
}

export type Words = Record<Locale, string>;

export const CHECK_KEYS = [
  'participation_area',
  'participation_heads',
  'participation_ballots',
  'approval_area',
  'approval_heads',
  'approval_ballots',
] as const;
export type CheckKey = (typeof CHECK_KEYS)[number];

export interface TallyCheck {
  key: CheckKey;
  /** The option whose approval is checked; null for participation. */
  optionId: string | null;
  ok: boolean;
  value: Fraction;
  threshold: Fraction;
  comparison: Comparison;
  text: Words;
}

export interface OptionResult {
  id: string;
  label: string;
  /** Units (or persons) whose ballot chose this option. */
  ballots: number;
  heads: number;
  areaCenti: number;
  /** Meets the participation and approval thresholds. */
  passes: boolean;
  elected: boolean;
}

export interface TallyResult {
  electorate: { voters: number; heads: number; areaCenti: number };
  participation: { ballots: number; heads: number; areaCenti: number };
  options: OptionResult[];
  checks: TallyCheck[];
  /** yes/no: whether "yes" carried; choices and elections: whether anyone was chosen. */
  passed: boolean;
  winners: string[];
  /** Options tied at the last seat: none of them is declared chosen. */
  tiedAtCutoff: string[];
  summary: Words;
  /** Ballots from outside the frozen electorate (never counted). */
  ignoredBallots: number;
}

const YES = 'yes';

const CHECK_WORDS: Record<CheckKey, Words> = {
  participation_area: { 'zh-CN': '参与表决面积占比', en: 'Participating area' },
  participation_heads: { 'zh-CN': '参与表决人数占比', en: 'Participating headcount' },
  participation_ballots: { 'zh-CN': '投票率', en: 'Turnout' },
  approval_area: { 'zh-CN': '同意面积占参与表决面积', en: 'Approving area of participating area' },
  approval_heads: { 'zh-CN': '同意人数占参与表决人数', en: 'Approving headcount of participating headcount' },
  approval_ballots: { 'zh-CN': '同意票占投票总数', en: 'Approving ballots of ballots cast' },
};

/** What a check measures: floor area, heads or ballots (its key says which). */
function measureOf(key: CheckKey): 'area' | 'heads' | 'ballots' {
  return key.endsWith('_area') ? 'area' : key.endsWith('_heads') ? 'heads' : 'ballots';
}

/**
 * A check in words, from its figures alone: "参与表决人数占比 71.43% ≥ 2/3 ✓（5 / 7 人）" — the
 * percentage (printed so it never reads across the threshold, see formatPercent), the threshold,
 * the verdict and the exact fraction. A result frozen at closing is told again with it, so the
 * words follow the current wording while the figures stay as counted. `optionLabel` names the
 * option whose approval is checked (none for participation and for "yes").
 */
export function describeCheck(check: Omit<TallyCheck, 'text'>, optionLabel: string | null): Words {
  const { key, value, threshold, comparison, ok } = check;
  const { num, den } = value;
  const sign = thresholdSign(ok, comparison);
  const pct = formatPercent(num, den, { threshold, sign });
  const mark = ok ? '✓' : '✗';
  const t = formatFraction(threshold);
  const measure = measureOf(key);
  const amountsZh =
    measure === 'area' ? `${formatAreaCenti(num)} / ${formatAreaCenti(den)} 平方米` : measure === 'heads' ? `${num} / ${den} 人` : `${num} / ${den} 票`;
  const amountsEn =
    measure === 'area' ? `${formatAreaCenti(num)} / ${formatAreaCenti(den)} m²` : measure === 'heads' ? `${num} / ${den} heads` : `${num} / ${den} ballots`;
  const words = CHECK_WORDS[key];
  const named = optionLabel !== null && check.optionId !== null && check.optionId !== YES;
  const prefixZh = named ? `“${optionLabel}”` : '';
  const prefixEn = named ? `"${optionLabel}": ` : '';
  const zhLabel = named ? words['zh-CN'].replace('同意', '赞成') : words['zh-CN'];
  return {
    'zh-CN': `${prefixZh}${zhLabel} ${pct}% ${sign} ${t} ${mark}（${amountsZh}）`,
    en: `${prefixEn}${words.en} ${pct}% ${sign} ${t} ${mark} (${amountsEn})`,
  };
}

function makeCheck(key: CheckKey, option: TallyOption | null, num: number, den: number, threshold: Fraction, comparison: Comparison): TallyCheck {
  const check = { key, optionId: option?.id ?? null, ok: meets(num, den, threshold, comparison), value: { num, den }, threshold, comparison };
  return { ...check, text: describeCheck(check, option?.label ?? null) };
}

export function tallyVote(input: TallyInput): TallyResult {
  const thresholds = thresholdsOf(input.rule);
  // One pass over the roll: each entry's position by voter key (StringIndex: a table sized once, not
  // a Map), its head as a small integer (HeadNumbers, heads.ts) and the total area. A voter key given
  // twice names its last entry (as a Map would keep it): the earlier one is off the roll and, as it
  // may have made a head of its own, the heads are numbered again without it.
  const n = input.electorate.length;
  const entryIndex = new StringIndex(n);
  const counted = new Uint8Array(n).fill(1);
  const headOfEntry = new Int32Array(n);
  let heads = new HeadNumbers(input.electorateKind, n);
  let totalArea = 0;
  let repeated = false;
  for (let i = 0; i < n; i += 1) {
    const entry = input.electorate[i]!;
    const earlier = entryIndex.set(entry.voterKey, i);
    if (earlier >= 0) {
      counted[earlier] = 0;
      totalArea -= input.electorate[earlier]!.areaCenti;
      repeated = true;
    }
    headOfEntry[i] = heads.of(entry);
    totalArea += entry.areaCenti;
  }
  if (repeated) {
    heads = new HeadNumbers(input.electorateKind, n);
    for (let i = 0; i < n; i += 1) if (counted[i] === 1) headOfEntry[i] = heads.of(input.electorate[i]!);
  }
  const voters = entryIndex.size;
  const headCount = heads.count;

  // The latest ballot per voter counts (the database allows one row per voter anyway): its position
  // in input.ballots plus one, 0 for none.
  const ballotOf = new Int32Array(n);
  let ignoredBallots = 0;
  let ballotsCast = 0;
  for (let j = 0; j < input.ballots.length; j += 1) {
    const i = entryIndex.get(input.ballots[j]!.voterKey);
    if (i < 0) ignoredBallots += 1;
    else {
      if (ballotOf[i] === 0) ballotsCast += 1;
      ballotOf[i] = j + 1;
    }
  }

  // What each head put to the vote: its voting area and units. Integers below 2^53 stay exact in a
  // Float64Array (100,000 units of 10,000 m² are 10^11 hundredths).
  const headVotingArea = new Float64Array(headCount);
  const headVotingUnits = new Int32Array(headCount);
  let participatingArea = 0;
  let participatingHeads = 0;
  for (let i = 0; i < n; i += 1) {
    if (ballotOf[i] === 0) continue;
    const head = headOfEntry[i]!;
    if (headVotingUnits[head] === 0) participatingHeads += 1;
    headVotingUnits[head] = headVotingUnits[head]! + 1;
    const area = input.electorate[i]!.areaCenti;
    headVotingArea[head] = headVotingArea[head]! + area;
    participatingArea += area;
  }

  const optionIndex = new Map<string, number>(input.options.map((o, k) => [o.id, k]));
  const k = input.options.length;
  const optionBallotCount = new Array<number>(k).fill(0);
  const optionAreaSum = new Array<number>(k).fill(0);
  const optionHeadCount = new Array<number>(k).fill(0);
  // A head of one voting unit supports exactly what its ballot chose; a head of several (one owner's
  // flats, the developer's) sums area and units per option first (heads.ts, rule 3).
  const several = new Map<number, { area: Float64Array; units: Int32Array }>();
  for (let i = 0; i < n; i += 1) {
    if (ballotOf[i] === 0) continue;
    const ballot = input.ballots[ballotOf[i]! - 1]!;
    const area = input.electorate[i]!.areaCenti;
    const head = headOfEntry[i]!;
    const single = headVotingUnits[head] === 1;
    let sums = single ? undefined : several.get(head);
    if (!single && !sums) {
      sums = { area: new Float64Array(k), units: new Int32Array(k) };
      several.set(head, sums);
    }
    const chosen = ballot.choices.length === 1 ? ballot.choices : new Set(ballot.choices);
    for (const choice of chosen) {
      const o = optionIndex.get(choice);
      if (o === undefined) continue;
      optionBallotCount[o] = optionBallotCount[o]! + 1;
      optionAreaSum[o] = optionAreaSum[o]! + area;
      if (single) optionHeadCount[o] = optionHeadCount[o]! + 1;
      else {
        sums!.area[o] = sums!.area[o]! + area;
        sums!.units[o] = sums!.units[o]! + 1;
      }
    }
  }
  // A head supports an option when more than half of its voting area chose it (see heads.ts, rule 3);
  // without areas (residents' polls) more than half of its ballots — which, for one person, is theirs.
  for (const [head, sums] of several) {
    const votingArea = headVotingArea[head]!;
    const votingUnits = headVotingUnits[head]!;
    for (let o = 0; o < k; o += 1) {
      const supports = votingArea > 0 ? sums.area[o]! * 2 > votingArea : sums.units[o]! * 2 > votingUnits;
      if (supports) optionHeadCount[o] = optionHeadCount[o]! + 1;
    }
  }
  const byId = (counts: number[]) => new Map(input.options.map((o, i) => [o.id, counts[i]!]));
  const optionBallots = byId(optionBallotCount);
  const optionArea = byId(optionAreaSum);
  const optionHeads = byId(optionHeadCount);

  const checks: TallyCheck[] = [];

  // Participation.
  if (thresholds.participation) {
    const { fraction, comparison } = thresholds.participation;
    if (thresholds.basis === 'area_and_heads') {
      checks.push(makeCheck('participation_area', null, participatingArea, totalArea, fraction, comparison));
      checks.push(makeCheck('participation_heads', null, participatingHeads, headCount, fraction, comparison));
    } else {
      checks.push(makeCheck('participation_ballots', null, ballotsCast, voters, fraction, comparison));
    }
  }
  const participationOk = checks.every((c) => c.ok);

  // Approval, per option that can be chosen (abstain never "passes").
  const decisive = input.kind === 'yes_no' ? input.options.filter((o) => o.id === YES) : input.options.filter((o) => o.id !== 'abstain');
  const passing = new Set<string>();
  for (const option of decisive) {
    const { fraction, comparison } = thresholds.approval;
    const optionChecks =
      thresholds.basis === 'area_and_heads'
        ? [
            makeCheck('approval_area', option, optionArea.get(option.id) ?? 0, participatingArea, fraction, comparison),
            makeCheck('approval_heads', option, optionHeads.get(option.id) ?? 0, participatingHeads, fraction, comparison),
          ]
        : [makeCheck('approval_ballots', option, optionBallots.get(option.id) ?? 0, ballotsCast, fraction, comparison)];
    checks.push(...optionChecks);
    if (participationOk && optionChecks.every((c) => c.ok)) passing.add(option.id);
  }

  // Winners: passing options, strongest first, up to the number of seats; a tie at the last seat
  // names none of the tied options (the organisers must hold a run-off).
  const strength = (id: string): [number, number, number] =>
    thresholds.basis === 'area_and_heads'
      ? [optionHeads.get(id) ?? 0, optionArea.get(id) ?? 0, optionBallots.get(id) ?? 0]
      : [optionBallots.get(id) ?? 0, optionHeads.get(id) ?? 0, optionArea.get(id) ?? 0];
  const compare = (a: string, b: string): number => {
    const sa = strength(a);
    const sb = strength(b);
    for (let i = 0; i < 3; i += 1) if (sa[i] !== sb[i]) return sb[i]! - sa[i]!;
    return 0;
  };
  const ranked = [...passing].sort(compare);
  const seats = Math.max(1, input.seats);
  let winners = ranked.slice(0, seats);
  let tiedAtCutoff: string[] = [];
  if (ranked.length > seats) {
    const last = ranked[seats - 1]!;
    if (compare(last, ranked[seats]!) === 0) {
      tiedAtCutoff = ranked.filter((id) => compare(id, last) === 0);
      winners = winners.filter((id) => !tiedAtCutoff.includes(id));
    }
  }

  const options: OptionResult[] = input.options.map((o) => ({
    id: o.id,
    label: o.label,
    ballots: optionBallots.get(o.id) ?? 0,
    heads: optionHeads.get(o.id) ?? 0,
    areaCenti: optionArea.get(o.id) ?? 0,
    passes: passing.has(o.id),
    elected: winners.includes(o.id),
  }));

  const passed = input.kind === 'yes_no' ? passing.has(YES) : winners.length > 0;
  return {
    electorate: { voters, heads: headCount, areaCenti: totalArea },
    participation: { ballots: ballotsCast, heads: participatingHeads, areaCenti: participatingArea },
    options,
    checks,
    passed,
    winners,
    tiedAtCutoff,
    summary: summarise(input, passed, participationOk, winners, tiedAtCutoff, checks),
    ignoredBallots,
  };
}

function summarise(
  input: TallyInput,
  passed: boolean,
  participationOk: boolean,
  winners: readonly string[],
  tied: readonly string[],
  checks: readonly TallyCheck[],
): Words {
  const label = (id: string) => input.options.find((o) => o.id === id)?.label ?? id;
  if (!participationOk) {
    return { 'zh-CN': '未通过：参与表决未达到法定（规定）比例', en: 'Not passed: too few took part to decide' };
  }
  if (input.kind === 'yes_no') {
    if (passed) return { 'zh-CN': '表决通过', en: 'Passed' };
    const failed = checks.find((c) => !c.ok && c.optionId === YES);
    return {
      'zh-CN': `未通过：${failed ? CHECK_WORDS[failed.key]['zh-CN'] : '同意比例'}未达到要求`,
      en: `Not passed: ${failed ? CHECK_WORDS[failed.key].en.toLowerCase() : 'approval'} below the threshold`,
    };
  }
  const tieZh = tied.length > 0 ? `；${tied.map(label).join('、')} 票数相同，需另行决定` : '';
  const tieEn = tied.length > 0 ? `; ${tied.map(label).join(', ')} are tied and need a run-off` : '';
  if (winners.length === 0) return { 'zh-CN': `无选项达到通过要求${tieZh}`, en: `No option reached the threshold${tieEn}` };
  const names = winners.map(label);
  return input.kind === 'election'
    ? { 'zh-CN': `当选：${names.join('、')}${tieZh}`, en: `Elected: ${names.join(', ')}${tieEn}` }
    : { 'zh-CN': `通过的选项：${names.join('、')}${tieZh}`, en: `Chosen: ${names.join(', ')}${tieEn}` };
}

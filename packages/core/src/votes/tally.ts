/**
 * The tally: from the frozen electorate, the rule and the ballots to a result that says, in words,
 * why it passed or failed. Pure and exact — areas and heads are integers, every comparison with a
 * threshold is a BigInt cross-multiplication (./fraction.ts). Linear in units + ballots, so a
 * 100,000-unit vote tallies in milliseconds.
 */
import type { Locale } from '../i18n/locale.js';
import { formatAreaCenti } from '../places/area.js';
import { formatFraction, formatPercent, meets, thresholdSign, type Comparison, type Fraction } from './fraction.js';
import { headKeyOf, type ElectorateEntry } from './heads.js';
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

interface HeadState {
  votingArea: number;
  votingUnits: number;
  supportArea: Map<string, number>;
  supportUnits: Map<string, number>;
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
  const entries = new Map<string, ElectorateEntry>();
  for (const entry of input.electorate) entries.set(entry.voterKey, entry);

  // Electorate totals.
  const allHeads = new Set<string>();
  let totalArea = 0;
  for (const entry of entries.values()) {
    allHeads.add(headKeyOf(entry, input.electorateKind));
    totalArea += entry.areaCenti;
  }

  // The latest ballot per voter counts (the database allows one row per voter anyway).
  const latest = new Map<string, TallyBallot>();
  let ignoredBallots = 0;
  for (const ballot of input.ballots) {
    if (!entries.has(ballot.voterKey)) ignoredBallots += 1;
    else latest.set(ballot.voterKey, ballot);
  }

  const optionIds = new Set(input.options.map((o) => o.id));
  const optionBallots = new Map<string, number>();
  const optionArea = new Map<string, number>();
  const heads = new Map<string, HeadState>();
  let participatingArea = 0;
  for (const [voterKey, ballot] of latest) {
    const entry = entries.get(voterKey)!;
    participatingArea += entry.areaCenti;
    const headKey = headKeyOf(entry, input.electorateKind);
    let head = heads.get(headKey);
    if (!head) {
      head = { votingArea: 0, votingUnits: 0, supportArea: new Map(), supportUnits: new Map() };
      heads.set(headKey, head);
    }
    head.votingArea += entry.areaCenti;
    head.votingUnits += 1;
    for (const choice of new Set(ballot.choices)) {
      if (!optionIds.has(choice)) continue;
      optionBallots.set(choice, (optionBallots.get(choice) ?? 0) + 1);
      optionArea.set(choice, (optionArea.get(choice) ?? 0) + entry.areaCenti);
      head.supportArea.set(choice, (head.supportArea.get(choice) ?? 0) + entry.areaCenti);
      head.supportUnits.set(choice, (head.supportUnits.get(choice) ?? 0) + 1);
    }
  }

  // A head supports an option when more than half of its voting area chose it (see heads.ts, rule 3);
  // without areas (residents' polls) more than half of its ballots — which, for one person, is theirs.
  const optionHeads = new Map<string, number>();
  for (const head of heads.values()) {
    for (const option of input.options) {
      const supports =
        head.votingArea > 0 ? (head.supportArea.get(option.id) ?? 0) * 2 > head.votingArea : (head.supportUnits.get(option.id) ?? 0) * 2 > head.votingUnits;
      if (supports) optionHeads.set(option.id, (optionHeads.get(option.id) ?? 0) + 1);
    }
  }

  const ballotsCast = latest.size;
  const participatingHeads = heads.size;
  const checks: TallyCheck[] = [];

  // Participation.
  if (thresholds.participation) {
    const { fraction, comparison } = thresholds.participation;
    if (thresholds.basis === 'area_and_heads') {
      checks.push(makeCheck('participation_area', null, participatingArea, totalArea, fraction, comparison));
      checks.push(makeCheck('participation_heads', null, participatingHeads, allHeads.size, fraction, comparison));
    } else {
      checks.push(makeCheck('participation_ballots', null, ballotsCast, entries.size, fraction, comparison));
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
    electorate: { voters: entries.size, heads: allHeads.size, areaCenti: totalArea },
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

/** The tally tests' small votes: yes/no options, single-owner units, a ballot, a rule of art. 278, a check by key. */
import type { ElectorateEntry } from './heads.js';
import type { Art278Matter, VoteRule } from './rules.js';
import { tallyVote, type TallyBallot, type TallyInput } from './tally.js';

export const YES_NO = [
  { id: 'yes', label: '同意' },
  { id: 'no', label: '反对' },
  { id: 'abstain', label: '弃权' },
];

/** n single-owner units of the given area (centi-m²), owner p<i>. */
export function units(n: number, areaCenti: number, prefix = 'u'): ElectorateEntry[] {
  return Array.from({ length: n }, (_, i) => ({ voterKey: `${prefix}${i}`, ownerPersonIds: [`p-${prefix}${i}`], areaCenti, developerHeld: false }));
}

export function yesNo(rule: VoteRule, electorate: ElectorateEntry[], ballots: TallyBallot[]): ReturnType<typeof tallyVote> {
  const input: TallyInput = { kind: 'yes_no', electorateKind: 'owners', rule, options: YES_NO, seats: 1, electorate, ballots };
  return tallyVote(input);
}

export const vote = (voterKey: string, choice: string): TallyBallot => ({ voterKey, choices: [choice] });
export const art = (matter: Art278Matter): VoteRule => ({ kind: 'art278', matter });
export const check = (result: ReturnType<typeof tallyVote>, key: string) => result.checks.find((c) => c.key === key)!;

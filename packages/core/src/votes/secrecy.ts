/**
 * What a secret vote's result may publish. Per-option totals are withheld when few voted, because
 * with few voters they give each voter's choice away; the verdict is published anyway.
 *
 * The attack: staff hold the roll with every unit's registered floor area and see who voted (they
 * must, to chase turnout and to accept paper ballots). A yes/no vote among n voters has 2^n ways to
 * split; for 4 voters that is 16, and flats' areas are rarely equal, so the published "同意 area"
 * matches exactly one split: every unit's choice, solved. Ballot and head counts narrow it further.
 * With more voters the splits multiply (1,024 at 10, a million at 20) while a compound's flats come
 * in a few layouts with identical registered areas, so many splits share every total and none can
 * be singled out. 10 is the smallest-cell rule statistics offices use for published tables, and it
 * keeps the figures for every vote that could decide anything for a building or a compound (an art.
 * 278 vote needs two thirds of the owners to take part; a building of 10 or more units is the norm).
 *
 * What stays published below the minimum, and why it does not reveal choices beyond the decision
 * itself:
 * - Turnout (who and how many took part, their area): it is shown live while the vote is open, and
 *   art. 278's participation thresholds are checked on it; it says nothing about choices.
 * - The verdict (passed, the options chosen, the elected, a tie at the last seat): the owners'
 *   decision must be announced (公告) to bind anyone, so it cannot be withheld. It reveals only what
 *   any decision reveals — in a small vote a unanimous outcome is plain from the verdict alone, as it
 *   would be in a show of hands; nothing more is derivable from the figures we keep back.
 * - The receipt list: each code proves its ballot was counted; its choices are withheld too (they
 *   add up to the per-option ballot counts).
 *
 * What remains above the minimum, said so in words on the vote page: per-option area totals of a
 * large vote still let someone who knows every other voter's choice work out the last one, and a
 * voter who shows their receipt code to someone shows them their choice on the public list.
 */
import type { Locale } from '../i18n/locale.js';
import type { OptionResult, TallyResult } from './tally.js';

/** Per-option totals of a secret vote are published only when at least this many voters took part. */
export const SECRET_TOTALS_MIN_VOTERS = 10;

type Words = Record<Locale, string>;

/** A closed vote's result as it leaves the server: the tally, with a secret vote's per-option figures withheld when few voted. */
export interface PublishedResult extends Omit<TallyResult, 'options'> {
  options: Array<Omit<OptionResult, 'ballots' | 'heads' | 'areaCenti'> & { ballots: number | null; heads: number | null; areaCenti: number | null }>;
  /** Why the per-option figures are missing (null: they are all there). */
  totalsWithheld: { minVoters: number; text: Words } | null;
}

/** Whether a secret vote with this many counted ballots keeps its per-option totals back. */
export function secretTotalsWithheld(secret: boolean, ballots: number): boolean {
  return secret && ballots < SECRET_TOTALS_MIN_VOTERS;
}

export function withheldTotalsWords(ballots: number): Words {
  const min = SECRET_TOTALS_MIN_VOTERS;
  return {
    'zh-CN': `本次为不记名表决，只有 ${ballots} 户参与（少于 ${min} 户），为保护投票秘密，不公布各选项的票数、人数和面积：否则对照名册上各户的面积，就能推算出每户投了什么。表决结果（是否通过）和参与情况照常公布。`,
    en: `This secret vote had only ${ballots} voters (fewer than ${min}), so the ballots, heads and area for each option are withheld to protect the secrecy of the ballot: with the floor areas on the roll they would show how each unit voted. The result (passed or not) and the turnout are published as usual.`,
  };
}

export function withheldChoicesWords(ballots: number): Words {
  const min = SECRET_TOTALS_MIN_VOTERS;
  return {
    'zh-CN': `本次不记名表决只有 ${ballots} 户参与（少于 ${min} 户），清单只列回执码，不列选择：每个回执码证明那张选票已计入结果。`,
    en: `Only ${ballots} voted in this secret vote (fewer than ${min}), so the list shows the receipt codes without the choices: each code proves its ballot was counted.`,
  };
}

/**
 * The result as published: for a secret vote below the minimum, no per-option ballots, heads or
 * area and no approval checks (their fractions carry the same totals); participation checks, the
 * verdict, winners and the summary stay.
 */
export function publishedResult(result: TallyResult, secret: boolean): PublishedResult {
  if (!secretTotalsWithheld(secret, result.participation.ballots)) return { ...result, totalsWithheld: null };
  return {
    ...result,
    options: result.options.map((o) => ({ ...o, ballots: null, heads: null, areaCenti: null })),
    checks: result.checks.filter((c) => c.key.startsWith('participation')),
    totalsWithheld: { minVoters: SECRET_TOTALS_MIN_VOTERS, text: withheldTotalsWords(result.participation.ballots) },
  };
}

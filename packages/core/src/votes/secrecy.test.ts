import { describe, expect, it } from 'vitest';
import type { ElectorateEntry } from './heads.js';
import { SECRET_TOTALS_MIN_VOTERS, publishedResult, secretTotalsWithheld } from './secrecy.js';
import { tallyVote } from './tally.js';

const YES_NO = [
  { id: 'yes', label: '同意' },
  { id: 'no', label: '反对' },
  { id: 'abstain', label: '弃权' },
];

/** n units of different areas (89.01 m², 89.02 m² …): the case in which area totals give choices away. */
function electorate(n: number): ElectorateEntry[] {
  return Array.from({ length: n }, (_, i) => ({ voterKey: `u${i}`, ownerPersonIds: [`p${i}`], areaCenti: 8_901 + i, developerHeld: false }));
}

function tally(voters: number, yes: number) {
  const units = electorate(voters);
  const ballots = units.map((u, i) => ({ voterKey: u.voterKey, choices: [i < yes ? 'yes' : 'no'] }));
  return tallyVote({ kind: 'yes_no', electorateKind: 'owners', rule: { kind: 'art278', matter: 5 }, options: YES_NO, seats: 1, electorate: units, ballots });
}

describe('a secret vote’s per-option totals', () => {
  it('are withheld below the minimum: no option figures, no approval checks; the verdict, turnout and words stay', () => {
    const result = tally(4, 3);
    const published = publishedResult(result, true);
    expect(published.passed).toBe(true);
    expect(published.participation).toEqual(result.participation);
    expect(published.options.every((o) => o.ballots === null && o.heads === null && o.areaCenti === null)).toBe(true);
    expect(published.checks.map((c) => c.key)).toEqual(['participation_area', 'participation_heads']);
    expect(published.totalsWithheld?.text['zh-CN']).toContain('只有 4 户参与（少于 10 户）');
    // Nothing in it carries the 同意 area (3 of the 4 areas), in figures or in the checks' words.
    const yesArea = 8_901 + 8_902 + 8_903;
    expect(JSON.stringify(published)).not.toContain(String(yesArea));
    expect(JSON.stringify(published)).not.toContain('267.06');
  });

  it(`are published from ${SECRET_TOTALS_MIN_VOTERS} voters, and always for a named vote`, () => {
    expect(secretTotalsWithheld(true, SECRET_TOTALS_MIN_VOTERS - 1)).toBe(true);
    expect(secretTotalsWithheld(true, SECRET_TOTALS_MIN_VOTERS)).toBe(false);
    expect(secretTotalsWithheld(false, 1)).toBe(false);
    const big = publishedResult(tally(SECRET_TOTALS_MIN_VOTERS, 7), true);
    expect(big.totalsWithheld).toBeNull();
    expect(big.options.find((o) => o.id === 'yes')?.ballots).toBe(7);
    expect(publishedResult(tally(4, 3), false).options.find((o) => o.id === 'yes')?.ballots).toBe(3);
  });
});

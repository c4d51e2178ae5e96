import { describe, expect, it } from 'vitest';
import { canProposalTransition, qualifies, secondsNeeded } from './proposals.js';

describe('proposal seconding threshold', () => {
  it('a count threshold qualifies at exactly that many units', () => {
    expect(qualifies(4, 120, { kind: 'count', units: 5 })).toBe(false);
    expect(qualifies(5, 120, { kind: 'count', units: 5 })).toBe(true);
    expect(secondsNeeded(3, 120, { kind: 'count', units: 5 })).toBe(2);
  });
  it('a share threshold is exact: 1/10 of 120 units is 12', () => {
    const t = { kind: 'share', share: { num: 1, den: 10 } } as const;
    expect(qualifies(11, 120, t)).toBe(false);
    expect(qualifies(12, 120, t)).toBe(true);
    expect(secondsNeeded(11, 120, t)).toBe(1);
    // 1/10 of 121 is 12.1 → 13 needed.
    expect(qualifies(12, 121, t)).toBe(false);
    expect(secondsNeeded(12, 121, t)).toBe(1);
  });
});

describe('proposal lifecycle', () => {
  it('allows the committee steps only from a qualified proposal, and nothing after a final state', () => {
    expect(canProposalTransition('seconding', 'qualified')).toBe(true);
    expect(canProposalTransition('seconding', 'on_agenda')).toBe(false);
    expect(canProposalTransition('qualified', 'on_agenda')).toBe(true);
    expect(canProposalTransition('qualified', 'declined')).toBe(true);
    expect(canProposalTransition('declined', 'on_agenda')).toBe(false);
    expect(canProposalTransition('merged', 'qualified')).toBe(false);
  });
});

/**
 * The tally counts with arrays and small-integer heads for speed (issue 18: 100,000 units in tens of
 * milliseconds). This property test holds it against the counting as first written — per-head maps
 * keyed by headKeyOf's text, every rule of heads.ts spelled out — on random rolls with owners of
 * several flats, co-owners named in any order and twice, developer flats, units without owners,
 * zero areas, repeated, unknown and invalid ballots, in owners' votes and residents' polls.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ElectorateEntry } from './heads.js';
import type { ElectorateKind } from './rules.js';
import { tallyVote } from './tally.js';
import { referenceCounts } from './tally-reference.js';

const OPTIONS = ['o1', 'o2', 'o3', 'abstain'];

const entryArb = fc.record({
  unit: fc.integer({ min: 0, max: 30 }),
  owners: fc.array(fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'), { maxLength: 3 }),
  area: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2_000_000 })),
  developer: fc.boolean(),
});
const ballotArb = fc.record({
  unit: fc.integer({ min: 0, max: 34 }),
  choices: fc.array(fc.constantFrom(...OPTIONS, 'bogus'), { minLength: 1, maxLength: 4 }),
});

describe('the fast counting', () => {
  it('counts as the counting as first written, on random rolls and ballots', () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { minLength: 1, maxLength: 40 }),
        fc.array(ballotArb, { maxLength: 60 }),
        fc.constantFrom<ElectorateKind>('owners', 'residents'),
        (rows, cast, kind) => {
          const electorate: ElectorateEntry[] = rows.map((r) => ({
            voterKey: `u${r.unit}`,
            ownerPersonIds: kind === 'residents' ? [] : r.owners,
            areaCenti: kind === 'residents' ? 0 : r.area,
            developerHeld: kind === 'owners' && r.developer,
          }));
          const ballots = cast.map((b) => ({ voterKey: `u${b.unit}`, choices: b.choices }));
          const result = tallyVote({
            kind: 'multiple_choice',
            electorateKind: kind,
            rule: kind === 'residents' ? { kind: 'simple_majority' } : { kind: 'art278', matter: 5 },
            options: OPTIONS.map((id) => ({ id, label: id })),
            seats: 2,
            electorate,
            ballots,
          });
          const expected = referenceCounts(kind, electorate, ballots, OPTIONS);
          expect(result.electorate).toEqual(expected.electorate);
          expect(result.participation).toEqual(expected.participation);
          expect(result.options.map((o) => [o.id, o.ballots, o.heads, o.areaCenti])).toEqual(expected.options);
          expect(result.ignoredBallots).toBe(expected.ignored);
        },
      ),
      { numRuns: 400 },
    );
  });
});

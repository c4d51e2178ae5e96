/**
 * The tally of a 100,000-unit vote in memory (issue 18's goal: under 50 ms), measured against the
 * counting as first written (core/votes/tally-reference.ts) in the same process on the same roll and
 * 70,000 ballots: the ratio is what to compare across machines, the milliseconds only within a run.
 * Each is warmed up, then timed 9 times; the median is printed.
 *
 *   npx tsx packages/server/bench/tally.bench.ts
 */
import { tallyVote } from '@yishi/core';
import { referenceCounts } from '../../core/src/votes/tally-reference.js';
import { bigVote } from './votes-storage.js';

const big = bigVote();
const optionIds = big.input.options.map((o) => o.id);

function median(run: () => unknown): number {
  for (let i = 0; i < 3; i += 1) run();
  const times: number[] = [];
  for (let i = 0; i < 9; i += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[4]!;
}

const fast = median(() => tallyVote({ ...big.input, electorate: big.electorate, ballots: big.ballots }));
const reference = median(() => referenceCounts('owners', big.electorate, big.ballots, optionIds));
const result = tallyVote({ ...big.input, electorate: big.electorate, ballots: big.ballots });
const counted = referenceCounts('owners', big.electorate, big.ballots, optionIds);
const same = JSON.stringify(result.options.map((o) => [o.id, o.ballots, o.heads, o.areaCenti])) === JSON.stringify(counted.options);
const n = (x: number) => x.toLocaleString('en-US');
console.log(`units ${n(big.electorate.length)}, ballots ${n(big.ballots.length)}, heads ${n(result.electorate.heads)}; same figures as the reference: ${same}`);
console.log(`tallyVote (counting, checks, words)   ${fast.toFixed(1)} ms`);
console.log(`reference counting alone               ${reference.toFixed(1)} ms`);
console.log(`ratio tallyVote / reference            ${(fast / reference).toFixed(2)}`);

/**
 * Closing on time without anyone clicking: a timer in the server process settles due votes (opens
 * drafts whose time has come, closes open votes whose time has passed) every few seconds. It is a
 * convenience, not the guard — every read and every ballot also checks the clock (see
 * loadVoteSettled and castBallot), so a late ballot is refused even if the timer has not fired.
 */
import type { Deps } from '../deps.js';
import { startPeriodic, type Periodic } from './periodic.js';
import { settleDueVotes } from './votes.service.js';

export type VoteScheduler = Periodic;

export function startVoteScheduler(deps: Deps, intervalMs = 5_000): VoteScheduler {
  return startPeriodic('vote scheduler', () => settleDueVotes(deps), intervalMs);
}

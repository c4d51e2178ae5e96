/**
 * Closing on time without anyone clicking: a timer in the server process settles due votes (opens
 * drafts whose time has come, closes open votes whose time has passed) every few seconds. It is a
 * convenience, not the guard — every read and every ballot also checks the clock (see
 * loadVoteSettled and castBallot), so a late ballot is refused even if the timer has not fired.
 */
import type { Deps } from '../deps.js';
import { settleDueVotes } from './votes.service.js';

export interface VoteScheduler {
  stop: () => Promise<void>;
}

export function startVoteScheduler(deps: Deps, intervalMs = 5_000): VoteScheduler {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    // One settle at a time; a slow tick is not overlapped by the next.
    running = running.then(() =>
      stopped
        ? undefined
        : settleDueVotes(deps).catch((error: unknown) => {
            console.error('[yishi] vote scheduler', error);
          }),
    );
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

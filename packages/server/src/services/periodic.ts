/**
 * A job every instance runs on a timer (settling due votes, creating due reminders): one run at a
 * time — a slow run is not overlapped by the next —, an error is logged and the next tick tries
 * again, and stopping waits for the run in progress. The timer never keeps the process alive.
 */
export interface Periodic {
  stop: () => Promise<void>;
}

export function startPeriodic(name: string, run: () => Promise<unknown>, intervalMs: number): Periodic {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = running.then(() =>
      stopped
        ? undefined
        : run().catch((error: unknown) => {
            console.error(`[yishi] ${name}`, error);
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

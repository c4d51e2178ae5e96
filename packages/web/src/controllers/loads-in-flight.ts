/**
 * Whether the page's own answers are still on their way (every loading controller's requests, load-controller.ts).
 * The shell holds back what it fetches for itself after the first page — the connection strip with its service
 * worker, the notification bell, the other pages' file lists — until the page has its data, so that on one bar of
 * signal they do not share the line with the answer the visitor is waiting for (app/yishi-app.ts).
 */
let inFlight = 0;
let waiters: Array<() => void> = [];

/** Counts a request in; the answer is the call that counts it out (once, however often called). */
export function loadBegan(): () => void {
  inFlight++;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    inFlight--;
    if (inFlight > 0) return;
    const settled = waiters;
    waiters = [];
    for (const resolve of settled) resolve();
  };
}

/** Resolves once no page request is in flight, or after `capMs` (a request that hangs holds nothing back for long). */
export function whenLoadsSettled(capMs: number): Promise<void> {
  if (inFlight === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, capMs);
    waiters.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

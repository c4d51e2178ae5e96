/**
 * The first answers the server wrote into the page's HTML (packages/server/src/http/page-answers.ts:
 * `{ "<api url>": <answer> }`: the voting page's vote and proxies, the meeting page's meeting), each
 * taken once by the API client's first GET of that URL: the page shows its data without a round trip
 * after its code has loaded. Read while the page is fresh only: an answer asked for later (the page
 * opened again in the app) comes from the server.
 */
const FRESH_MS = 30_000;

let answers: Map<string, unknown> | undefined;

export function answerInPage(url: string): { value: unknown } | undefined {
  if (answers === undefined) {
    answers = new Map();
    const block = typeof document === 'undefined' ? null : document.getElementById('yishi-answers');
    if (block) {
      block.remove();
      try {
        answers = new Map(Object.entries(JSON.parse(block.textContent ?? '') as Record<string, unknown>));
      } catch {
        // Not as written by the server: the page asks.
      }
    }
  }
  if (!answers.has(url)) return undefined;
  const value = answers.get(url);
  answers.delete(url);
  return performance.now() < FRESH_MS ? { value } : undefined;
}

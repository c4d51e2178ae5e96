/**
 * The JSON data blocks the server writes into a page's HTML (`<script type="application/json" id="…">`:
 * packages/server/src/http/page-session.ts, page-answers.ts), each taken once: read, then removed.
 * Undefined when the page has none (the service worker's copy of index.html) or it does not parse.
 */
export function takeDataBlock<T>(id: string): T | undefined {
  const block = typeof document === 'undefined' ? null : document.getElementById(id);
  if (!block) return undefined;
  block.remove();
  try {
    return JSON.parse(block.textContent ?? '') as T;
  } catch {
    return undefined;
  }
}

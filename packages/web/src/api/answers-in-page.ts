/**
 * A page's first answers (core's FIRST_ANSWERS: the voting page's vote and proxies, the meeting page's
 * meeting), there before the page's code asks, each taken once by the API client's first GET of its URL:
 *
 * - written into the page's HTML by the server (packages/server/src/http/page-answers.ts,
 *   `{ "<api url>": <answer> }`): no round trip after the page's code has loaded;
 * - otherwise asked for as the shell starts loading the page (askFirstAnswers), beside its check of who
 *   is logged in and while the page's code loads: a page the service worker answered from its copy of
 *   index.html, or a move within the app. A refusal or a network failure reaches the page as its own
 *   request's would (a 401 sends the visitor to log in; offline, the page shows its kept copy).
 *
 * Taken while fresh only: an answer not asked for within 30 s (the visitor went elsewhere) is dropped.
 */
import { FIRST_ANSWERS, fillEndpointPath } from '@yishi/core';
import { matchPath } from '../app/router.js';
import { takeDataBlock } from './page-data.js';

const FRESH_MS = 30_000;

interface Early {
  answer: Promise<unknown>;
  /** performance.now() when it was asked for (0: in the page's HTML). */
  at: number;
}

let early: Map<string, Early> | undefined;

/** The answers waiting, the HTML's read on first use. */
function waiting(): Map<string, Early> {
  if (early) return early;
  early = new Map();
  for (const [url, value] of Object.entries(takeDataBlock<Record<string, unknown>>('yishi-answers') ?? {}))
    early.set(url, { answer: Promise.resolve(value), at: 0 });
  return early;
}

/** The answer for a GET of `url` that came or was asked for before the page asked, taken once; undefined when none. */
export function answerInPage(url: string): Promise<unknown> | undefined {
  const found = waiting().get(url);
  if (!found) return undefined;
  early!.delete(url);
  return performance.now() - found.at < FRESH_MS ? found.answer : undefined;
}

/**
 * Forgets every answer waiting: they were asked for (or written into the HTML) for whoever was logged in then. After a
 * login, a logout or an expired session, a page takes none of them: an owner who came by a vote's link and logged in
 * would otherwise be given the refusal her first, anonymous visit got (and sent to the login page again).
 */
export function dropFirstAnswers(): void {
  waiting().clear();
}

/** Asks for the first answers of the page at `pathname` (with `get`), those the HTML did not bring. */
export function askFirstAnswers(pathname: string, get: (url: string) => Promise<unknown>): void {
  for (const { page, answers } of FIRST_ANSWERS) {
    const params = matchPath(page, pathname);
    if (!params) continue;
    for (const path of answers) {
      const url = `/api${fillEndpointPath(path, params)}`;
      // The HTML's answer stands; one asked for on an earlier visit that its page never took is asked again.
      if (waiting().get(url)?.at === 0) continue;
      const answer = get(url);
      // Taken by the page, which meets the failure then; never an unhandled rejection if it is not.
      answer.catch(() => undefined);
      early!.set(url, { answer, at: performance.now() });
    }
    return;
  }
}

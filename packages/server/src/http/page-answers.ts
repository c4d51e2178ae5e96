/**
 * A page's first answer, written into its HTML (`<script type="application/json" id="yishi-answers">`,
 * `{ "<api url>": <answer> }`): the page's script would ask for it only once the shell and the page
 * had loaded, one round trip after them; the web app's API client takes it from the page instead, once
 * (packages/web/src/api/answers-in-page.ts). For the pages people open on a phone on a weak signal: the
 * voting page an owner opens from a text message (its vote and the owner's proxies), the meeting page
 * in the meeting room and the page a resident asks from.
 *
 * The answer is the API's own: the same route asked through the app with the visitor's cookie and
 * language, so it is checked and shaped as the page's own request would be. Only a 200 is written; a
 * refusal (a vote the visitor may not see, a session that expired) is left for the page to meet as it
 * always has. Only for a visitor logged in (the caller checks): these pages need a login.
 */
import { endpointUrl, meetingEndpoints, proxyEndpoints, voteEndpoints, type Endpoint } from '@yishi/core';
import type { Context, Hono } from 'hono';
import type { AppEnv } from './context.js';
import { routeParams } from './page-html.js';
import { withDataBlock } from './page-session.js';

export const PAGE_ANSWERS_ID = 'yishi-answers';

/** Each page (the web app's route path) and the endpoints its data comes from, with the same parameters. */
const PAGES: { page: string; endpoints: Endpoint[] }[] = [
  // The vote, and the owner's proxies (the proxy panel on an owners' vote).
  { page: '/votes/:voteId', endpoints: [voteEndpoints.get, proxyEndpoints.mine] },
  // The meeting: its page in the meeting room, and the page a resident asks from (its QR code).
  { page: '/meetings/:meetingId', endpoints: [meetingEndpoints.get] },
  { page: '/meetings/:meetingId/ask', endpoints: [meetingEndpoints.get] },
];

/** `html` with the first answers of the page `c` asks for, those the API gives. */
export async function withPageAnswers(app: Hono<AppEnv>, c: Context<AppEnv>, html: string): Promise<string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const name of ['cookie', 'accept-language']) {
    const value = c.req.header(name);
    if (value !== undefined) headers[name] = value;
  }
  for (const { page, endpoints } of PAGES) {
    const params = routeParams(page, c.req.path);
    if (!params) continue;
    const answers = await Promise.all(
      endpoints.map(async (endpoint) => {
        const url = endpointUrl(endpoint, { params });
        const answer = await app.request(url, { headers }, c.env);
        if (answer.status !== 200 || !answer.headers.get('content-type')?.startsWith('application/json')) {
          await answer.body?.cancel();
          return [];
        }
        return [[url, await answer.json()] as const];
      }),
    );
    const found = answers.flat();
    return found.length > 0 ? withDataBlock(html, PAGE_ANSWERS_ID, Object.fromEntries(found)) : html;
  }
  return html;
}

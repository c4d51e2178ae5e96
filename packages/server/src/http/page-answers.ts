/**
 * A page's first answers, written into its HTML (`<script type="application/json" id="yishi-answers">`,
 * `{ "<api url>": <answer> }`) for the pages core's FIRST_ANSWERS names: the page's script would ask
 * for them only once the shell and the page had loaded, one round trip after them; the web app's API
 * client takes each from the page instead, once (packages/web/src/api/answers-in-page.ts).
 *
 * Each answer is the API's own: the same route asked through the app with the visitor's cookie and
 * in the language the page will be drawn in, so it is checked and shaped as the page's own request
 * would be. That language is the visitor's choice (the locale cookie, which the middleware reads
 * first) or the app's default, never the browser's Accept-Language: the web app does not follow the
 * browser, and a phone set to English would otherwise get the vote's options in English on a page
 * drawn in Chinese. Only a 200 is written; a
 * refusal (a vote the visitor may not see, a session that expired) is left for the page to meet as it
 * always has. Only for a visitor logged in (the caller checks): these pages need a login.
 */
import { DEFAULT_LOCALE, FIRST_ANSWERS, fillEndpointPath, meetingPageParts, voteFirstScreenParts, type MeetingView, type VoteView } from '@yishi/core';
import type { Context, Hono } from 'hono';
import type { AppEnv } from './context.js';
import { routeParams } from './page-html.js';
import { withDataBlock } from './page-session.js';

export const PAGE_ANSWERS_ID = 'yishi-answers';

/** The parts of the page its answers say it will show, by their chunk names. */
const PARTS: Record<string, (answers: Record<string, unknown>, params: Record<string, string>) => string[]> = {
  '/votes/:voteId': (answers, { voteId }) => {
    const view = answers[`/api${fillEndpointPath('/votes/:voteId', { voteId: voteId! })}`] as VoteView | undefined;
    return view ? voteFirstScreenParts(view) : [];
  },
  '/meetings/:meetingId': (answers, { meetingId }) => {
    const view = answers[`/api${fillEndpointPath('/meetings/:meetingId', { meetingId: meetingId! })}`] as MeetingView | undefined;
    return view ? meetingPageParts(view) : [];
  },
};

/**
 * `html` with the first answers of the page `c` asks for, those the API gives, and the links of the
 * parts they say the page will show (`partLinks`, from the web build): the voting page's timeline is
 * fetched with the page's own files rather than once the page has read its vote.
 */
export async function withPageAnswers(
  app: Hono<AppEnv>,
  c: Context<AppEnv>,
  html: string,
  partLinks: (path: string, names: readonly string[]) => string,
): Promise<string> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': DEFAULT_LOCALE };
  const cookie = c.req.header('cookie');
  if (cookie !== undefined) headers.cookie = cookie;
  for (const { page, answers: paths } of FIRST_ANSWERS) {
    const params = routeParams(page, c.req.path);
    if (!params) continue;
    const answers = await Promise.all(
      paths.map(async (path) => {
        const url = `/api${fillEndpointPath(path, params)}`;
        const answer = await app.request(url, { headers }, c.env);
        if (answer.status !== 200 || !answer.headers.get('content-type')?.startsWith('application/json')) {
          await answer.body?.cancel();
          return [];
        }
        return [[url, await answer.json()] as const];
      }),
    );
    const found = Object.fromEntries(answers.flat());
    if (Object.keys(found).length === 0) return html;
    const links = partLinks(c.req.path, PARTS[page]?.(found, params) ?? []);
    return withDataBlock(links ? html.replace('</head>', `${links}</head>`) : html, PAGE_ANSWERS_ID, found);
  }
  return html;
}

/**
 * Who is logged in, written into the HTML of a page (`<script type="application/json" id="yishi-session">`),
 * the same answer `GET /api/session` gives. The shell asks who is logged in before a page that needs a
 * login may load its data (packages/web/src/state/session.ts): one round trip after the scripts, and
 * one before the page's own request, on every first visit. Read from the HTML, it costs none.
 *
 * A data block, not a script: the content security policy allows no inline script, and the browser
 * runs nothing of it. Every `<` is written `\u003c` (JSON reads it back the same), so a name holding
 * `</script>` cannot end the block. The page is then about its visitor: `Cache-Control: no-store`.
 * Pages the service worker answers from its copy of index.html carry none; the shell asks then.
 */
import { sessionSchema, type Session } from '@yishi/core';
import type { Context } from 'hono';
import { describeMe } from '../services/auth.service.js';
import type { AppEnv } from './context.js';
import { sessionActor } from './middleware.js';

export const PAGE_SESSION_ID = 'yishi-session';

/** The session answer for the page's visitor (`{ me: null }` without a valid session). */
export async function pageSession(c: Context<AppEnv>): Promise<Session> {
  const deps = c.get('deps');
  const token = c.get('sessionToken');
  const actor = await sessionActor(deps, token);
  return sessionSchema.parse({ me: actor ? await describeMe(deps, actor) : null });
}

/** `html` with the session as a JSON data block at the end of its head. */
export function withSession(html: string, session: Session): string {
  return withDataBlock(html, PAGE_SESSION_ID, session);
}

/** `html` with `value` as a JSON data block (`<` written `\u003c`) with this id, at the end of its head. */
export function withDataBlock(html: string, id: string, value: unknown): string {
  const block = `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;
  const at = html.indexOf('</head>');
  return at < 0 ? html : html.slice(0, at) + block + html.slice(at);
}

import { DomainError, pickLocale, type Locale } from '@yishi/core';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { dialectOf } from '../db/dialect.js';
import { inArrivalOrder } from '../db/oldest-first-pool.js';
import type { Deps } from '../deps.js';
import { LOCALE_COOKIE, SESSION_COOKIE } from './session-cookie.js';
import { actorForToken } from '../services/auth.service.js';
import type { AppEnv } from './context.js';
import type { Actor } from '../auth/actor.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Who a session cookie's token belongs to: null for none, one not shaped like ours (not looked up), or one expired. */
export async function sessionActor(deps: Deps, token: string | null): Promise<Actor | null> {
  return token !== null && /^[\w-]{20,100}$/.test(token) ? actorForToken(deps, token) : null;
}

/**
 * Puts deps, the caller's language and the logged-in actor (or null) on the context. The actor is
 * loaded for API requests only: a page's scripts, styles and icons need no session lookup. On
 * PostgreSQL the request is numbered on arrival so that connections go to the oldest request first;
 * SQLite's one connection has no pool to order, and the request skips that async context.
 */
export function requestContext(deps: Deps): MiddlewareHandler<AppEnv> {
  const ordered = dialectOf(deps.db) === 'postgres';
  const handle: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set('deps', deps);
    const cookies = getCookie(c);
    const token = cookies[SESSION_COOKIE] ?? null;
    c.set('sessionToken', token);
    const actor = c.req.path.startsWith('/api/') ? await sessionActor(deps, token) : null;
    c.set('actor', actor);
    // The explicit choice (cookie) first, then the browser's languages, then the account's setting.
    const cookieLocale = cookies[LOCALE_COOKIE];
    const acceptLanguage = c.req.header('accept-language');
    const locale: Locale =
      cookieLocale === 'en' || cookieLocale === 'zh-CN' ? cookieLocale : acceptLanguage ? pickLocale(acceptLanguage) : (actor?.locale ?? 'zh-CN');
    c.set('locale', locale);
    await next();
  };
  return ordered ? (c, next) => inArrivalOrder(() => handle(c, next)) : handle;
}

/**
 * Cross-site request forgery: state-changing requests must come from our own pages. Browsers send
 * Origin on every such fetch; one from another site is refused. Together with SameSite=Lax cookies
 * and JSON-only bodies this closes the classic CSRF routes. Our own pages are the address the request
 * reached this process at, and the configured public URL: behind a proxy that terminates HTTPS the
 * process sees http://, while the browser's pages are https://.
 */
export function sameOriginWrites(trustedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin');
      const own = new URL(c.req.url).origin;
      const publicUrl = c.get('deps').config.publicUrl;
      const ours = origin === own || (publicUrl !== null && origin === new URL(publicUrl).origin);
      if (origin !== undefined && !ours && !trustedOrigins.includes(origin)) throw new DomainError('forbidden_origin');
      if (origin === undefined && c.req.header('sec-fetch-site') === 'cross-site') throw new DomainError('forbidden_origin');
    }
    await next();
  };
}

/** The product's content security policy: our own scripts only, no inline script, no framing. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

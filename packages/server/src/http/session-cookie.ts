/** The session cookie and what a request says about its client (address, device). */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { clientAddress } from '../auth/client-ip.js';
import type { Deps } from '../deps.js';
import type { ClientInfo } from '../services/auth.service.js';
import type { AppEnv } from './context.js';

export const SESSION_COOKIE = 'yishi_session';
export const LOCALE_COOKIE = 'yishi_locale';

export function clientInfo(c: Context<AppEnv>, deps: Deps): ClientInfo {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return {
    ip: clientAddress({
      socketAddress: incoming?.socket?.remoteAddress,
      forwardedFor: c.req.header('x-forwarded-for'),
      trustProxyHops: deps.config.trustProxyHops,
    }),
    userAgent: c.req.header('user-agent') ?? '',
  };
}

export function setSessionCookie(c: Context<AppEnv>, deps: Deps, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.config.secureCookies,
    path: '/',
    expires: new Date(deps.clock().getTime() + deps.config.sessionAbsoluteDays * 86_400_000),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

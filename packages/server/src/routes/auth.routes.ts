/** Logging in and out, who I am, and my interface language. */
import { authEndpoints } from '@yishi/core';
import { setCookie } from 'hono/cookie';
import { anyUser, defineRoute, publicAccess } from '../http/route.js';
import { LOCALE_COOKIE, clearSessionCookie, clientInfo, setSessionCookie } from '../http/session-cookie.js';
import { describeMe, login, logout, setMyLocale } from '../services/auth.service.js';

export const authRoutes = [
  defineRoute(authEndpoints.login, {
    access: publicAccess,
    handler: async ({ c, deps, body }) => {
      const result = await login(deps, body, clientInfo(c, deps));
      setSessionCookie(c, deps, result.token);
      // Said out loud, so a client (and a test) can see that its address is being slowed down.
      if (result.delayedMs > 0) c.header('X-Login-Delay-Ms', String(result.delayedMs));
      return { userId: result.userId };
    },
  }),
  defineRoute(authEndpoints.logout, {
    access: publicAccess,
    handler: async ({ c, deps }) => {
      const token = c.get('sessionToken');
      if (token) await logout(deps, token);
      clearSessionCookie(c);
      return null;
    },
  }),
  defineRoute(authEndpoints.me, { access: anyUser, handler: ({ deps, actor }) => describeMe(deps, actor) }),
  defineRoute(authEndpoints.session, {
    access: publicAccess,
    handler: async ({ c, deps, actor }) => {
      // Public, but about the caller: never kept by a cache.
      c.header('Cache-Control', 'no-store');
      return { me: actor ? await describeMe(deps, actor) : null };
    },
  }),
  defineRoute(authEndpoints.setLocale, {
    access: publicAccess,
    handler: async ({ c, deps, actor, body }) => {
      setCookie(c, LOCALE_COOKIE, body.locale, { path: '/', sameSite: 'Lax', maxAge: 365 * 86_400 });
      await setMyLocale(deps, actor, body.locale);
      return { locale: body.locale };
    },
  }),
];

import { formatUnitLabel, localeSchema, loginSchema, ROLE_LABELS } from '@yishi/core';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { clientAddress } from '../auth/client-ip.js';
import { listUnitsOfPerson } from '../db/repositories/users.repository.js';
import { listCompoundsFor } from '../services/compounds.service.js';
import { login, logout } from '../services/auth.service.js';
import type { Deps } from '../deps.js';
import type { AppEnv } from '../http/context.js';
import { anyUser, defineRoute, publicAccess } from '../http/route.js';

export const SESSION_COOKIE = 'yishi_session';
export const LOCALE_COOKIE = 'yishi_locale';

function clientIp(c: Context<AppEnv>, deps: Deps): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return clientAddress({ socketAddress: incoming?.socket?.remoteAddress, forwardedFor: c.req.header('x-forwarded-for'), trustProxyHops: deps.config.trustProxyHops });
}

function describeActor(actor: Actor) {
  return {
    userId: actor.userId,
    displayName: actor.displayName,
    locale: actor.locale,
    grants: actor.grants.map((g) => ({
      role: g.role,
      roleLabel: ROLE_LABELS[g.role],
      scopeKind: g.scopeKind,
      scopeId: g.scopeId,
      compoundId: g.compoundId ?? null,
      party: g.party,
      organisation: g.organisation,
      title: g.title,
    })),
    ownedUnitIds: actor.ownedUnits.map((u) => u.unitId),
    residentUnitIds: actor.residentUnits.map((u) => u.unitId),
  };
}

const meSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  locale: z.string(),
  grants: z.array(z.object({ role: z.string(), scopeKind: z.string(), scopeId: z.string(), compoundId: z.string().nullable() })),
  compounds: z.array(z.object({ id: z.string(), name: z.string(), myRoles: z.array(z.string()) })),
});

export const authRoutes = [
  defineRoute({
    method: 'post',
    path: '/auth/login',
    summary: 'Log in with a phone number or username and a password; sets the session cookie',
    tags: ['auth'],
    access: publicAccess,
    body: loginSchema,
    handler: async ({ c, deps, body }) => {
      const result = await login(deps, body, clientIp(c, deps));
      setCookie(c, SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: deps.config.secureCookies,
        path: '/',
        expires: new Date(deps.clock().getTime() + deps.config.sessionAbsoluteDays * 86_400_000),
      });
      return { userId: result.userId };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/logout',
    summary: 'End the current session',
    tags: ['auth'],
    access: publicAccess,
    status: 204,
    handler: async ({ c, deps }) => {
      const token = c.get('sessionToken');
      if (token) await logout(deps, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return null;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/me',
    summary: 'Who I am: my roles, my compounds and my units',
    tags: ['auth'],
    access: anyUser,
    response: meSchema,
    handler: async ({ deps, actor }) => {
      const [owned, lived] = actor.personId ? await listUnitsOfPerson(deps.db, actor.personId) : [[], []];
      const label = (u: (typeof owned)[number]) => ({ ...u, label: formatUnitLabel(u.building, u.entrance, u.room) });
      return {
        ...describeActor(actor),
        compounds: await listCompoundsFor(deps, actor),
        ownedUnits: owned.map(label),
        residentUnits: lived.map(label),
      };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/me/locale',
    summary: 'Choose the interface language (also remembered in a cookie for anonymous visitors)',
    tags: ['auth'],
    access: publicAccess,
    body: localeSchema,
    handler: async ({ c, deps, actor, body }) => {
      setCookie(c, LOCALE_COOKIE, body.locale, { path: '/', sameSite: 'Lax', maxAge: 365 * 86_400 });
      if (actor) await deps.db.updateTable('users').set({ locale: body.locale }).where('id', '=', actor.userId).execute();
      return { locale: body.locale };
    },
  }),
];

import { formatUnitLabel, localeSchema, loginResultSchema, loginSchema, ROLE_LABELS } from '@yishi/core';
import { setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { listUnitsOfPerson } from '../db/repositories/users.repository.js';
import { listCompoundsFor } from '../services/compounds.service.js';
import { login, logout } from '../services/auth.service.js';
import { anyUser, defineRoute, publicAccess } from '../http/route.js';
import { LOCALE_COOKIE, clearSessionCookie, clientInfo, setSessionCookie } from '../http/session-cookie.js';


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
    response: loginResultSchema,
    handler: async ({ c, deps, body }) => {
      const result = await login(deps, body, clientInfo(c, deps));
      setSessionCookie(c, deps, result.token);
      // Said out loud, so a client (and a test) can see that its address is being slowed down.
      if (result.delayedMs > 0) c.header('X-Login-Delay-Ms', String(result.delayedMs));
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
      clearSessionCookie(c);
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

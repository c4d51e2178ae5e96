/** First-run setup: the page behind the one-time link in the server log. */
import { loginResultSchema, setupSchema, setupStatusSchema } from '@yishi/core';
import { defineRoute, publicAccess } from '../http/route.js';
import { clientInfo, setSessionCookie } from '../http/session-cookie.js';
import { startSession } from '../services/auth.service.js';
import { completeSetup, setupNeeded } from '../services/setup.service.js';

export const setupRoutes = [
  defineRoute({
    method: 'get',
    path: '/setup/status',
    summary: 'Whether this installation still needs its first administrator',
    tags: ['setup'],
    access: publicAccess,
    response: setupStatusSchema,
    handler: async ({ deps }) => ({ needed: await setupNeeded(deps) }),
  }),
  defineRoute({
    method: 'post',
    path: '/setup',
    summary: 'Create the subdistrict and its first administrator with the one-time token from the server log; logs the administrator in',
    description: 'Works once. Refused with 409 setup_done when the installation has accounts, 403 setup_token_invalid for a token that is not in the database.',
    tags: ['setup'],
    access: publicAccess,
    body: setupSchema,
    status: 201,
    response: loginResultSchema,
    handler: async ({ c, deps, body }) => {
      const result = await completeSetup(deps, body);
      const session = await startSession(deps, result.userId, clientInfo(c, deps));
      setSessionCookie(c, deps, session.token);
      return { userId: result.userId };
    },
  }),
];

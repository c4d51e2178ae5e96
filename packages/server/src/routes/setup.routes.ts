/** First-run setup: the page behind the one-time link in the server log. */
import { setupEndpoints } from '@yishi/core';
import { defineRoute, publicAccess } from '../http/route.js';
import { clientInfo, setSessionCookie } from '../http/session-cookie.js';
import { startSession } from '../services/auth.service.js';
import { completeSetup, setupNeeded } from '../services/setup.service.js';

export const setupRoutes = [
  defineRoute(setupEndpoints.status, {
    access: publicAccess,
    handler: async ({ deps }) => ({ needed: await setupNeeded(deps) }),
  }),
  defineRoute(setupEndpoints.complete, {
    access: publicAccess,
    handler: async ({ c, deps, body }) => {
      const result = await completeSetup(deps, body);
      const session = await startSession(deps, result.userId, clientInfo(c, deps));
      setSessionCookie(c, deps, session.token);
      return { userId: result.userId };
    },
  }),
];

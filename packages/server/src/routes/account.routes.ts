/** Account care: my password, my sessions, and the one-time codes staff issue for the people they serve. */
import { COMPOUND_STAFF, accountEndpoints, activationEndpoints } from '@yishi/core';
import { unitFromParams } from '../http/place-lookups.js';
import { anyUser, defineRoute, rolesAt } from '../http/route.js';
import { changePassword, endMySession, endOtherSessions, listMySessions, setUsername } from '../services/account.service.js';
import { issueCodeForPerson } from '../services/activation.service.js';

export const accountRoutes = [
  defineRoute(accountEndpoints.changePassword, {
    access: anyUser,
    handler: async ({ deps, actor, body }) => {
      await changePassword(deps, actor, body);
      return null;
    },
  }),
  defineRoute(accountEndpoints.setUsername, {
    access: anyUser,
    handler: async ({ deps, actor, body }) => {
      await setUsername(deps, actor, body.username);
      return null;
    },
  }),
  defineRoute(accountEndpoints.sessions, { access: anyUser, handler: ({ deps, actor }) => listMySessions(deps, actor) }),
  defineRoute(accountEndpoints.endSession, {
    access: anyUser,
    handler: async ({ deps, actor, params }) => {
      await endMySession(deps, actor, params.sessionId);
      return null;
    },
  }),
  defineRoute(accountEndpoints.endOtherSessions, {
    access: anyUser,
    handler: async ({ deps, actor }) => {
      await endOtherSessions(deps, actor);
      return null;
    },
  }),
  defineRoute(activationEndpoints.issueCode, {
    access: rolesAt([...COMPOUND_STAFF, 'building_head'], unitFromParams),
    handler: ({ deps, actor, params, body }) => issueCodeForPerson(deps, actor, params.unitId, body.personId),
  }),
];

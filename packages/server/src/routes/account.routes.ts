/** Account care: my password, my sessions, and the one-time codes staff issue for the people they serve. */
import { COMPOUND_STAFF, issueCodeInputSchema, issuedCodeSchema, mySessionsSchema, passwordChangeSchema, usernameSchema } from '@yishi/core';
import { z } from 'zod';
import { unitFromParams } from '../http/place-lookups.js';
import { anyUser, defineRoute, rolesAt } from '../http/route.js';
import { changePassword, endMySession, endOtherSessions, listMySessions, setUsername } from '../services/account.service.js';
import { issueCodeForPerson } from '../services/activation.service.js';

export const accountRoutes = [
  defineRoute({
    method: 'put',
    path: '/me/password',
    summary: 'Change my password (the current one is required if I have one); my other sessions end',
    tags: ['account'],
    access: anyUser,
    body: passwordChangeSchema,
    status: 204,
    handler: async ({ deps, actor, body }) => {
      await changePassword(deps, actor, body);
      return null;
    },
  }),
  defineRoute({
    method: 'put',
    path: '/me/username',
    summary: 'Choose a login name to use besides my phone number',
    tags: ['account'],
    access: anyUser,
    body: usernameSchema,
    status: 204,
    handler: async ({ deps, actor, body }) => {
      await setUsername(deps, actor, body.username);
      return null;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/me/sessions',
    summary: 'The devices I am logged in on',
    tags: ['account'],
    access: anyUser,
    response: mySessionsSchema,
    handler: ({ deps, actor }) => listMySessions(deps, actor),
  }),
  defineRoute({
    method: 'delete',
    path: '/me/sessions/:sessionId',
    summary: 'Sign one of my devices out',
    tags: ['account'],
    access: anyUser,
    params: z.object({ sessionId: z.string().min(1).max(100) }),
    status: 204,
    handler: async ({ deps, actor, params }) => {
      await endMySession(deps, actor, params.sessionId);
      return null;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/me/sessions/end-others',
    summary: 'Sign out everywhere except this device',
    tags: ['account'],
    access: anyUser,
    status: 204,
    handler: async ({ deps, actor }) => {
      await endOtherSessions(deps, actor);
      return null;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/units/:unitId/access-codes',
    summary: "A one-time code for an owner or resident of the unit: activates their account or replaces a forgotten password; the helper never sees the password",
    tags: ['account'],
    access: rolesAt([...COMPOUND_STAFF, 'building_head'], unitFromParams),
    params: z.object({ unitId: z.string().min(1).max(40) }),
    body: issueCodeInputSchema,
    status: 201,
    response: issuedCodeSchema,
    handler: ({ deps, actor, params, body }) => issueCodeForPerson(deps, actor, params.unitId, body.personId),
  }),
];

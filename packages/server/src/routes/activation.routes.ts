/**
 * Activation and SMS login: public, and the most attacked routes of the product. Codes are limited
 * per address on failures, SMS sends per phone and per address (services/rate-limit.ts).
 */
import { activationEndpoints } from '@yishi/core';
import { defineRoute, publicAccess } from '../http/route.js';
import { clientInfo, setSessionCookie } from '../http/session-cookie.js';
import { activateAccount, loginWithSmsCode, lookupAccessCode, lookupSmsCode, requestSmsCode } from '../services/activation.service.js';

export const activationRoutes = [
  defineRoute(activationEndpoints.lookup, {
    access: publicAccess,
    handler: ({ c, deps, body }) => lookupAccessCode(deps, body.code, clientInfo(c, deps).ip),
  }),
  defineRoute(activationEndpoints.lookupSms, {
    access: publicAccess,
    handler: ({ c, deps, body }) => lookupSmsCode(deps, body.phone, body.smsCode, clientInfo(c, deps).ip),
  }),
  defineRoute(activationEndpoints.sendSmsCode, {
    access: publicAccess,
    handler: ({ c, deps, body }) => requestSmsCode(deps, body.phone, clientInfo(c, deps).ip),
  }),
  defineRoute(activationEndpoints.activate, {
    access: publicAccess,
    handler: async ({ c, deps, body }) => {
      const session = await activateAccount(deps, body, clientInfo(c, deps));
      setSessionCookie(c, deps, session.token);
      return { userId: session.userId };
    },
  }),
  defineRoute(activationEndpoints.loginWithSms, {
    access: publicAccess,
    handler: async ({ c, deps, body }) => {
      const session = await loginWithSmsCode(deps, body.phone, body.smsCode, clientInfo(c, deps));
      setSessionCookie(c, deps, session.token);
      return { userId: session.userId };
    },
  }),
];

/**
 * Activation and SMS login: public, and the most attacked routes of the product. Codes are limited
 * per address on failures, SMS sends per phone and per address (services/rate-limit.ts).
 */
import {
  accessCodeSchema,
  activateSchema,
  activationLookupSchema,
  loginResultSchema,
  smsCodeRequestSchema,
  smsCodeSentSchema,
  smsLoginSchema,
} from '@yishi/core';
import { defineRoute, publicAccess } from '../http/route.js';
import { clientInfo, setSessionCookie } from '../http/session-cookie.js';
import { activateAccount, loginWithSmsCode, lookupAccessCode, requestSmsCode } from '../services/activation.service.js';

export const activationRoutes = [
  defineRoute({
    method: 'post',
    path: '/activation/lookup',
    summary: 'What an activation, staff or invitation code opens: whose account, which units (names masked)',
    tags: ['activation'],
    access: publicAccess,
    body: accessCodeSchema,
    response: activationLookupSchema,
    handler: ({ c, deps, body }) => lookupAccessCode(deps, body.code, clientInfo(c, deps).ip),
  }),
  defineRoute({
    method: 'post',
    path: '/auth/sms-code',
    summary: 'Send a 6-digit code by SMS to a phone on a roster or of an account (to activate, or to log in)',
    description: 'At most one a minute and ten a day per phone, thirty an hour per address. Without an SMS provider the code goes to the server log.',
    tags: ['activation'],
    access: publicAccess,
    body: smsCodeRequestSchema,
    response: smsCodeSentSchema,
    handler: ({ c, deps, body }) => requestSmsCode(deps, body.phone, clientInfo(c, deps).ip),
  }),
  defineRoute({
    method: 'post',
    path: '/activation',
    summary: 'Set up an account with a code (letter, staff, invitation) or a phone and its SMS code; consent required; logs in',
    tags: ['activation'],
    access: publicAccess,
    body: activateSchema,
    response: loginResultSchema,
    handler: async ({ c, deps, body }) => {
      const session = await activateAccount(deps, body, clientInfo(c, deps));
      setSessionCookie(c, deps, session.token);
      return { userId: session.userId };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/login-sms',
    summary: 'Log in with a phone and the SMS code sent to it',
    tags: ['auth'],
    access: publicAccess,
    body: smsLoginSchema,
    response: loginResultSchema,
    handler: async ({ c, deps, body }) => {
      const session = await loginWithSmsCode(deps, body.phone, body.smsCode, clientInfo(c, deps));
      setSessionCookie(c, deps, session.token);
      return { userId: session.userId };
    },
  }),
];

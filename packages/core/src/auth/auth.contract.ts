/**
 * The session endpoints (log in with a password, log out, who I am, my interface language) and the
 * instance's health check. Declared once; the server implements them, the web app calls them, the
 * OpenAPI document describes them. (SMS login and activation are the accounts feature's.)
 */
import { endpoint } from '../contract/endpoint.js';
import { loginResultSchema } from '../accounts/accounts.schema.js';
import { healthSchema, localeSchema, loginSchema, meSchema, sessionSchema } from './auth.schema.js';

export const authEndpoints = {
  login: endpoint({
    method: 'post',
    path: '/auth/login',
    summary: 'Log in with a phone number or username and a password; sets the session cookie',
    description: 'An address with many failed logins is slowed down, never locked: the delay is said in the X-Login-Delay-Ms header.',
    tags: ['auth'],
    body: loginSchema,
    response: loginResultSchema,
  }),
  logout: endpoint({ method: 'post', path: '/auth/logout', summary: 'End the current session', tags: ['auth'], status: 204 }),
  me: endpoint({ method: 'get', path: '/me', summary: 'Who I am: my roles, my compounds and my units', tags: ['auth'], response: meSchema }),
  session: endpoint({
    method: 'get',
    path: '/session',
    summary: 'Who is logged in, if anyone: the same answer as GET /me, or null for an anonymous visitor',
    description:
      'For pages anyone may open (the notice board, public minutes): they ask who is there without a 401 for anonymous visitors, which browsers log as an error. Never cached.',
    tags: ['auth', 'public'],
    response: sessionSchema,
  }),
  setLocale: endpoint({
    method: 'put',
    path: '/me/locale',
    summary: 'Choose the interface language (also remembered in a cookie for anonymous visitors)',
    tags: ['auth'],
    body: localeSchema,
    response: localeSchema,
  }),
};

export const healthEndpoints = {
  check: endpoint({
    method: 'get',
    path: '/health',
    summary: 'Health check: database and relay reachable; names the answering instance',
    description:
      'For load balancers and monitoring: 200 when this instance can reach its database (and its Redis relay, when one is configured); otherwise 503 instance_unhealthy, whose details are this same answer.',
    tags: ['operations', 'public'],
    response: healthSchema,
  }),
};

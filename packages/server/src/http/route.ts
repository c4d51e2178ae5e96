/**
 * Every API route is an endpoint of the core contract (method, path, input and answer schemas) plus
 * what the server adds with `defineRoute`: who may call it and at which place, and its handler. From
 * that the app registers the Hono handler (auth, validation, error body, the answer checked in
 * tests), the OpenAPI document is generated, and the access-matrix tests read the permission table.
 * A route cannot forget to check access, because declaring access is not optional.
 */
import {
  DomainError,
  errorMessage,
  isErrorCode,
  type BodyOf,
  type Endpoint,
  type HeadersOf,
  type Locale,
  type ParamsOf,
  type ProducesFile,
  type QueryOf,
  type ResultOf,
  type Role,
} from '@yishi/core';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Actor, PlaceChain } from '../auth/actor.js';
import { mayAct } from '../auth/authorize.js';
import type { Db } from '../db/repositories/places.repository.js';
import type { Deps } from '../deps.js';
import type { AppEnv } from './context.js';
import { readCsvBody, readJsonBody, readSpreadsheetBody, refuseNulCharacters, zodDetails } from './body.js';
import { readImageBody } from './image-body.js';
import { jsonAnswer } from './json-answer.js';
import { plainErrorMap } from './plain-errors.js';

/**
 * Finds the place a request is about from its path and query (never its body: access is decided
 * before the body is read, so a caller without access learns nothing from validation errors).
 */
export interface PlaceLookup<P = unknown, Q = unknown> {
  (input: { db: Db; params: P; query: Q; actor: Actor | null }): Promise<PlaceChain | undefined>;
}

/**
 * - public: anybody, logged in or not;
 * - user: any logged-in user (their own data);
 * - roles: the actor must hold one of the roles at the place the lookup finds (404 when none).
 */
/** A lookup of any parameters: `never` accepts every lookup (parameters are contravariant), mountRoutes calls it with the route's own. */
export type RoleAccess = { kind: 'roles'; roles: readonly Role[]; place: PlaceLookup<never, never> };
export type Access = { kind: 'public' } | { kind: 'user' } | RoleAccess;

export const publicAccess = { kind: 'public' } as const;
export const anyUser = { kind: 'user' } as const;
export function rolesAt<P = unknown, Q = unknown>(roles: readonly Role[], place: PlaceLookup<P, Q>): RoleAccess {
  return { kind: 'roles', roles, place };
}

export interface HandlerContext<B, Q, P, A extends Access, H = unknown> {
  c: Context<AppEnv>;
  deps: Deps;
  locale: Locale;
  actor: A extends { kind: 'public' } ? Actor | null : Actor;
  /** The place the request is about, for routes with role access. */
  place: PlaceChain | null;
  body: B;
  query: Q;
  params: P;
  /** The request headers the endpoint declares (`headers`), validated; undefined when it declares none. */
  headers: H;
}

/**
 * A mounted route: its endpoint (core contract) with what the server adds. `finerAccess` is a finer
 * rule the service applies after the role check (e.g. "only the convener"), in words; the OpenAPI
 * document shows it, and the access-matrix test accepts a 403 from an allowed role only here.
 */
export type RouteDef = Endpoint & {
  access: Access;
  finerAccess?: string;
  handler: (ctx: HandlerContext<unknown, unknown, unknown, Access>) => Promise<unknown> | unknown;
};

const BODY_READERS = { json: readJsonBody, csv: readCsvBody, spreadsheet: readSpreadsheetBody, image: readImageBody } as const;
export type BodyKind = keyof typeof BODY_READERS;

/** What a route adds to its endpoint (core contract): who may call it, and the handler. */
export interface RouteImplementation<E extends Endpoint, A extends Access> {
  access: A;
  /** A finer rule the service applies after the role check, in words (see RouteDef). */
  finerAccess?: string;
  handler: (
    ctx: HandlerContext<BodyOf<E>, QueryOf<E>, ParamsOf<E>, A, HeadersOf<E>>,
  ) => ProducesFile<E> extends true ? Promise<Response> | Response : Promise<ResultOf<E>> | ResultOf<E>;
}

/**
 * Declares a route: an endpoint of the core contract (method, path, schemas, answer) and what the
 * server adds to it — who may call it, and the handler, typed by the endpoint's schemas.
 */
export function defineRoute<E extends Endpoint, A extends Access>(endpoint: E, implementation: RouteImplementation<E, A>): RouteDef {
  return { ...endpoint, ...implementation } as unknown as RouteDef;
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, locale: Locale): z.output<S> {
  const result = schema.safeParse(value, { error: plainErrorMap(locale) });
  if (!result.success) {
    // A schema's own message may be an error code (`phone_invalid`): say it in the caller's language.
    const raw = zodDetails(result.error);
    const details = raw.map((d) => (isErrorCode(d.message) ? { ...d, message: errorMessage(d.message, locale) } : d));
    // Words from our own table say which field they are about; zod's generic ones need the path.
    const first = details[0];
    const problem = !first
      ? errorMessage('validation_check', locale)
      : isErrorCode(raw[0]!.message) || !first.path
        ? first.message
        : `${first.path}: ${first.message}`;
    const more = details.length > 1 ? (locale === 'en' ? ` (and ${details.length - 1} more)` : `（另有 ${details.length - 1} 处）`) : '';
    throw new DomainError('validation_failed', { problem: problem + more }, details);
  }
  return result.data;
}

export function mountRoutes(app: Hono<AppEnv>, routes: readonly RouteDef[]): void {
  for (const route of routes) {
    app.on(route.method.toUpperCase(), `/api${route.path}`, async (c) => {
      const deps = c.get('deps');
      const locale = c.get('locale');
      const actor = c.get('actor');
      // A personal answer (anything behind a login: who I am, a roster with names and phones, a
      // ballot roll), and its refusal, is never kept by a browser or proxy cache; a header set here
      // reaches files too.
      if (route.access.kind !== 'public') c.header('Cache-Control', 'no-store');
      if (route.access.kind !== 'public' && !actor) throw new DomainError('unauthenticated');

      refuseNulCharacters({ url: c.req.url }, locale);
      const params = route.params ? parseWith(route.params, c.req.param(), locale) : c.req.param();
      const query = route.query ? parseWith(route.query, c.req.query(), locale) : undefined;
      const headers = route.headers ? parseWith(route.headers, declaredHeaders(route.headers, c), locale) : undefined;

      let place: PlaceChain | null = null;
      if (route.access.kind === 'roles') {
        const found = await (route.access.place as PlaceLookup)({ db: deps.db, params, query, actor });
        if (!found) throw new DomainError('not_found');
        if (!actor || !mayAct(actor, route.access.roles, found)) throw new DomainError('forbidden');
        place = found;
      }

      let body: unknown;
      if (route.body) {
        const raw = await BODY_READERS[route.bodyKind ?? 'json'](c);
        // A picture's bytes are no text (and would be walked byte by byte).
        if (route.bodyKind !== 'image') refuseNulCharacters({ body: raw }, locale);
        body = parseWith(route.body, raw, locale);
      }

      const result = await route.handler({ c, deps, locale, actor: actor as Actor, place, body, query, params, headers });
      if (result instanceof Response) return result;
      if (deps.config.checkResponses) assertMatchesResponse(route, result);
      if (route.status === 204) return c.body(null, 204);
      return jsonAnswer(c, result, route.status ?? 200);
    });
  }
}

/** The values of the headers a schema names (as the reference spells them; the wire is case-insensitive), absent ones left out. */
function declaredHeaders(schema: z.ZodType, c: Context<AppEnv>): Record<string, string> {
  const names = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  return Object.fromEntries(names.flatMap((name) => (c.req.header(name) === undefined ? [] : [[name, c.req.header(name)!]])));
}

/**
 * Tests run with `checkResponses`: an answer that does not match its route's response schema is a
 * 500 naming the mismatch, so every test that calls a route also checks the contract.
 */
function assertMatchesResponse(route: RouteDef, result: unknown): void {
  // Every route declaring one is a test of its own (tests/security/openapi-doc.test.ts).
  if (route.status === 204 || route.produces || !route.response) return;
  const checked = route.response.safeParse(result);
  if (!checked.success) {
    const problems = checked.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`${route.method.toUpperCase()} ${route.path} answered outside its response schema: ${problems.join('; ')}`);
  }
}

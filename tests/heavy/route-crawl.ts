/**
 * Every GET route of the API, called on one compound as its staff, its owner or anonymously (issue
 * 18: "no 500 anywhere, no response over 500 KB" on the 10,000-unit compound). Path parameters are
 * the compound's own rows (its latest meeting, its vote, an action item …); a parameter the compound
 * has no row for is given a made-up id, and the route must then refuse in words (404), not fail.
 * JSON answers are held to MAX_JSON_BYTES; files (CSV, XLSX, PDF, ZIP) are downloads streamed to the
 * caller and only have to succeed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../packages/server/src/db/database.js';
import { allRoutes } from '../../packages/server/src/routes/index.js';
import type { RouteDef } from '../../packages/server/src/http/route.js';
import type { TestApp } from '../../packages/server/src/testing/test-app.js';

export const MAX_JSON_BYTES = 500 * 1024;

export interface CrawledRoute {
  route: string;
  status: number;
  bytes: number;
  json: boolean;
}

type Resolver = () => Promise<string | undefined>;

function resolvers(db: Kysely<Database>, compoundId: string, voteId: string): Record<string, Resolver> {
  const first = async (query: Promise<{ id: string } | undefined>) => (await query)?.id;
  return {
    compoundId: async () => compoundId,
    voteId: async () => voteId,
    itemId: () => first(db.selectFrom('action_items').select('id').where('compound_id', '=', compoundId).orderBy('created_at', 'desc').executeTakeFirst()),
    proposalId: () => first(db.selectFrom('proposals').select('id').where('compound_id', '=', compoundId).executeTakeFirst()),
    unitId: () => first(db.selectFrom('units').select('id').where('compound_id', '=', compoundId).executeTakeFirst()),
    communityId: async () => (await db.selectFrom('compounds').select('community_id').where('id', '=', compoundId).executeTakeFirstOrThrow()).community_id,
    photoId: () => first(db.selectFrom('photos').select('id').where('compound_id', '=', compoundId).executeTakeFirst()),
  };
}

/** Where a route's path names a meeting, the kind of meeting it is about (questions: an evening talk; minutes: a closed one). */
function meetingFor(path: string, db: Kysely<Database>, compoundId: string): Resolver | null {
  if (!path.includes(':meetingId')) return null;
  let q = db.selectFrom('meetings').select('id').where('compound_id', '=', compoundId).orderBy('starts_at', 'desc');
  if (path.includes('/questions') || path.includes('/hall') || path.includes('/ask-qr')) q = q.where('kind', '=', 'evening_talk');
  if (path.includes('minutes') || path.includes('reconciliation') || path.includes('evidence')) q = q.where('status', '=', 'closed');
  return async () => (await q.executeTakeFirst())?.id;
}

/** Query strings some routes need to answer at all. */
function queryFor(path: string, compoundId: string, communityId: string, voteId: string): string {
  if (path.startsWith('/dashboard')) return `?scope=community&id=${communityId}`;
  if (path.endsWith('/notification-deliveries')) return `?subjectKind=vote&subjectId=${voteId}`;
  if (path === '/staff') return `?scopeKind=compound&scopeId=${compoundId}`;
  return '';
}

/**
 * Calls every GET route once; for a route behind roles or a login, with the first of `cookies` that
 * is not refused (403). Returns what each answered.
 */
export async function crawlGetRoutes(t: TestApp, options: { compoundId: string; voteId: string; cookies: string[] }): Promise<CrawledRoute[]> {
  const db = t.deps.db;
  const values = resolvers(db, options.compoundId, options.voteId);
  const communityId = (await values.communityId!())!;
  const crawled: CrawledRoute[] = [];
  for (const route of allRoutes.filter((r: RouteDef) => r.method === 'get')) {
    let path = route.path;
    for (const [, name] of route.path.matchAll(/:(\w+)/g)) {
      const resolve = (name === 'meetingId' ? meetingFor(route.path, db, options.compoundId) : null) ?? values[name!];
      const value = (await resolve?.()) ?? `none-${name}`;
      path = path.replace(`:${name}`, encodeURIComponent(value));
    }
    const url = `/api${path}${queryFor(route.path, options.compoundId, communityId, options.voteId)}`;
    const attempts = route.access.kind === 'public' ? [undefined] : options.cookies;
    let res = await t.call('GET', url, { cookie: attempts[0] });
    for (const cookie of attempts.slice(1)) {
      if (res.status !== 403 && res.status !== 401) break;
      await res.body?.cancel();
      res = await t.call('GET', url, { cookie });
    }
    const body = Buffer.from(await res.arrayBuffer());
    crawled.push({
      route: `GET ${route.path}`,
      status: res.status,
      bytes: body.length,
      json: (res.headers.get('content-type') ?? '').includes('json'),
    });
  }
  return crawled;
}

/**
 * The access matrix: every route that names roles, called by every demo account (and anonymously),
 * against the permission table — the roles each route declares (see packages/server/src/routes). The
 * accounts' roles are written out independently below, so this checks the authorization mechanism
 * (grants, place chains, lookups) against the declared table, not against itself.
 *
 * Expected: anonymous → 401; an account holding none of the declared roles at the place → 403; an
 * account holding one → anything but 401/403 (403 is accepted only where the route states a finer
 * rule in `finerAccess`). Refused callers run first, so no write by an allowed caller can change what
 * a refused caller sees.
 */
import { randomBytes } from 'node:crypto';
import { isErrorCode, type Role } from '@yishi/core';
import { afterAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../packages/server/src/routes/index.js';
import type { RouteDef } from '../../packages/server/src/http/route.js';
import { hashToken } from '../../packages/server/src/services/auth.service.js';
import { createTestApp, type TestApp } from '../../packages/server/src/testing/test-app.js';

/** Each demo account's roles in 都市春天小区 (DSCT), as the README's table of demo accounts says. */
const ROLES_IN_DSCT: Record<string, Role[]> = {
  jiedao: ['subdistrict_committee'],
  shequ: ['community_staff'],
  zhanzhang: ['station_chief'],
  fuzhan: ['station_deputy', 'party_rep'],
  wangge: ['station_deputy', 'grid_worker'],
  wuye: ['station_deputy', 'party_rep'],
  yeweihui: ['station_deputy', 'party_rep', 'owner'],
  zhujian: ['party_rep'],
  chengguan: ['party_rep'],
  loudong: ['building_head', 'owner'],
  yezhu: ['owner'],
  yezhu2: ['owner'],
  jumin: ['resident'],
  cuiyuan: [],
};

async function sessionCookie(t: TestApp, username: string): Promise<string> {
  const user = await t.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await t.deps.db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
      absolute_expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
      last_seen_at: now.toISOString(),
    })
    .execute();
  return `yishi_session=${token}`;
}

/** Real ids from the demo data of DSCT for every path parameter a route can have. */
async function resolvePath(t: TestApp, route: RouteDef): Promise<string> {
  const db = t.deps.db;
  const compoundId = await t.compoundId('DSCT');
  const community = await db.selectFrom('compounds').select('community_id').where('id', '=', compoundId).executeTakeFirstOrThrow();
  // Routes about residents' questions are about an evening talk, minutes about a meeting that was
  // held; the rest about the latest meeting.
  const meeting = await db
    .selectFrom('meetings')
    .select('id')
    .where('compound_id', '=', compoundId)
    .$if(route.path.includes('/questions'), (q) => q.where('kind', '=', 'evening_talk'))
    .$if(route.path.includes('/minutes'), (q) => q.where('status', '=', 'closed'))
    .orderBy('starts_at', 'desc')
    .executeTakeFirstOrThrow();
  /** The first row of `table` about the vote below, or `none` (a 404 in words) when the demo has none. */
  const firstOfVote = async (table: 'vote_proxies' | 'roll_objections' | 'ballot_disputes', none: string) =>
    (
      await db
        .selectFrom(table)
        .select('id')
        .where('vote_id', '=', await values.voteId!())
        .executeTakeFirst()
    )?.id ?? none;
  const values: Record<string, () => Promise<string>> = {
    compoundId: async () => compoundId,
    meetingId: async () => meeting.id,
    voteId: async () =>
      (await db.selectFrom('votes').select('id').where('compound_id', '=', compoundId).where('building_id', 'is', null).executeTakeFirstOrThrow()).id,
    proposalId: async () => (await db.selectFrom('proposals').select('id').where('compound_id', '=', compoundId).executeTakeFirstOrThrow()).id,
    attendanceId: async () => (await db.selectFrom('meeting_attendance').select('id').where('meeting_id', '=', meeting.id).executeTakeFirstOrThrow()).id,
    subdistrictId: async () =>
      (await db.selectFrom('communities').select('subdistrict_id').where('id', '=', community.community_id).executeTakeFirstOrThrow()).subdistrict_id,
    communityId: async () => community.community_id,
    scopeKind: async () => 'compound',
    scopeId: async () => compoundId,
    // 黄伟's grant as a department representative (he is refused everywhere here, so he runs first).
    grantId: async () =>
      (
        await db
          .selectFrom('role_assignments')
          .innerJoin('users', 'users.id', 'role_assignments.user_id')
          .select('role_assignments.id')
          .where('users.username', '=', 'zhujian')
          .executeTakeFirstOrThrow()
      ).id,
    // 王建国's flat in 1栋, the building of the building head.
    unitId: async () =>
      (
        await db
          .selectFrom('ownerships')
          .innerJoin('users', 'users.person_id', 'ownerships.person_id')
          .innerJoin('units', 'units.id', 'ownerships.unit_id')
          .innerJoin('buildings', 'buildings.id', 'units.building_id')
          .select('units.id')
          .where('users.username', '=', 'yezhu')
          .where('buildings.name', '=', '1')
          .executeTakeFirstOrThrow()
      ).id,
    // A staff group robot of DSCT (the demo has none: one is added the first time a route needs it).
    robotId: async () => {
      const robot = await db.selectFrom('compound_robots').select('id').where('compound_id', '=', compoundId).executeTakeFirst();
      if (robot) return robot.id;
      const at = new Date().toISOString();
      const id = `matrix-robot-${randomBytes(4).toString('hex')}`;
      await db
        .insertInto('compound_robots')
        .values({
          id,
          compound_id: compoundId,
          kind: 'wecom',
          name: '都市春天工作群',
          url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=matrix',
          secret: null,
          events_json: '[]',
          enabled: 1,
          created_by_user_id: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      return id;
    },
    // A notification event of DSCT: the opening of its open vote (recorded here if the demo has none).
    eventId: async () => {
      const event = await db.selectFrom('notification_events').select('id').where('compound_id', '=', compoundId).executeTakeFirst();
      if (event) return event.id;
      const vote = await db.selectFrom('votes').select('id').where('compound_id', '=', compoundId).where('status', '=', 'open').executeTakeFirstOrThrow();
      const id = `matrix-event-${randomBytes(4).toString('hex')}`;
      await db
        .insertInto('notification_events')
        .values({
          id,
          kind: 'vote_opened',
          compound_id: compoundId,
          subject_kind: 'vote',
          subject_id: vote.id,
          dedupe_key: null,
          params_json: '{}',
          caused_by_user_id: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      return id;
    },
    // A slip of the vote above waiting for review (the demo's open vote has two), and an authorisation of it (the demo has none: 404 in words).
    entryId: async () =>
      (
        await db
          .selectFrom('paper_ballot_entries')
          .select('id')
          .where('vote_id', '=', await values.voteId!())
          .orderBy('status', 'desc')
          .executeTakeFirst()
      )?.id ?? 'no-entry',
    proxyId: () => firstOfVote('vote_proxies', 'no-proxy'),
    // A roll correction request and a 询异 dispute of the vote above (the demo has none: 404 in words).
    objectionId: () => firstOfVote('roll_objections', 'no-objection'),
    disputeId: () => firstOfVote('ballot_disputes', 'no-dispute'),
    questionId: async () => (await db.selectFrom('meeting_questions').select('id').where('compound_id', '=', compoundId).executeTakeFirstOrThrow()).id,
  };
  let path = route.path;
  for (const [, name] of route.path.matchAll(/:(\w+)/g)) {
    let value: string;
    if (name === 'itemId' && route.path.includes('agenda-items')) {
      const withItems = await db.selectFrom('meeting_agenda_items').select(['id', 'meeting_id']).executeTakeFirstOrThrow();
      path = path.replace(':meetingId', withItems.meeting_id);
      value = withItems.id;
    } else if (name === 'itemId') {
      value = (await db.selectFrom('action_items').select('id').where('compound_id', '=', compoundId).executeTakeFirstOrThrow()).id;
    } else {
      const resolve = values[name!];
      if (!resolve) throw new Error(`The access matrix does not know path parameter :${name} (${route.method} ${route.path}); add it.`);
      value = await resolve();
    }
    path = path.replace(`:${name}`, value);
  }
  if (route.path.startsWith('/dashboard')) path += `?scope=community&id=${community.community_id}`;
  if (route.path.endsWith('/notification-deliveries')) path += `?subjectKind=vote&subjectId=${await values.voteId!()}`;
  return `/api${path}`;
}

/**
 * What an allowed caller must get — the right answer, not merely "not 401/403": a success that
 * matches the route's response schema (test apps check every JSON answer against it; a mismatch is
 * a 500), or a refusal in the one error shape with a code from core's table and its words (input
 * refused, a business rule); never a 5xx; a 403 only where the route states a finer rule. Null when
 * the answer is right.
 */
async function wrongAnswerForAllowed(route: RouteDef, res: Response): Promise<string | null> {
  if (res.status === 401) return 'authenticated callers are never 401';
  if (res.status === 403) return route.finerAccess ? null : 'no finer rule is declared';
  if (res.status >= 500) return 'server error (an answer outside its schema is one)';
  if (res.status < 400) return null;
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
  if (typeof body?.error?.code !== 'string' || !isErrorCode(body.error.code)) return 'a refusal without a known error code';
  return typeof body.error.message === 'string' && body.error.message !== body.error.code ? null : 'a refusal without words';
}

/**
 * The matrix is run in three parts, one a file, so that the parts run side by side (a write gets a
 * fresh database, which on PostgreSQL is most of the time). Every role-checked route is in exactly one.
 */
export type MatrixPart = 'votes' | 'meetings' | 'places';
export function partOf(route: RouteDef): MatrixPart {
  if (/\/(votes|proposals)(\/|$)/.test(route.path)) return 'votes';
  if (/\/(meetings|action-items|ledger)(\/|$)/.test(route.path)) return 'meetings';
  return 'places';
}
export const roleRoutes = allRoutes.filter((r) => r.access.kind === 'roles');

export function accessMatrix(part: MatrixPart): void {
  const routes = roleRoutes.filter((route) => partOf(route) === part);
  describe(`access matrix (${part}): every role-checked route × every demo account`, () => {
    // Reads share one app (a read changes nothing another read's access depends on); each write gets a fresh one.
    let readsApp: Promise<TestApp> | null = null;
    const appFor = (route: RouteDef) => (route.method === 'get' ? (readsApp ??= createTestApp()) : createTestApp());
    afterAll(async () => (await readsApp)?.close());

    it('covers the routes', () => {
      expect(roleRoutes.length).toBeGreaterThan(40);
      expect(routes.length).toBeGreaterThan(10);
    });

    for (const route of routes) {
      const declared = route.access.kind === 'roles' ? route.access.roles : [];
      it(`${route.method.toUpperCase()} ${route.path}`, async () => {
        const t = await appFor(route);
        try {
          const path = await resolvePath(t, route);
          const call = async (cookie?: string) => {
            const headers: Record<string, string> = {};
            if (cookie) headers.cookie = cookie;
            let body: string | undefined;
            if (route.body) {
              headers['content-type'] = route.bodyKind === 'csv' ? 'text/csv' : 'application/json';
              body = route.bodyKind === 'csv' ? '' : '{}';
            }
            return t.app.request(path, { method: route.method.toUpperCase(), headers, body });
          };

          const anonymous = await call();
          expect(anonymous.status, 'anonymous').toBe(401);

          const accounts = Object.entries(ROLES_IN_DSCT).map(([login, roles]) => ({ login, allowed: roles.some((r) => declared.includes(r)) }));
          const failures: string[] = [];
          let succeeded = false;
          for (const { login, allowed } of [...accounts.filter((a) => !a.allowed), ...accounts.filter((a) => a.allowed)]) {
            const res = await call(await sessionCookie(t, login));
            const problem = allowed ? await wrongAnswerForAllowed(route, res) : res.status === 403 ? null : 'expected 403';
            if (problem) failures.push(`${login} (${allowed ? 'allowed' : 'refused'}) got ${res.status} (${problem}): ${(await res.text()).slice(0, 160)}`);
            if (allowed && res.status === 200) succeeded = true;
          }
          // A read is exercised for real: some allowed caller gets its data (checked against its schema).
          if (route.method === 'get' && !succeeded) failures.push('no allowed caller got 200');
          expect(failures).toEqual([]);
        } finally {
          if (route.method !== 'get') await t.close();
        }
      });
    }
  });
}

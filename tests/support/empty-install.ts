/**
 * A real installation from an EMPTY database, built through the API the way a subdistrict starts:
 * the first-run setup with the token the server logs, a community and a compound, a small roster,
 * staff granted roles (each grant returns an invitation code), and one-time codes staff issue for
 * owners. SMS codes are read from the server's captured log (startTestServer({ captureSms: true })).
 */
import { createSetupLink } from '../../packages/server/src/services/setup.service.js';
import type { TestServer } from './server.js';

export const ADMIN = { subdistrict: '秀江街道', name: '赵立新', phone: '13900000001', password: 'xiu-jiang-jie-dao-2026' };

/** The roster of 都市春天小区 used by the account tests. */
export const ROSTER_CSV = [
  '楼栋,单元,房号,面积,业主,手机',
  '1,1,301,89.56,王建国,13800000001',
  '1,1,302,90.12,李红,13800000002',
  '2,1,101,76.30,张伟,13800000003',
  '2,1,102,76.30,刘芳,13800000004',
  '2,1,201,88.00,陈明华,13800000005',
].join('\r\n');

export interface Installation {
  adminCookie: string;
  compoundId: string;
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  /** The session cookie the answer set ("yishi_session=…"), or ''. */
  cookie: string;
}

/** Calls the API like the web app does (same origin, JSON or CSV), optionally with a session cookie. */
export async function callApi<T = unknown>(
  server: TestServer,
  method: string,
  path: string,
  options: { json?: unknown; csv?: string; cookie?: string; userAgent?: string } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { origin: server.url, accept: 'application/json' };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.userAgent) headers['user-agent'] = options.userAgent;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.csv !== undefined) {
    headers['content-type'] = 'text/csv';
    body = options.csv;
  }
  const res = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await res.text();
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, cookie: cookie.includes('=') && !cookie.endsWith('=') ? cookie : '' };
}

async function ok<T>(answer: Promise<ApiAnswer<T>>, what: string): Promise<ApiAnswer<T>> {
  const a = await answer;
  if (a.status >= 300) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.body)}`);
  return a;
}

/** The one-time setup token, exactly as the server logs it at start-up. */
export async function setupToken(server: TestServer): Promise<string> {
  const link = await createSetupLink(server.deps);
  if (!link) throw new Error('the installation is already set up');
  return new URL(link).searchParams.get('token')!;
}

/** Setup, a community with one compound, and its roster: what the administrator does first. */
export async function installNeighbourhood(server: TestServer): Promise<Installation> {
  const setup = await ok(callApi(server, 'POST', '/api/setup', { json: { token: await setupToken(server), ...ADMIN } }), 'setup');
  return buildNeighbourhood(server, setup.cookie);
}

/** A community, the compound 都市春天小区 and its roster, as the (logged-in) administrator. */
export async function buildNeighbourhood(server: TestServer, adminCookie: string): Promise<Installation> {
  const places = await ok(callApi<{ subdistricts: Array<{ id: string }> }>(server, 'GET', '/api/places', { cookie: adminCookie }), 'places');
  const subdistrictId = places.body.subdistricts[0]!.id;
  const community = await ok(
    callApi<{ id: string }>(server, 'POST', `/api/subdistricts/${subdistrictId}/communities`, { cookie: adminCookie, json: { name: '宜阳社区' } }),
    'community',
  );
  const compound = await ok(
    callApi<{ id: string }>(server, 'POST', `/api/communities/${community.body.id}/compounds`, {
      cookie: adminCookie,
      json: { name: '都市春天小区', code: 'DSCT', address: '都市春天小区服务站' },
    }),
    'compound',
  );
  await ok(callApi(server, 'POST', `/api/compounds/${compound.body.id}/roster`, { cookie: adminCookie, csv: ROSTER_CSV }), 'roster');
  return { adminCookie, compoundId: compound.body.id };
}

/** Grants a staff role at the compound; returns the invitation code the granter is shown. */
export async function inviteStaff(server: TestServer, install: Installation, person: { name: string; phone: string; role: string }): Promise<string> {
  const grant = await ok(
    callApi<{ invitation: { code: string } | null }>(server, 'POST', `/api/places/compound/${install.compoundId}/grants`, {
      cookie: install.adminCookie,
      json: person,
    }),
    'grant',
  );
  if (!grant.body.invitation) throw new Error(`no invitation for ${person.name}`);
  return grant.body.invitation.code;
}

/** A one-time code a staff member issues in person for the owner with this phone (activation or a new password). */
export async function issueOwnerCode(server: TestServer, install: Installation, phone: string): Promise<string> {
  const person = await server.deps.db.selectFrom('persons').select('id').where('phone', '=', phone).executeTakeFirstOrThrow();
  const unit = await server.deps.db.selectFrom('ownerships').select('unit_id').where('person_id', '=', person.id).executeTakeFirstOrThrow();
  const issued = await ok(
    callApi<{ code: string }>(server, 'POST', `/api/units/${unit.unit_id}/access-codes`, { cookie: install.adminCookie, json: { personId: person.id } }),
    'access code',
  );
  return issued.body.code;
}

/** The 6-digit code in the newest text message sent to a phone. */
export function lastSmsCode(server: TestServer, phone: string): string {
  const marker = `to ${phone}:`;
  const line = server.smsLog.filter((l) => l.includes(marker)).at(-1);
  const code = line ? /\d{6}/.exec(line.slice(line.indexOf(marker) + marker.length))?.[0] : undefined;
  if (!code) throw new Error(`no SMS sent to ${phone} (log: ${JSON.stringify(server.smsLog)})`);
  return code;
}

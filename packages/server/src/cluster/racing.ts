/**
 * What the race tests share: two instances (or one, twice) taking requests at once, the answers
 * read the same way, and a council ready to open.
 */
import { expect } from 'vitest';
import { storeSampleAgenda } from '../testing/agenda-fixture.js';
import type { TestApp } from '../testing/test-app.js';

export const NOW = new Date('2026-11-16T02:00:00.000Z'); // Monday 10:00 in China

export async function json<T = unknown>(res: Response, status: number): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

export async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

export function statuses(responses: Response[]): number[] {
  return responses.map((r) => r.status).sort();
}

/** Request i goes to instance a or b in turn, as a round-robin load balancer sends them. */
export const alternate = (a: TestApp, b: TestApp, i: number): TestApp => (i % 2 === 0 ? a : b);

/** Sends the same request to both instances at once; returns both responses, a's first. */
export function sendToBoth(a: TestApp, b: TestApp, method: string, path: string, options: { cookie: string; json?: unknown }): Promise<Response[]> {
  return Promise.all([a.call(method, path, options), b.call(method, path, options)]);
}

/**
 * A four-party council with a two-item agenda written the way the live editor writes it, created
 * on `a` and scheduled on `b`.
 */
export async function scheduleCouncil(a: TestApp, b: TestApp, compoundId: string, cookie: string, now: Date): Promise<string> {
  const created = await json<{ meeting: { id: string } }>(
    await a.call('POST', `/api/compounds/${compoundId}/meetings`, {
      cookie,
      json: { kind: 'four_party', title: '停车难议事会', startsAt: '2026-11-23T06:30:00.000Z', place: '服务站二楼' },
    }),
    201,
  );
  const id = created.meeting.id;
  await storeSampleAgenda(a.deps.db, id, now);
  await json(await b.call('POST', `/api/meetings/${id}/schedule`, { cookie }), 200);
  return id;
}

/** An evening talk created on `a` and scheduled on `b`, as the community worker (shequ) would. */
export async function scheduleEveningTalk(a: TestApp, b: TestApp, compoundId: string, cookie: string): Promise<string> {
  const created = await json<{ meeting: { id: string } }>(
    await a.call('POST', `/api/compounds/${compoundId}/meetings`, {
      cookie,
      json: { kind: 'evening_talk', title: '围庐夜话', startsAt: '2026-11-20T11:00:00.000Z', place: '服务站' },
    }),
    201,
  );
  const id = created.meeting.id;
  await json(await b.call('POST', `/api/meetings/${id}/schedule`, { cookie }), 200);
  return id;
}

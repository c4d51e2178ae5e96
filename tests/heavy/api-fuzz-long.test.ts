/**
 * The long fuzz run (npm run test:heavy): every operation of the OpenAPI document, many more runs
 * than the quick test in tests/security, as an anonymous visitor, as staff and as an owner, with
 * real ids for every kind of path parameter mixed in. Never a 5xx, always the error body.
 * YISHI_FUZZ_RUNS and YISHI_FUZZ_SEED change the run (the seed is printed on failure by fast-check).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../packages/server/src/testing/test-app.js';
import { bodyArbitrary, type JsonSchema } from '../security/schema-arbitrary.js';

const RUNS = Number(process.env.YISHI_FUZZ_RUNS ?? 120);
const SEED = Number(process.env.YISHI_FUZZ_SEED ?? 2026);

interface Operation {
  method: string;
  path: string;
  parameters?: Array<{ name: string; in: string; schema?: JsonSchema }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

let t: TestApp;
const cookies: Record<string, string> = {};
let operations: Operation[] = [];
const realIds: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  cookies.staff = await t.login('shequ');
  cookies.owner = await t.login('yezhu');
  const doc = (await (await t.call('GET', '/api/openapi.json')).json()) as { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ ...op, method, path })));
  const db = t.deps.db;
  const first = async (table: 'votes' | 'meetings' | 'action_items' | 'proposals' | 'units' | 'buildings') =>
    ((await db.selectFrom(table).select('id').limit(1).executeTakeFirst()) as { id: string } | undefined)?.id;
  realIds.compoundId = await t.compoundId('DSCT');
  for (const [name, table] of [
    ['voteId', 'votes'],
    ['meetingId', 'meetings'],
    ['itemId', 'action_items'],
    ['actionItemId', 'action_items'],
    ['proposalId', 'proposals'],
    ['unitId', 'units'],
    ['buildingId', 'buildings'],
  ] as const) {
    const id = await first(table).catch(() => undefined);
    if (id) realIds[name] = id;
  }
}, 60_000);
afterAll(() => t.close());

const SKIP = new Set(['post /api/auth/logout', 'post /api/auth/login']);

const pathValue = fc.oneof(
  fc.constant('REAL'),
  fc.constant('REAL'),
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '' && !/[/?#%\\]/.test(s) && s !== '.' && s !== '..'),
  fc.constantFrom('0', '-1', 'null', 'undefined', "1' or '1'='1", 'x'.repeat(300), '😀'.repeat(20), '\u0000', 'NaN', '1e309'),
);

describe('long fuzzing of every API operation', () => {
  it(`never answers 5xx, always with the error body on failure (${RUNS} runs per operation)`, async () => {
    let requests = 0;
    const statuses = new Map<number, number>();
    for (const op of operations) {
      if (SKIP.has(`${op.method} ${op.path}`)) continue;
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
      const [contentType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [undefined, undefined];
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(...pathParams.map(() => pathValue), fc.constant(null)),
          fc.dictionary(fc.constantFrom(...queryParams.map((q) => q.name), 'junk'), fc.string({ maxLength: 40 }), { maxKeys: 4 }),
          bodyArbitrary(media?.schema),
          fc.constantFrom('anonymous', 'staff', 'owner'),
          async (values, query, body, who) => {
            let path = op.path;
            pathParams.forEach((param, index) => {
              const value = values[index] === 'REAL' ? (realIds[param.name] ?? 'missing') : String(values[index]);
              path = path.replace(`{${param.name}}`, encodeURIComponent(value));
            });
            const qs = new URLSearchParams(query as Record<string, string>).toString();
            const headers: Record<string, string> = {};
            if (who !== 'anonymous') headers.cookie = cookies[who]!;
            let payload: string | undefined;
            if (contentType) {
              headers['content-type'] = contentType;
              payload = contentType === 'application/json' ? JSON.stringify(body) : String(typeof body === 'string' ? body : JSON.stringify(body));
            }
            requests++;
            const res = await t.app.request(`${path}${qs ? `?${qs}` : ''}`, { method: op.method.toUpperCase(), headers, body: payload });
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status >= 500) throw new Error(`${op.method.toUpperCase()} ${path} answered ${res.status}: ${await res.text()}`);
            if (res.status >= 400) {
              const json = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
              if (typeof json.error?.code !== 'string' || typeof json.error.message !== 'string') {
                throw new Error(`${op.method.toUpperCase()} ${path} answered ${res.status} without the error body`);
              }
            } else {
              await res.arrayBuffer();
            }
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    }
    expect(requests).toBeGreaterThan(0);
    console.log(
      `[fuzz-long] ${requests} requests over ${operations.length} operations; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
    );
    // A fixed number of runs, not a time budget: on PostgreSQL beside CI's other runs it took over 200 s.
  }, 600_000);
});

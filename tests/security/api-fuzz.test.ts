/**
 * Property-based fuzzing of every operation in the OpenAPI document: hostile path parameters, query
 * strings and bodies, as an anonymous visitor and as staff. Whatever comes in, the answer is never a
 * 5xx and always the error body (or a success).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../packages/server/src/testing/test-app.js';
import { bodyArbitrary, type JsonSchema } from './schema-arbitrary.js';

interface Operation {
  method: string;
  path: string;
  parameters?: Array<{ name: string; in: string; schema?: JsonSchema }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

let t: TestApp;
let staffCookie: string;
let operations: Operation[] = [];
const realIds: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  staffCookie = await t.login('shequ');
  const doc = (await (await t.call('GET', '/api/openapi.json')).json()) as { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ ...op, method, path })));
  realIds.compoundId = await t.compoundId('DSCT');
});
afterAll(() => t.close());

// Logging out or locking the fuzzing account would only make the rest of the run anonymous.
const SKIP = new Set(['post /api/auth/logout', 'post /api/auth/login']);

const pathValue = fc.oneof(
  fc.constant('REAL'),
  fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '' && !/[/?#%\\]/.test(s) && s !== '.' && s !== '..'),
  fc.constantFrom('0', '-1', 'null', 'undefined', "1' or '1'='1", 'x'.repeat(300)),
);

describe('fuzzing every API operation', () => {
  it('found the operations to fuzz', () => {
    expect(operations.length).toBeGreaterThanOrEqual(8);
  });

  it('never answers 5xx, always with the error body on failure', async () => {
    let requests = 0;
    let fuzzed = 0;
    for (const op of operations) {
      if (SKIP.has(`${op.method} ${op.path}`)) continue;
      fuzzed++;
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
      const content = op.requestBody?.content ?? {};
      const [contentType, media] = Object.entries(content)[0] ?? [undefined, undefined];

      await fc.assert(
        fc.asyncProperty(
          fc.tuple(...pathParams.map(() => pathValue), fc.constant(null)),
          fc.dictionary(fc.constantFrom(...queryParams.map((q) => q.name), 'junk'), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
          bodyArbitrary(media?.schema),
          fc.boolean(),
          async (values, query, body, asStaff) => {
            let path = op.path;
            pathParams.forEach((param, index) => {
              const value = values[index] === 'REAL' ? (realIds[param.name] ?? 'missing') : String(values[index]);
              path = path.replace(`{${param.name}}`, encodeURIComponent(value));
            });
            const qs = new URLSearchParams(query as Record<string, string>).toString();
            const headers: Record<string, string> = {};
            if (asStaff) headers.cookie = staffCookie;
            let payload: string | undefined;
            if (contentType) {
              headers['content-type'] = contentType;
              payload = contentType === 'application/json' ? JSON.stringify(body) : String(typeof body === 'string' ? body : JSON.stringify(body));
            }
            requests++;
            const res = await t.app.request(`${path}${qs ? `?${qs}` : ''}`, { method: op.method.toUpperCase(), headers, body: payload });
            if (res.status >= 500) throw new Error(`${op.method.toUpperCase()} ${path} answered ${res.status}: ${await res.text()}`);
            if (res.status >= 400) {
              const json = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
              if (typeof json.error?.code !== 'string' || typeof json.error.message !== 'string') {
                throw new Error(`${op.method.toUpperCase()} ${path} answered ${res.status} without the error body`);
              }
            }
          },
        ),
        { numRuns: 20, seed: 278 },
      );
    }
    expect(requests).toBe(fuzzed * 20);
  }, 240_000);
});

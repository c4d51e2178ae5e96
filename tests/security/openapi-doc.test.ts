import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../packages/server/src/http/openapi.js';
import { allRoutes } from '../../packages/server/src/routes/index.js';

describe('docs/api/openapi.json', () => {
  it('is the document the routes generate (run `npm run docs:api` after changing a route)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/api/openapi.json', import.meta.url), 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApi(allRoutes))));
  });

  it('every operation declares its answer: a JSON schema, a file type, or no content', () => {
    const undeclared = allRoutes.filter((r) => r.status !== 204 && !r.produces && !r.response).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('public operations say they need no session; the others name the session cookie', () => {
    const doc = buildOpenApi(allRoutes) as { paths: Record<string, Record<string, { security: unknown }>> };
    for (const route of allRoutes) {
      const operation = doc.paths[`/api${route.path.replace(/:(\w+)/g, '{$1}')}`]![route.method]!;
      expect(operation.security, `${route.method} ${route.path}`).toEqual(route.access.kind === 'public' ? [] : [{ session: [] }]);
    }
  });
});

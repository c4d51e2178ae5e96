import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../packages/server/src/http/openapi.js';
import { allRoutes } from '../../packages/server/src/routes/index.js';

describe('docs/api/openapi.json', () => {
  it('is the document the routes generate (run `npm run docs:api` after changing a route)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/api/openapi.json', import.meta.url), 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApi(allRoutes))));
  });
});

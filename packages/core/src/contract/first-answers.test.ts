import { describe, expect, test } from 'vitest';
import * as core from '../index.js';
import type { Endpoint } from './endpoint.js';
import { FIRST_ANSWERS } from './first-answers.js';

/** Every endpoint of the contract: the `…Endpoints` tables core exports. */
const endpoints: Endpoint[] = Object.entries(core)
  .filter(([name]) => name.endsWith('Endpoints'))
  .flatMap(([, table]) => Object.values(table as Record<string, Endpoint>));

const paramsOf = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);

describe("the pages' first answers", () => {
  test('each is a GET endpoint of the contract with a response schema, its parameters all among the page path’s', () => {
    expect(endpoints.length).toBeGreaterThan(100);
    for (const { page, answers } of FIRST_ANSWERS) {
      expect(answers.length, page).toBeGreaterThan(0);
      for (const path of answers) {
        const endpoint = endpoints.find((e) => e.method === 'get' && e.path === path);
        expect(endpoint, `${page} → GET ${path}`).toBeDefined();
        expect(endpoint!.response, path).toBeDefined();
        for (const name of paramsOf(path)) expect(paramsOf(page), `${page} → ${path}`).toContain(name);
      }
    }
  });
});

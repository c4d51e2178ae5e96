/**
 * Under a burst of writes, the first callers get their answers while the burst is still being
 * worked through, not all at its end. better-sqlite3 is synchronous, so the order in which the event
 * loop interleaves reading requests, running transactions and writing answers decides this; a
 * change there (e.g. yielding before every transaction, which was tried) can starve the answers.
 * On PostgreSQL a first-come-first-served connection pool advances the whole burst in lockstep (the
 * first answer came after 70 % of the burst); connections go to the oldest request first instead
 * (packages/server/src/db/oldest-first-pool.ts).
 */
import { compoundEndpoints, rosterImportEventSchema } from '@yishi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigRoster } from '../../packages/server/src/testing/big-roster.js';
import { ApiClient, spawnServer, type ChildServer } from '../support/child-server.js';
import { newSeededTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: ChildServer;
beforeAll(async () => {
  database = await newSeededTestDatabase();
  server = await spawnServer({ dbPath: database.url });
});
afterAll(async () => {
  await server?.kill();
  await database?.drop();
});

describe('a burst of writes', () => {
  it('answers the first callers long before the last write is done', async () => {
    const api = await new ApiClient(server.url).login('shequ');
    const { compounds } = await api.json<{ compounds: Array<{ id: string; code: string }> }>('GET', '/api/compounds');
    const compoundId = compounds.find((c) => c.code === 'CY')!.id;
    const ids: string[] = [];
    for (let i = 1; i <= 200; i++) {
      const item = await api.json<{ id: string }>(
        'POST',
        `/api/compounds/${compoundId}/action-items`,
        { title: `事项 ${i}`, source: { kind: 'proposal' } },
        201,
      );
      ids.push(item.id);
    }
    // CY's station chief reports them resolved; the community's staff sign them off (nobody signs off what they resolved).
    const chief = await new ApiClient(server.url).login('cuiyuan');
    await Promise.all(ids.map((id) => chief.json('POST', `/api/action-items/${id}/resolve`, { evidence: '已处理' })));
    const started = performance.now();
    const arrivals = await Promise.all(
      ids.map(async (id) => {
        const res = await api.call('POST', `/api/action-items/${id}/sign-off`, { resolution: '已办结' });
        expect(res.status).toBe(200);
        return performance.now() - started;
      }),
    );
    arrivals.sort((a, b) => a - b);
    const first = arrivals[0]!;
    const last = arrivals.at(-1)!;
    console.log(`[burst] 200 sign-offs: first answer after ${first.toFixed(0)} ms, last after ${last.toFixed(0)} ms`);
    expect(first).toBeLessThan(last / 2);
  });
});

describe('a 20,000-row roster import', () => {
  it('leaves the server answering: a request sent while it applies is answered before it ends', async () => {
    const api = await new ApiClient(server.url).login('cuiyuan');
    const { compounds } = await api.ok(compoundEndpoints.mine, {});
    const cy = compounds.find((c) => c.code === 'CY')!.id;
    const res = await fetch(`${server.url}/api/compounds/${cy}/roster/with-progress`, {
      method: 'POST',
      headers: { cookie: api.cookie, 'content-type': 'text/csv' },
      body: bigRoster(20_000),
    });
    const order: string[] = [];
    let health: Promise<void> | null = null;
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const event = rosterImportEventSchema.parse(JSON.parse(line));
        // Once the import is applying rows, ask something else of the same server (that needs no
        // database: on SQLite a query waits for the import's transaction, as every write does).
        if (event.type === 'progress' && event.phase === 'apply' && !health) {
          health = fetch(`${server.url}/api/openapi.json`).then((r) => void order.push(`answer ${r.status}`));
        }
        if (event.type !== 'progress') order.push(event.type);
      }
    }
    await health;
    // Ordered, not timed: the answer came while the import was still working.
    expect(order).toEqual(['answer 200', 'done']);
  });
});

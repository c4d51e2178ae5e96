/**
 * Sign-off numbers are gapless and unique under load and across a crash: a real server process over
 * HTTP, 100 sign-offs fired at once; then a server killed with SIGKILL in the middle of a burst and
 * started again on the same database.
 */
import { actionItemEndpoints, ledgerEndpoints } from '@yishi/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, spawnServer, type ChildServer } from '../support/child-server.js';
import { newSeededTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let server: ChildServer | null = null;
beforeEach(async () => {
  database = await newSeededTestDatabase();
});
afterEach(async () => {
  await server?.kill('SIGTERM');
  server = null;
  await database.drop();
});

/**
 * 翠苑 (CY) has no seeded sign-offs, so its numbers start at 1. `api` lists the items, CY's station chief
 * (cuiyuan) reports them resolved: whoever signs them off is someone else (sign_off_by_resolver).
 */
async function prepareResolvedItems(api: ApiClient, count: number): Promise<{ compoundId: string; ids: string[] }> {
  const { compounds } = await api.json<{ compounds: Array<{ id: string; code: string }> }>('GET', '/api/compounds');
  const compoundId = compounds.find((c) => c.code === 'CY')!.id;
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const item = await api.ok(actionItemEndpoints.create, { params: { compoundId }, body: { title: `事项 ${i}`, source: { kind: 'proposal' } } });
    ids.push(item.id);
  }
  const chief = await new ApiClient(api.baseUrl).login('cuiyuan');
  await Promise.all(ids.map((itemId) => chief.ok(actionItemEndpoints.resolve, { params: { itemId }, body: { evidence: '已处理' } })));
  return { compoundId, ids };
}

const sequenceOf = (n: string) => Number(n.split('-')[2]);
const signOff = (api: ApiClient, itemId: string) => api.api(actionItemEndpoints.signOff, { params: { itemId }, body: { resolution: '已办结' } });
const verifyLedger = (api: ApiClient, compoundId: string) => api.ok(ledgerEndpoints.verify, { params: { compoundId } });
// The compound's 100 items on one page (the largest a page may be).
const listItems = (api: ApiClient, compoundId: string) => api.ok(actionItemEndpoints.list, { params: { compoundId }, query: { limit: 200 } });
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('sign-off numbers under concurrency and crashes', () => {
  it('100 sign-offs in parallel get numbers 1..100 with no gap and no duplicate', async () => {
    server = await spawnServer({ dbPath: database.url });
    const api = await new ApiClient(server.url).login('shequ');
    const { compoundId, ids } = await prepareResolvedItems(api, 100);
    // Two officials signing at the same moment, each on their own session.
    const other = await new ApiClient(server.url).login('jiedao');
    const started = performance.now();
    const results = await Promise.all(ids.map((id, i) => signOff(i % 2 ? other : api, id)));
    const elapsed = performance.now() - started;
    const numbers = results.map((r) => r.data?.signOffNumber ?? `refused ${r.status}`);
    expect(new Set(numbers).size).toBe(100);
    expect(numbers.map(sequenceOf).sort((a, b) => a - b)).toEqual(range(100));
    expect(numbers.every((n) => /^CY-\d{4}-\d{4}$/.test(n))).toBe(true);
    expect(await verifyLedger(api, compoundId)).toMatchObject({ ok: true, entries: 200 });
    console.log(`[sign-off] 100 concurrent sign-offs over HTTP in ${elapsed.toFixed(0)} ms`);
  });

  it('a server killed with SIGKILL mid-burst leaves no gap after restart', async () => {
    const dbPath = database.url;
    server = await spawnServer({ dbPath });
    let api = await new ApiClient(server.url).login('shequ');
    const { compoundId, ids } = await prepareResolvedItems(api, 100);

    // Eight concurrent callers work through the 100; the process is killed as soon as 25 answers
    // have come back, so the crash always lands mid-burst, with sign-offs in flight and unsent.
    const acknowledged = new Map<string, string>();
    const victim = server;
    const queue = [...ids];
    let killed = false;
    const worker = async () => {
      while (!killed && queue.length > 0) {
        const id = queue.shift()!;
        try {
          const res = await signOff(api, id);
          if (res.ok) {
            acknowledged.set(id, res.data.signOffNumber);
            if (acknowledged.size === 25 && !killed) {
              killed = true;
              victim.child.kill('SIGKILL');
            }
          }
        } catch {
          // The connection died with the process: this sign-off may or may not have committed.
        }
      }
    };
    const burst = Array.from({ length: 8 }, worker);
    await Promise.all(burst);
    await victim.exited;
    expect(victim.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(25);
    expect(acknowledged.size).toBeLessThan(100);

    server = await spawnServer({ dbPath });
    api = await new ApiClient(server.url).login('shequ');
    const after = await listItems(api, compoundId);
    const signed = after.items.filter((i) => i.signOffNumber !== null);
    // Every acknowledged sign-off survived, with the number the caller was given.
    for (const [id, number] of acknowledged) expect(signed.find((i) => i.id === id)?.signOffNumber).toBe(number);
    // What committed is exactly 1..k; everything else is still waiting, unnumbered.
    expect(signed.map((i) => sequenceOf(i.signOffNumber!)).sort((a, b) => a - b)).toEqual(range(signed.length));
    expect(after.items.filter((i) => i.signOffNumber === null).every((i) => i.status === 'resolved')).toBe(true);

    // Signing off the rest continues the sequence with no gap.
    const rest = after.items.filter((i) => i.status === 'resolved');
    expect((await Promise.all(rest.map((i) => signOff(api, i.id)))).every((r) => r.ok)).toBe(true);
    const final = await listItems(api, compoundId);
    expect(final.items.map((i) => sequenceOf(i.signOffNumber!)).sort((a, b) => a - b)).toEqual(range(100));
    expect(await verifyLedger(api, compoundId)).toMatchObject({ ok: true, entries: 200 });
    console.log(`[sign-off] SIGKILL after ${acknowledged.size} acknowledged; ${signed.length} committed before the crash; 1..100 after restart`);
  });
});

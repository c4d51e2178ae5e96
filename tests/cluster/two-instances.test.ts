/**
 * City scale: two server processes on one PostgreSQL database and one Redis, behind a real nginx
 * doing round robin with the site file we ship (deploy/nginx/yishi.conf). Clients only ever talk to
 * nginx, so consecutive requests and sockets land on alternate instances:
 * - agenda editors converge and see each other's presence whichever instance they are on;
 * - ballots keep one counted ballot per unit, seconding one second per unit, sign-off numbers stay
 *   gapless;
 * - then one instance is killed with SIGKILL, and the same clients carry on through the other.
 *
 * Runs in the PostgreSQL pass (`npm run test:pg`); on SQLite it is skipped (one process owns a
 * SQLite file: several instances need PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { startTestRedis, type TestRedis } from '../../packages/server/src/testing/redis-server.js';
import { addItem, docOf, eventually, readOnlyNoticesOf, waitForSync } from '../collab/collab-helpers.js';
import { connect, itemIds } from '../resilience/agenda-crash.js';
import { ApiClient, spawnServer, type ChildServer } from '../support/child-server.js';
import { newTestDatabase, onPostgres, type TestDatabase } from '../support/database.js';
import { startNginx, type TestNginx } from '../support/nginx.js';

const EDITORS = ['zhanzhang', 'fuzhan', 'wangge', 'wuye', 'yeweihui', 'shequ'];
const portOf = (server: ChildServer) => Number(new URL(server.url).port);
const sequenceOf = (n: string) => Number(n.split('-')[2]);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

interface Editor {
  login: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Times this editor's socket was dropped (its instance died). */
  drops: number;
}

describe.skipIf(!onPostgres)('two instances behind nginx round robin (PostgreSQL + Redis)', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let nginx: TestNginx;
  const instances: ChildServer[] = [];
  const editors: Editor[] = [];
  let docName = '';

  beforeAll(async () => {
    database = await newTestDatabase();
    redis = await startTestRedis();
    // One after the other: the first migrates and seeds the demo, the second finds it done.
    const env = { YISHI_REDIS_URL: redis.url, YISHI_TRUST_PROXY: '1' };
    instances.push(await spawnServer({ dbPath: database.url, env }));
    instances.push(await spawnServer({ dbPath: database.url, env }));
    nginx = await startNginx(instances.map(portOf));
  }, 120_000);

  afterAll(async () => {
    for (const e of editors) e.provider.destroy();
    await nginx?.stop();
    await Promise.all(instances.map((s) => s.kill('SIGTERM')));
    await redis?.stop();
    await database?.drop();
  });

  const healthOf = async () => (await (await fetch(`${nginx.url}/api/health`)).json()) as { ok: boolean; instance: string; relay: string };

  it('spreads requests over both instances, each with its database and relay', async () => {
    const answers: Array<Awaited<ReturnType<typeof healthOf>>> = [];
    for (let i = 0; i < 4; i++) answers.push(await healthOf());
    expect(new Set(answers.map((a) => a.instance)).size).toBe(2);
    expect(answers.every((a) => a.ok && a.relay === 'ok')).toBe(true);
  });

  it('agenda editors on both instances converge and see everyone present', async () => {
    const convener = await new ApiClient(nginx.url).login('jiedao');
    const { compounds } = await convener.json<{ compounds: Array<{ id: string; code: string }> }>('GET', '/api/compounds');
    const compoundId = compounds.find((c) => c.code === 'DSCT')!.id;
    const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const { meeting } = await convener.json<{ meeting: { id: string } }>(
      'POST',
      `/api/compounds/${compoundId}/meetings`,
      { kind: 'four_party', title: '两实例议事会', startsAt, place: '服务站' },
      201,
    );
    await convener.json('POST', `/api/meetings/${meeting.id}/schedule`, {});
    docName = `agenda-${meeting.id}`;

    // Sockets opened one after another (no other request between them) through round robin
    // alternate between the instances.
    const cookies = new Map<string, string>();
    for (const login of EDITORS) cookies.set(login, (await new ApiClient(nginx.url).login(login)).cookie);
    for (const login of EDITORS) {
      const cookie = cookies.get(login)!;
      const { doc, provider } = connect(nginx.url, cookie, docName);
      const editor: Editor = { login, doc, provider, drops: 0 };
      provider.on('status', ({ status }: { status: string }) => {
        if (status === 'disconnected') editor.drops += 1;
      });
      provider.awareness.setLocalStateField('user', { name: login });
      editors.push(editor);
      await waitForSync(provider);
    }
    await Promise.all(
      editors.map(async (e, i) => {
        for (let n = 1; n <= 10; n++) {
          addItem(e.doc, `e${i}-${n}`, `议题 e${i}-${n}`, i * 100 + n);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }),
    );
    await eventually(() => {
      for (const e of editors) expect(itemIds(e.doc).sort()).toHaveLength(60);
      const reference = itemIds(editors[0]!.doc).sort();
      for (const e of editors) expect(itemIds(e.doc).sort()).toEqual(reference);
    }, 15_000);
    await eventually(() => {
      for (const e of editors) {
        const present = [...e.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name).filter(Boolean);
        expect(present.sort()).toEqual([...EDITORS].sort());
      }
    }, 15_000);
  });

  it('freezing an agenda stops edits on both instances first: the frozen rows are exactly the stored document, and every editor is told with them', async () => {
    const convener = await new ApiClient(nginx.url).login('jiedao');
    const { compounds } = await convener.json<{ compounds: Array<{ id: string; code: string }> }>('GET', '/api/compounds');
    const compoundId = compounds.find((c) => c.code === 'DSCT')!.id;
    const startsAt = new Date(Date.now() + 86_400_000).toISOString();
    const { meeting } = await convener.json<{ meeting: { id: string } }>(
      'POST',
      `/api/compounds/${compoundId}/meetings`,
      { kind: 'four_party', title: '冻结测试议事会', startsAt, place: '服务站' },
      201,
    );
    await convener.json('POST', `/api/meetings/${meeting.id}/schedule`, {});
    const name = `agenda-${meeting.id}`;
    const cookies: string[] = [];
    for (const login of EDITORS.slice(0, 4)) cookies.push((await new ApiClient(nginx.url).login(login)).cookie);
    const writers = cookies.map((cookie) => connect(nginx.url, cookie, name));
    const told = writers.map((w) => readOnlyNoticesOf(w.provider));
    try {
      await Promise.all(writers.map((w) => waitForSync(w.provider)));
      let running = true;
      const typing = writers.map(async (w, i) => {
        for (let n = 1; running; n++) {
          addItem(w.doc, `f${i}-${n}`, `议题 f${i}-${n}`, n);
          await new Promise((resolve) => setTimeout(resolve, 3));
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Into session while all four keep typing, two on each instance.
      await convener.json('POST', `/api/meetings/${meeting.id}/start`, {});
      await new Promise((resolve) => setTimeout(resolve, 200));
      running = false;
      await Promise.all(typing);

      const { agendaItems } = await convener.json<{ agendaItems: Array<{ docItemId: string }> }>('GET', `/api/meetings/${meeting.id}`);
      const frozen = agendaItems.map((i) => i.docItemId).sort();
      expect(frozen.length).toBeGreaterThan(20);
      // Every writer, on either instance, is told without reconnecting, and sent exactly the frozen
      // agenda: what it has beyond that (typed while the freeze went on) is what its editor hands back.
      await eventually(() => {
        for (const notices of told) expect(notices.map((n) => n.reason)).toEqual(['frozen']);
      }, 10_000);
      for (const notices of told) expect(itemIds(docOf(notices[0]!.state!)).sort()).toEqual(frozen);
      // What the servers hold now (both instances, through a fresh reader each) is what was frozen:
      // no edit was stored after the rows were written.
      for (const instance of instances) {
        const reader = connect(instance.url, (await new ApiClient(instance.url).login('zhanzhang')).cookie, name);
        try {
          await waitForSync(reader.provider);
          expect(itemIds(reader.doc).sort()).toEqual(frozen);
        } finally {
          reader.provider.destroy();
        }
      }
    } finally {
      for (const w of writers) w.provider.destroy();
    }
  });

  // ---- requests that must be decided by the database, wherever they land --------------------------

  async function openVote(api: ApiClient): Promise<string> {
    const { compounds } = await api.json<{ compounds: Array<{ id: string; code: string }> }>('GET', '/api/compounds');
    const compoundId = compounds.find((c) => c.code === 'DSCT')!.id;
    const { items: votes } = await api.json<{ items: Array<{ id: string; title: string; status: string }> }>('GET', `/api/compounds/${compoundId}/votes`);
    return votes.find((v) => v.title === '利用小区共有场地建设电动自行车充电棚' && v.status === 'open')!.id;
  }

  async function castStorm(label: string): Promise<{ voteId: string; counted: Map<string, string[]>; expected: Map<string, string> }> {
    const owners = ['yezhu', 'yezhu2', 'loudong', 'yeweihui'];
    const staff = await new ApiClient(nginx.url).login('zhanzhang');
    const voteId = await openVote(staff);
    const expected = new Map<string, string>();
    await Promise.all(
      owners.map(async (login) => {
        // Two sessions per owner; each request goes to the next instance.
        const sessions = [await new ApiClient(nginx.url).login(login), await new ApiClient(nginx.url).login(login)];
        const { mine } = await sessions[0]!.json<{ mine: Array<{ voterKey: string }> }>('GET', `/api/votes/${voteId}`);
        for (const { voterKey: unitId } of mine) {
          // Eight changes of mind in a row, then two sessions racing with the same final choice.
          for (let i = 0; i < 8; i++) {
            await sessions[i % 2]!.json('POST', `/api/votes/${voteId}/ballots`, { unitId, choices: [['yes', 'no', 'abstain'][i % 3]] }, 201);
          }
          const final = label === 'before' ? 'no' : 'yes';
          const raced = await Promise.all(sessions.map((s) => s.call('POST', `/api/votes/${voteId}/ballots`, { unitId, choices: [final] })));
          expect(raced.map((r) => r.status)).toEqual([201, 201]);
          expected.set(unitId, final);
        }
      }),
    );
    const { mine } = await new ApiClient(nginx.url)
      .login('yezhu')
      .then((c) => c.json<{ mine: Array<{ voterKey: string; voted: boolean }> }>('GET', `/api/votes/${voteId}`));
    expect(mine.every((m) => m.voted)).toBe(true);
    // What the database holds: exactly one counted ballot per unit, carrying the last choice.
    const counted = new Map<string, string[]>();
    const { openDatabase } = await import('@yishi/server');
    const { db } = openDatabase(database.url);
    try {
      const rows = await db
        .selectFrom('ballots')
        .select(['unit_id', 'choices_json'])
        .where('vote_id', '=', voteId)
        .where('unit_id', 'in', [...expected.keys()])
        .execute();
      for (const r of rows) {
        expect(counted.has(r.unit_id!)).toBe(false);
        counted.set(r.unit_id!, JSON.parse(r.choices_json) as string[]);
      }
    } finally {
      await db.destroy();
    }
    // Every owner's flats were cast for (the four owners have one or two each), each counted once.
    expect(expected.size).toBeGreaterThanOrEqual(owners.length);
    expect(counted.size).toBe(expected.size);
    return { voteId, counted, expected };
  }

  it('keeps one counted ballot per unit, the latest, when an owner’s requests alternate between instances', async () => {
    const { counted, expected } = await castStorm('before');
    for (const [unit, choice] of expected) expect(counted.get(unit)).toEqual([choice]);
  });

  async function signOffBurst(api: ApiClient, count: number): Promise<{ compoundId: string; numbers: string[] }> {
    const { compounds } = await api.json<{ compounds: Array<{ id: string; code: string }> }>('GET', '/api/compounds');
    const compoundId = compounds.find((c) => c.code === 'CY')!.id;
    const ids: string[] = [];
    for (let i = 1; i <= count; i++) {
      const item = await api.json<{ id: string }>(
        'POST',
        `/api/compounds/${compoundId}/action-items`,
        { title: `两实例事项 ${i}`, source: { kind: 'proposal' } },
        201,
      );
      ids.push(item.id);
    }
    // CY's station chief reports them resolved; two other officials sign them off (nobody signs off what they resolved).
    const chief = await new ApiClient(nginx.url).login('cuiyuan');
    await Promise.all(ids.map((id) => chief.json('POST', `/api/action-items/${id}/resolve`, { evidence: '已处理' })));
    const other = await new ApiClient(nginx.url).login('jiedao');
    const results = await Promise.all(
      ids.map((id, i) => (i % 2 ? other : api).json<{ signOffNumber: string }>('POST', `/api/action-items/${id}/sign-off`, { resolution: '已办结' })),
    );
    return { compoundId, numbers: results.map((r) => r.signOffNumber) };
  }

  it('hands out gapless sign-off numbers when concurrent sign-offs land on both instances', async () => {
    const api = await new ApiClient(nginx.url).login('shequ');
    const { compoundId, numbers } = await signOffBurst(api, 40);
    expect(numbers.map(sequenceOf).sort((a, b) => a - b)).toEqual(range(1, 40));
    expect(await api.json('GET', `/api/compounds/${compoundId}/ledger/verify`)).toMatchObject({ ok: true, entries: 80 });
  });

  it('counts one second per unit when the same owner seconds through both instances at once', async () => {
    const proposer = await new ApiClient(nginx.url).login('jumin');
    const { compounds } = await proposer.json<{ compounds: Array<{ id: string; code: string }> }>('GET', '/api/compounds');
    const compoundId = compounds.find((c) => c.code === 'DSCT')!.id;
    const created = await proposer.json<{ id?: string; proposal?: { id: string } }>(
      'POST',
      `/api/compounds/${compoundId}/proposals`,
      { title: '两实例附议测试提案', body: '在东门增设一处雨棚，方便老人等车。' },
      201,
    );
    const proposalId = created.proposal?.id ?? created.id!;
    const statuses: number[] = [];
    for (const login of ['yezhu2', 'loudong', 'yeweihui']) {
      const sessions = [await new ApiClient(nginx.url).login(login), await new ApiClient(nginx.url).login(login)];
      const raced = await Promise.all(sessions.map((s) => s.call('POST', `/api/proposals/${proposalId}/seconds`, {})));
      statuses.push(...raced.map((r) => r.status).sort());
    }
    // Each owner: one second accepted, the racing duplicate refused with a clear error.
    expect(statuses).toEqual([201, 409, 201, 409, 201, 409]);
    const detail = await proposer.json<{ proposal: { seconds: number } }>('GET', `/api/proposals/${proposalId}`);
    expect(detail.proposal.seconds).toBe(3);
  });

  it('carries on through the surviving instance after one is killed', async () => {
    const seenBefore = new Set(itemIds(editors[0]!.doc));
    const [victim, survivor] = instances as [ChildServer, ChildServer];
    victim.child.kill('SIGKILL');
    await victim.exited;

    // The editors that were on the dead instance reconnect through nginx to the survivor.
    await eventually(() => expect(editors.filter((e) => e.drops > 0).length).toBeGreaterThan(0), 10_000);
    const moved = editors.filter((e) => e.drops > 0).length;
    expect(moved).toBeLessThan(editors.length);
    await Promise.all(editors.map((e) => eventually(() => expect(e.provider.wsconnected && e.provider.synced).toBe(true), 20_000)));
    for (const [i, e] of editors.entries()) addItem(e.doc, `after-${i}`, `议题 after-${i}`, 1000 + i);
    await eventually(() => {
      const reference = itemIds(editors[0]!.doc).sort();
      expect(reference).toHaveLength(66);
      for (const id of seenBefore) expect(reference).toContain(id);
      for (const e of editors) expect(itemIds(e.doc).sort()).toEqual(reference);
    }, 20_000);
    await eventually(() => {
      for (const e of editors) {
        const present = [...e.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name).filter(Boolean);
        expect(new Set(present)).toEqual(new Set(EDITORS));
      }
    }, 40_000);

    // HTTP carries on too: every request is answered by the survivor.
    const answers = await Promise.all(Array.from({ length: 4 }, healthOf));
    expect(new Set(answers.map((a) => a.instance)).size).toBe(1);
    const { counted, expected } = await castStorm('after');
    for (const [unit, choice] of expected) expect(counted.get(unit)).toEqual([choice]);
    const api = await new ApiClient(nginx.url).login('shequ');
    const { compoundId, numbers } = await signOffBurst(api, 10);
    expect(numbers.map(sequenceOf).sort((a, b) => a - b)).toEqual(range(41, 50));
    expect(await api.json('GET', `/api/compounds/${compoundId}/ledger/verify`)).toMatchObject({ ok: true, entries: 100 });
    // The document is stored: a fresh client of the survivor reads every item.
    const fresh = connect(nginx.url, (await new ApiClient(survivor.url).login('zhanzhang')).cookie, docName);
    try {
      await waitForSync(fresh.provider);
      expect(itemIds(fresh.doc).sort()).toEqual(itemIds(editors[0]!.doc).sort());
    } finally {
      fresh.provider.destroy();
    }
  });
});

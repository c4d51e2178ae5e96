/**
 * What bench/collab-cluster.bench.ts starts and must stop again: fresh PostgreSQL databases on the
 * BENCH_PG server, real Yishi server processes (`node --import tsx packages/server/src/main.ts`, as
 * deployed, with or without YISHI_REDIS_URL, started by the tests' spawnServer), and agendas to edit.
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createPostgresDatabase } from '../../packages/server/src/testing/pg-database.js';
import { ApiClient, spawnServer } from '../../tests/support/child-server.js';

export { ApiClient };

export interface Database {
  url: string;
  drop: () => Promise<void>;
}

/** A fresh, empty database on the PostgreSQL server `adminUrl` names (bench/pg-server.sh start). */
export function newPgDatabase(adminUrl: string, label: string): Promise<Database> {
  return createPostgresDatabase(adminUrl, `yishi_cluster_bench_${label}`);
}

export interface Instance {
  label: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** SIGTERM (the server closes its sockets and pools), SIGKILL after 5 s; resolves once it exited. */
  stop: () => Promise<void>;
}

/**
 * One Yishi server process on `db`; with `redisUrl` it relays live documents through that Redis.
 * With `traceFile`, ./trace.ts times the benchmark's edits inside it and writes them there on exit.
 * Its stderr (relay errors, storage failures) is shown, prefixed with the label.
 */
export async function spawnInstance(label: string, db: string, redisUrl: string | null, traceFile?: string): Promise<Instance> {
  const server = await spawnServer({
    dbPath: db,
    // Every editor of the bench uses one login: lift the per-person socket cap (8 in production).
    env: { YISHI_REDIS_URL: redisUrl ?? undefined, BENCH_TRACE_FILE: traceFile, YISHI_COLLAB_MAX_SOCKETS_PER_USER: '100000' },
    preload: traceFile ? [fileURLToPath(new URL('./trace.ts', import.meta.url))] : [],
    onStderr: (text) => process.stderr.write(text.replace(/^(?=.)/gm, `[${label}] `)),
  });
  return {
    label,
    port: Number(new URL(server.url).port),
    url: server.url,
    child: server.child,
    stop: async () => {
      const timer = setTimeout(() => server.child.kill('SIGKILL'), 5_000);
      await server.kill('SIGTERM');
      clearTimeout(timer);
    },
  };
}

/** A new four-party meeting at 都市春天小区 (DSCT); its live agenda is `agenda-<id>`. */
export async function newAgenda(api: ApiClient, title: string, hoursAhead: number): Promise<string> {
  const { compounds } = await api.json<{ compounds: Array<{ id: string; code: string }> }>('GET', '/api/compounds');
  const compoundId = compounds.find((c) => c.code === 'DSCT')!.id;
  const startsAt = new Date(Date.now() + (7 * 24 + hoursAhead) * 3_600_000).toISOString();
  const { meeting } = await api.json<{ meeting: { id: string } }>('POST', `/api/compounds/${compoundId}/meetings`, {
    kind: 'four_party',
    title,
    startsAt,
    place: '服务站',
  });
  return `agenda-${meeting.id}`;
}

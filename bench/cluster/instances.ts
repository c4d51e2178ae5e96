/**
 * What bench/collab-cluster.bench.ts starts and must stop again: fresh PostgreSQL databases on the
 * BENCH_PG server, real Yishi server processes (`node --import tsx packages/server/src/main.ts`, as
 * deployed, with or without YISHI_REDIS_URL), and a small cookie-keeping API client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createPostgresDatabase } from '../../packages/server/src/testing/pg-database.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

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
 */
export async function spawnInstance(label: string, db: string, redisUrl: string | null, traceFile?: string): Promise<Instance> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', YISHI_DB: db, YISHI_WEB_DIST: '', YISHI_SEED_DEMO: '1' };
  delete env.YISHI_REDIS_URL;
  if (redisUrl) env.YISHI_REDIS_URL = redisUrl;
  const preload: string[] = [];
  if (traceFile) {
    env.BENCH_TRACE_FILE = traceFile;
    preload.push('--import', fileURLToPath(new URL('./trace.ts', import.meta.url)));
  }
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload, 'packages/server/src/main.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  // The server's own complaints (relay errors, storage failures) are worth seeing in a benchmark run.
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stderr.write(chunk.toString().replace(/^(?=.)/gm, `[${label}] `));
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not start:\n${output}`));
    }, 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${child.exitCode ?? child.signalCode}) before starting:\n${output}`));
    });
  });
  return {
    label,
    port: Number(new URL(url).port),
    url,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export class Api {
  cookie = '';
  constructor(readonly baseUrl: string) {}

  async login(login: string, password = 'yishi2026'): Promise<this> {
    const res = await fetch(`${this.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
    if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    return this;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** A new four-party meeting at 都市春天小区 (DSCT); its live agenda is `agenda-<id>`. */
  async newAgenda(title: string, hoursAhead: number): Promise<string> {
    const { compounds } = await this.json<{ compounds: Array<{ id: string; code: string }> }>('GET', '/api/compounds');
    const compoundId = compounds.find((c) => c.code === 'DSCT')!.id;
    const startsAt = new Date(Date.now() + (7 * 24 + hoursAhead) * 3_600_000).toISOString();
    const { meeting } = await this.json<{ meeting: { id: string } }>('POST', `/api/compounds/${compoundId}/meetings`, { kind: 'four_party', title, startsAt, place: '服务站' });
    return `agenda-${meeting.id}`;
  }
}

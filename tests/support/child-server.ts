/**
 * The real server in a child process, for tests that must kill it mid-way (SIGKILL) and start it
 * again on the same database (a SQLite file or a PostgreSQL URL, see ./database.ts); plus a tiny
 * cookie-keeping API client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { endpointUrl, type Answer, type Endpoint, type EndpointInput } from '@yishi/core';
import { readAnswer, type Answered } from '../../packages/server/src/testing/test-app.js';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER_SOURCES = join(REPO_ROOT, 'packages/server/src');
const SERVER_BUILD = join(REPO_ROOT, 'packages/server/dist/main.js');

let buildIsFresh: boolean | undefined;
/**
 * Whether the server's build is newer than every one of its sources. `npm test` builds before it
 * tests, so there the child runs the build (1.4 s to start, against 2.7 s through tsx, and the crash
 * tests start dozens); a developer's run after editing a source, without building, gets the sources.
 */
function serverBuildIsFresh(): boolean {
  if (buildIsFresh !== undefined) return buildIsFresh;
  let built: number;
  try {
    built = statSync(SERVER_BUILD).mtimeMs;
  } catch {
    return (buildIsFresh = false);
  }
  const sources = readdirSync(SERVER_SOURCES, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.ts'));
  return (buildIsFresh = sources.every((path) => statSync(join(SERVER_SOURCES, path)).mtimeMs <= built));
}

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  /** Everything the server has written to stdout and stderr so far (its log). */
  output: () => string;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

export interface SpawnOptions {
  /** What YISHI_DB takes: a SQLite file path or a postgres:// URL. */
  dbPath: string;
  seedDemo?: boolean;
  /** More environment for the server (undefined removes a variable inherited from ours). */
  env?: Record<string, string | undefined>;
  /** Modules loaded into the server before it starts (`--import`), e.g. a benchmark's tracer. */
  preload?: string[];
  /** Gets the server's stderr as it comes (a benchmark shows it). */
  onStderr?: (text: string) => void;
}

export async function spawnServer(options: SpawnOptions): Promise<ChildServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    YISHI_DB: options.dbPath,
    YISHI_WEB_DIST: '',
    YISHI_SEED_DEMO: options.seedDemo === false ? '0' : '1',
    YISHI_CHECK_RESPONSES: '1',
  };
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const preload = (options.preload ?? []).flatMap((module) => ['--import', module]);
  const main = preload.length === 0 && serverBuildIsFresh() ? [SERVER_BUILD] : ['--import', 'tsx', ...preload, 'packages/server/src/main.ts'];
  const child = spawn(process.execPath, main, {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    // Both listeners stay on after start-up: the log keeps growing (setup link, development SMS codes).
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      options.onStderr?.(chunk.toString());
    });
    void exited.then((code) => reject(new Error(`server exited (${code}) before starting:\n${output}`)));
  });
  return {
    url,
    child,
    exited,
    output: () => output,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export class ApiClient {
  cookie = '';
  constructor(readonly baseUrl: string) {}

  async login(login: string, password = 'yishi2026'): Promise<this> {
    const res = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });
    if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    return this;
  }

  async call(method: string, path: string, json?: unknown): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (json !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${this.baseUrl}${path}`, { method, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  }

  /** Calls an endpoint of the core contract; the answer typed (and, on success, checked) by its response schema. */
  async api<E extends Endpoint>(endpoint: E, input: EndpointInput<E>): Promise<Answered<E>> {
    return readAnswer(endpoint, await this.call(endpoint.method.toUpperCase(), endpointUrl(endpoint, input), input.body));
  }

  /** The same, for a call that must succeed. */
  async ok<E extends Endpoint>(endpoint: E, input: EndpointInput<E>): Promise<Answer<E>> {
    const answer = await this.api(endpoint, input);
    if (!answer.ok) throw new Error(`${endpoint.method.toUpperCase()} ${endpoint.path}: ${answer.status} ${JSON.stringify(answer.error)}`);
    return answer.data;
  }

  async json<T>(method: string, path: string, json?: unknown, status?: number): Promise<T> {
    const res = await this.call(method, path, json);
    const text = await res.text();
    if (status !== undefined ? res.status !== status : res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }
}

/** Every item of a keyset-paged list ({ items, next }), read page after page as a client does. */
export async function readAllPages<T>(fetchPage: (after: string | undefined) => Promise<{ items: T[]; next: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  do {
    const page = await fetchPage(after);
    items.push(...page.items);
    after = page.next ?? undefined;
  } while (after !== undefined);
  return items;
}

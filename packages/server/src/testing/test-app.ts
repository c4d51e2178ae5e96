/**
 * A fresh app on a fresh database for each test: migrated, optionally seeded with the demo
 * neighbourhood, with helpers to log in as a demo account and call the API like the web app does.
 *
 * SQLite by default (a new file per test). With YISHI_TEST_PG set to a PostgreSQL URL of an admin
 * database (scripts/test-pg.sh sets it), each test app creates its own database
 * `yishi_test_<random>` on that server and drops it on close.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endpointUrl, type Answer, type Endpoint, type EndpointInput } from '@yishi/core';
import { createApp } from '../app.js';
import { testConfig, type Config } from '../config.js';
import { type DialectName, type OpenOptions, openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Deps } from '../deps.js';
import { seedDemoIfEmpty } from '../seed/index.js';
import { createPostgresDatabase, databaseUrl, withAdmin } from './pg-database.js';
import { DEMO_PASSWORD } from '../seed/demo-foundation.seed.js';
import { LogSmsSender } from '../sms/log-sms-sender.js';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  /** The SQLite file, or the PostgreSQL URL of this test's own database. */
  dbPath: string;
  dialect: DialectName;
  /** Every text message the app sent, as the development sender writes it to the log. */
  smsLog: string[];
  /** Logs in and returns the Cookie header value for later requests. */
  login: (login: string, password?: string) => Promise<string>;
  /** Calls the API; `json` sets the body and content type. */
  call: (method: string, path: string, options?: { cookie?: string; json?: unknown; headers?: Record<string, string>; body?: string }) => Promise<Response>;
  /**
   * Calls an endpoint of the core contract like the web app does; the answer is typed by its
   * response schema and, on success, checked against it (a mismatch fails the test).
   */
  api: <E extends Endpoint>(endpoint: E, input: EndpointInput<E> & { cookie?: string; headers?: Record<string, string> }) => Promise<Answered<E>>;
  /** The same, for a call that must succeed: the checked answer, or the test fails with the error body. */
  ok: <E extends Endpoint>(endpoint: E, input: EndpointInput<E> & { cookie?: string; headers?: Record<string, string> }) => Promise<Answer<E>>;
  /** The compound id of a demo compound by its code (DSCT, CY). */
  compoundId: (code: string) => Promise<string>;
  close: () => Promise<void>;
}

export async function createTestApp(
  options: { seed?: boolean; clock?: () => Date; config?: Partial<Config>; log?: OpenOptions['log'] } = {},
): Promise<TestApp> {
  // The demo as of now: on PostgreSQL a copy of this run's seeded template (see below).
  // A test with its own clock gets the demo as seeded at that clock's instant: also a template copy,
  // one template per instant (the seed's dates follow its clock, and it is otherwise the same).
  const store = options.seed !== false ? await createSeededTestDatabase(options.clock?.() ?? null) : await createTestDatabase();
  const dbPath = store.url;
  const { db, dialect } = openDatabase(dbPath, { log: options.log });
  await migrateToLatest(db);
  const smsLog: string[] = [];
  const deps: Deps = {
    db,
    config: testConfig({ databasePath: dbPath, ...options.config }),
    clock: options.clock ?? (() => new Date()),
    sms: new LogSmsSender((line) => smsLog.push(line)),
  };
  if (options.seed !== false) await seedDemoIfEmpty(deps);
  const app = createApp(deps);
  return {
    app,
    deps,
    dbPath,
    dialect,
    smsLog,
    ...requestHelpers(app, db),
    close: async () => {
      await db.destroy();
      await store.drop();
    },
  };
}

/**
 * Another app on the database of an existing test app, with its own connection pool: what a second
 * server instance behind the load balancer is. Closing it closes only its pool; the database goes
 * with the first app.
 */
export function openPeerApp(of: TestApp, options: { clock?: () => Date; config?: Partial<Config> } = {}): TestApp {
  const { db, dialect } = openDatabase(of.dbPath);
  const deps: Deps = { db, config: { ...of.deps.config, ...options.config }, clock: options.clock ?? of.deps.clock, sms: of.deps.sms };
  const app = createApp(deps);
  return { app, deps, dbPath: of.dbPath, dialect, smsLog: of.smsLog, ...requestHelpers(app, db), close: () => db.destroy() };
}

/** An answer: the status, and the typed data on success or the error body on failure. */
export type Answered<E extends Endpoint> =
  | { status: number; ok: true; data: Answer<E>; error: null; response: Response }
  | { status: number; ok: false; data: null; error: { code: string; message: string; details: unknown }; response: Response };

/** Reads an answer the way the web client does, checking a success against the endpoint's response schema. */
export async function readAnswer<E extends Endpoint>(endpoint: E, response: Response): Promise<Answered<E>> {
  const text = await response.text();
  const parsed: unknown = text === '' ? null : endpoint.produces ? text : JSON.parse(text);
  if (!response.ok)
    return {
      status: response.status,
      ok: false,
      data: null,
      error: (parsed as { error: { code: string; message: string; details: unknown } }).error,
      response,
    };
  if (endpoint.response) {
    const checked = endpoint.response.safeParse(parsed);
    if (!checked.success) throw new Error(`${endpoint.method.toUpperCase()} ${endpoint.path} answered outside its schema: ${checked.error.message}`);
    return { status: response.status, ok: true, data: checked.data as Answer<E>, error: null, response };
  }
  return { status: response.status, ok: true, data: parsed as Answer<E>, error: null, response };
}

function requestHelpers(app: TestApp['app'], db: Deps['db']): Pick<TestApp, 'call' | 'login' | 'compoundId' | 'api' | 'ok'> {
  const call: TestApp['call'] = (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.cookie) headers.cookie = opts.cookie;
    let body: string | undefined = opts.body;
    if (opts.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(opts.json);
    }
    return Promise.resolve(app.request(path, { method, headers, body }));
  };

  const login: TestApp['login'] = async (loginName, password = DEMO_PASSWORD) => {
    const res = await call('POST', '/api/auth/login', { json: { login: loginName, password } });
    if (res.status !== 200) throw new Error(`login ${loginName} failed: ${res.status} ${await res.text()}`);
    const setCookie = res.headers.get('set-cookie') ?? '';
    return setCookie.split(';')[0]!;
  };

  const api: TestApp['api'] = async (endpoint, input) => {
    const res = await call(endpoint.method.toUpperCase(), endpointUrl(endpoint, input), { cookie: input.cookie, headers: input.headers, json: input.body });
    return readAnswer(endpoint, res);
  };
  const ok: TestApp['ok'] = async (endpoint, input) => {
    const answer = await api(endpoint, input);
    if (!answer.ok) throw new Error(`${endpoint.method.toUpperCase()} ${endpoint.path}: ${answer.status} ${JSON.stringify(answer.error)}`);
    return answer.data;
  };

  const compoundId: TestApp['compoundId'] = async (code) => {
    const row = await db.selectFrom('compounds').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    return row.id;
  };
  return { call, login, compoundId, api, ok };
}

/** The PostgreSQL admin URL tests run against, or null for SQLite. */
export function testPostgresUrl(): string | null {
  return process.env.YISHI_TEST_PG || null;
}

/** A new empty database for one test: a SQLite file in a temporary folder, or a PostgreSQL database. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = testPostgresUrl();
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'yishi-test-'));
    return { url: join(dir, 'test.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  return createPostgresDatabase(adminUrl, 'yishi_test');
}

/**
 * A new database holding the migrated demo neighbourhood, seeded with the real clock (`seededAt`
 * null) or as of a test's instant. It is a copy of a template seeded once per instant: on SQLite a
 * file this test process seeded, on PostgreSQL (when scripts/test-pg.sh names the run,
 * YISHI_TEST_PG_RUN) a database copied with CREATE DATABASE … TEMPLATE. The seed goes through the
 * services, password hashing included, and takes one or two seconds; a copy a few milliseconds.
 * Elsewhere it is an empty database and the caller's own seeding does the work (callers migrate and
 * seed-if-empty either way).
 */
export async function createSeededTestDatabase(seededAt: Date | null = null): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = testPostgresUrl();
  const key = seededAt ? seededAt.toISOString().replace(/\D/g, '') : 'now';
  if (!adminUrl) {
    const template = await seededSqliteTemplate(key, seededAt);
    const dir = mkdtempSync(join(tmpdir(), 'yishi-test-'));
    const url = join(dir, 'test.db');
    copyFileSync(template, url);
    return { url, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const run = process.env.YISHI_TEST_PG_RUN;
  if (!run || !/^\w+$/.test(run)) return createTestDatabase();
  return createPostgresDatabase(adminUrl, 'yishi_test', await seededTemplate(adminUrl, run, key, seededAt));
}

/** The clock a template is seeded with: fixed at the test's instant, or the real one. */
function seedClock(seededAt: Date | null): () => Date {
  return seededAt ? () => new Date(seededAt) : () => new Date();
}

const sqliteTemplates = new Map<string, Promise<string>>();

/**
 * This run's seeded SQLite file for an instant. Test files run in processes of their own, so the
 * file is shared through a folder named by the run (YISHI_TEST_RUN, set in vitest.config.ts): the
 * first process to need an instant seeds it into a file of its own and renames it into place (a
 * rename is atomic; two processes racing both build, and either file is whole). Without a run name,
 * each process seeds its own. Closing the database folds its WAL in, so the file alone is whole.
 */
function seededSqliteTemplate(key: string, seededAt: Date | null): Promise<string> {
  let ready = sqliteTemplates.get(key);
  if (!ready) {
    ready = (async () => {
      const run = process.env.YISHI_TEST_RUN;
      const shared = run && /^\w+$/.test(run) ? sharedTemplateFolder(run) : null;
      const dir = shared ?? mkdtempSync(join(tmpdir(), 'yishi-template-'));
      if (!shared) process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      const path = join(dir, `${key}.db`);
      if (existsSync(path)) return path;
      const building = join(dir, `${key}.${process.pid}.building.db`);
      const { db } = openDatabase(building);
      try {
        await migrateToLatest(db);
        await seedDemoIfEmpty({ db, config: testConfig({ databasePath: building }), clock: seedClock(seededAt), sms: new LogSmsSender(() => undefined) });
      } finally {
        await db.destroy();
      }
      renameSync(building, path);
      return path;
    })();
    sqliteTemplates.set(key, ready);
  }
  return ready;
}

/** The run's template folder; folders of runs that ended hours ago go (a run takes minutes). */
function sharedTemplateFolder(run: string): string {
  const dir = join(tmpdir(), `yishi-templates-${run}`);
  if (!existsSync(dir)) {
    for (const name of readdirSync(tmpdir())) {
      if (!name.startsWith('yishi-templates-') || name === `yishi-templates-${run}`) continue;
      const other = join(tmpdir(), name);
      try {
        if (Date.now() - statSync(other).mtimeMs > 3 * 3_600_000) rmSync(other, { recursive: true, force: true });
      } catch {
        // another run removed it first
      }
    }
    mkdirSync(dir, { recursive: true });
  }
  return dir;
}

const pgTemplates = new Map<string, Promise<string>>();

/** This run's seeded template for an instant, built once by whichever test process asks first (the others wait). */
function seededTemplate(adminUrl: string, run: string, key: string, seededAt: Date | null): Promise<string> {
  const template = `yishi_tpl_${run}_${key}`;
  let ready = pgTemplates.get(template);
  if (ready) return ready;
  ready = withAdmin(adminUrl, async (admin) => {
    // One lock per template: test processes asking for different instants seed theirs at the same time
    // (one lock for all made a test wait behind every other instant's seed, past its hook's timeout).
    await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (exists.rowCount) return template;
      // Templates of runs that started over three hours ago go first (runs named `run<epoch seconds>_…`
      // by scripts/test-pg.sh); a run going on at the same time keeps its own.
      const others = await admin.query(`select datname from pg_database where datname like 'yishi\\_tpl\\_run%' and datname not like $1`, [
        `yishi\\_tpl\\_${run}\\_%`,
      ]);
      for (const { datname } of others.rows as Array<{ datname: string }>) {
        const startedAt = Number(/^yishi_tpl_run(\d+)_/.exec(datname)?.[1] ?? Number.NaN) * 1000;
        // Another process may be dropping the same one (each template has its own lock): its error is no matter.
        if (Date.now() - startedAt > 3 * 3_600_000) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
      }
      // Built under another name and renamed when complete: a half-built template is never copied.
      const building = `${template}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const url = databaseUrl(adminUrl, building);
      const { db } = openDatabase(url);
      try {
        await migrateToLatest(db);
        await seedDemoIfEmpty({ db, config: testConfig({ databasePath: url }), clock: seedClock(seededAt), sms: new LogSmsSender(() => undefined) });
      } finally {
        await db.destroy();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
      return template;
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
  pgTemplates.set(template, ready);
  return ready;
}

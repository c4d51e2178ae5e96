/** Configuration comes from the environment only; docs/operations.md lists every variable. */
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** A SQLite file path (default ./data/yishi.db) or a `postgres://` URL. */
  databasePath: string;
  /** Built web app to serve; absent in API-only tests. */
  webDist: string | null;
  /** Origins allowed to make state-changing requests besides the server's own. */
  trustedOrigins: string[];
  /** Send cookies with Secure (set behind HTTPS). */
  secureCookies: boolean;
  sessionIdleDays: number;
  sessionAbsoluteDays: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Seed demo data into an empty database on start. */
  seedDemo: boolean;
  maxBodyBytes: number;
  /**
   * How many reverse proxies of OUR OWN stand in front of the app (YISHI_TRUST_PROXY: `1`/`true` for
   * one nginx, a number for a chain; default 0 = none). The client address is then read that many
   * entries from the right of X-Forwarded-For — the entries each of our proxies appended — never
   * from the left, which the client writes itself. Only set it when the app port is reachable
   * through those proxies alone.
   */
  trustProxyHops: number;
  /**
   * Redis for several instances (YISHI_REDIS_URL, e.g. `redis://127.0.0.1:6379`): live documents are
   * relayed between the instances through it. Null (the default) for a single instance.
   */
  redisUrl: string | null;
  /**
   * How a live-document update is stored on SQLite before it is sent on (YISHI_COLLAB_DURABILITY):
   * `process` (default) survives the server process dying and is fsynced right after, off the event
   * loop; `commit` fsyncs before sending, like votes and sign-offs always are. See docs/operations.md.
   */
  collabDurability: 'process' | 'commit';
  /** Live-document sockets are pinged this often and dropped when they miss one (YISHI_COLLAB_PING_SECONDS; 0 = off). */
  collabPingIntervalMs: number;
  /**
   * Bytes that may wait to be sent to one live-document socket (YISHI_COLLAB_MAX_BUFFERED_KIB); a socket
   * that stopped reading with more waiting is closed with 4509 and its client reconnects later.
   */
  collabMaxBufferedBytes: number;
  /** Live-document sockets one person may have open on one instance (YISHI_COLLAB_MAX_SOCKETS_PER_USER); the next is refused with 4429. */
  collabMaxSocketsPerUser: number;
  /**
   * Every this long each instance checks that the sessions behind its open sockets still exist
   * (YISHI_COLLAB_SESSION_CHECK_SECONDS; 0 = off): the bound when a logout's relay message is lost.
   */
  collabSessionCheckMs: number;
  /**
   * The address people reach Yishi at (YISHI_PUBLIC_URL, e.g. `https://yishi.example.gov.cn`), used in
   * every link the server hands out: the setup link, invitations, activation letters and their QR
   * codes. Never taken from a request's Host header, which the client controls. Null when not set:
   * startServer then uses the address it listens on (http://localhost:PORT on one machine).
   */
  publicUrl: string | null;
  /** Where text messages go: the log (development) or a provider. See docs/operations.md. */
  sms: SmsConfig;
  /** Notices by SMS, e-mail and staff group robots: the outbox worker and the scheduler. See docs/operations.md. */
  notifications: NotificationsConfig;
  /** Tests only: every JSON answer is checked against its route's response schema (a mismatch is a 500). */
  checkResponses: boolean;
}

/** E-mail over SMTP (YISHI_SMTP_URL, YISHI_MAIL_FROM); null: no e-mail channel. */
export interface MailConfig {
  /** smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465. */
  url: string;
  /** The From address, e.g. `议事平台 <yishi@example.gov.cn>`. */
  from: string;
}

export interface NotificationsConfig {
  /** Record notices at all (YISHI_NOTIFICATIONS=off stops recording new ones; the benchmark compares with and without). */
  enabled: boolean;
  mail: MailConfig | null;
  /** Hosts group-robot webhooks may point at (YISHI_ROBOT_HOSTS; default the official WeCom and DingTalk hosts). */
  robotHosts: string[];
  /** Text messages one person gets per Beijing day at most (YISHI_NOTIFY_SMS_DAILY_CAP). */
  smsDailyCap: number;
  /** Run the outbox worker and the scheduler in this process (YISHI_NOTIFY_WORKER=0 turns both off). */
  worker: boolean;
  /** How often an idle worker looks for due deliveries (YISHI_NOTIFY_POLL_MS). */
  pollMs: number;
  /** How long a claimed delivery is this instance's before another may take it over (YISHI_NOTIFY_LEASE_SECONDS). */
  leaseMs: number;
  /** Attempts before a delivery is given up as unreachable (YISHI_NOTIFY_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Deliveries sent at once by one instance (YISHI_NOTIFY_CONCURRENCY). */
  concurrency: number;
  /** How often the scheduler looks for reminders and digests (YISHI_NOTIFY_SCHEDULE_SECONDS). */
  scheduleMs: number;
}

/** YISHI_SMS_PROVIDER=log (default; codes are written to the server log, never for production) or tencent. */
export type SmsConfig = { provider: 'log' } | TencentSmsConfig;

/** Tencent Cloud SMS through its official SDK (YISHI_SMS_TENCENT_*). */
export interface TencentSmsConfig {
  provider: 'tencent';
  secretId: string;
  secretKey: string;
  /** The SMS application's SdkAppId. */
  sdkAppId: string;
  /** The approved signature (签名), e.g. 秀江街道. */
  signName: string;
  region: string;
  /** The API host (default sms.tencentcloudapi.com); tests point it at a local server. */
  endpoint: string;
  /** https:// (default) or http:// for a local test server. */
  protocol: 'https://' | 'http://';
  /** Provider template ids by our template name (YISHI_SMS_TEMPLATE_VERIFICATION_CODE …). */
  templates: Record<string, string>;
}

function proxyHopsFrom(value: string | undefined): number {
  const text = (value ?? '').trim().toLowerCase();
  if (text === 'true' || text === 'yes') return 1;
  const hops = Number.parseInt(text, 10);
  return Number.isSafeInteger(hops) && hops > 0 ? hops : 0;
}

function intFrom(value: string | undefined, fallback: number): number {
  const parsed = value === undefined ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(parsed) ? parsed : fallback;
}

/** A `postgres://` URL is kept as it is; anything else is a SQLite file path relative to cwd. */
function databaseFrom(value: string | undefined, cwd: string): string {
  if (value && /^postgres(ql)?:\/\//i.test(value)) return value;
  return resolve(cwd, value ?? 'data/yishi.db');
}

/** A URL without its trailing slash, or null when not set. */
function publicUrlFrom(value: string | undefined): string | null {
  const text = (value ?? '').trim().replace(/\/+$/, '');
  if (text === '') return null;
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`YISHI_PUBLIC_URL must be an http(s) URL: ${text}`);
  return text;
}

function smsFrom(env: NodeJS.ProcessEnv): SmsConfig {
  const provider = (env.YISHI_SMS_PROVIDER ?? 'log').trim().toLowerCase();
  if (provider === '' || provider === 'log') return { provider: 'log' };
  if (provider !== 'tencent') throw new Error(`YISHI_SMS_PROVIDER must be "log" or "tencent", not "${provider}"`);
  const need = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new Error(`YISHI_SMS_PROVIDER=tencent needs ${name}`);
    return value;
  };
  const templates: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = /^YISHI_SMS_TEMPLATE_([A-Z0-9_]+)$/.exec(name);
    if (match && value?.trim()) templates[match[1]!.toLowerCase()] = value.trim();
  }
  // Without it no code reaches anyone (log-in, activation, a proxy's confirmation): refused at start-up,
  // not found out by every owner as "try again later".
  need('YISHI_SMS_TEMPLATE_VERIFICATION_CODE');
  return {
    provider: 'tencent',
    secretId: need('YISHI_SMS_TENCENT_SECRET_ID'),
    secretKey: need('YISHI_SMS_TENCENT_SECRET_KEY'),
    sdkAppId: need('YISHI_SMS_TENCENT_SDK_APP_ID'),
    signName: need('YISHI_SMS_SIGN_NAME'),
    region: env.YISHI_SMS_TENCENT_REGION?.trim() || 'ap-guangzhou',
    endpoint: env.YISHI_SMS_TENCENT_ENDPOINT?.trim() || 'sms.tencentcloudapi.com',
    protocol: env.YISHI_SMS_TENCENT_PROTOCOL?.trim() === 'http://' ? 'http://' : 'https://',
    templates,
  };
}

function mailFrom(env: NodeJS.ProcessEnv): MailConfig | null {
  const url = env.YISHI_SMTP_URL?.trim();
  if (!url) return null;
  if (!/^smtps?:\/\//i.test(url)) throw new Error('YISHI_SMTP_URL must be an smtp:// or smtps:// URL');
  const from = env.YISHI_MAIL_FROM?.trim();
  if (!from) throw new Error('YISHI_SMTP_URL needs YISHI_MAIL_FROM (the From address, e.g. "议事平台 <yishi@example.gov.cn>")');
  return { url, from };
}

function notificationsFrom(env: NodeJS.ProcessEnv): NotificationsConfig {
  const hosts = (env.YISHI_ROBOT_HOSTS ?? 'qyapi.weixin.qq.com,oapi.dingtalk.com')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return {
    enabled: (env.YISHI_NOTIFICATIONS ?? 'on').trim().toLowerCase() !== 'off',
    mail: mailFrom(env),
    robotHosts: hosts,
    smsDailyCap: Math.max(0, intFrom(env.YISHI_NOTIFY_SMS_DAILY_CAP, 3)),
    worker: env.YISHI_NOTIFY_WORKER !== '0',
    pollMs: Math.max(50, intFrom(env.YISHI_NOTIFY_POLL_MS, 1000)),
    leaseMs: Math.max(1, intFrom(env.YISHI_NOTIFY_LEASE_SECONDS, 60)) * 1000,
    maxAttempts: Math.max(1, intFrom(env.YISHI_NOTIFY_MAX_ATTEMPTS, 8)),
    concurrency: Math.max(1, intFrom(env.YISHI_NOTIFY_CONCURRENCY, 8)),
    scheduleMs: Math.max(1, intFrom(env.YISHI_NOTIFY_SCHEDULE_SECONDS, 60)) * 1000,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  return {
    port: intFrom(env.PORT, 8787),
    host: env.HOST ?? '0.0.0.0',
    databasePath: databaseFrom(env.YISHI_DB, cwd),
    webDist: env.YISHI_WEB_DIST === '' ? null : resolve(cwd, env.YISHI_WEB_DIST ?? 'packages/web/dist'),
    trustedOrigins: (env.YISHI_TRUSTED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    secureCookies: env.YISHI_SECURE_COOKIES === '1',
    sessionIdleDays: intFrom(env.YISHI_SESSION_IDLE_DAYS, 7),
    sessionAbsoluteDays: intFrom(env.YISHI_SESSION_ABSOLUTE_DAYS, 30),
    loginMaxFailures: intFrom(env.YISHI_LOGIN_MAX_FAILURES, 5),
    loginLockMinutes: intFrom(env.YISHI_LOGIN_LOCK_MINUTES, 15),
    seedDemo: env.YISHI_SEED_DEMO !== '0',
    maxBodyBytes: intFrom(env.YISHI_MAX_BODY_BYTES, 2 * 1024 * 1024),
    trustProxyHops: proxyHopsFrom(env.YISHI_TRUST_PROXY),
    redisUrl: env.YISHI_REDIS_URL?.trim() || null,
    collabDurability: env.YISHI_COLLAB_DURABILITY === 'commit' ? 'commit' : 'process',
    collabPingIntervalMs: Math.max(0, intFrom(env.YISHI_COLLAB_PING_SECONDS, 30)) * 1000,
    collabMaxBufferedBytes: Math.max(64, intFrom(env.YISHI_COLLAB_MAX_BUFFERED_KIB, 2048)) * 1024,
    collabMaxSocketsPerUser: Math.max(1, intFrom(env.YISHI_COLLAB_MAX_SOCKETS_PER_USER, 8)),
    collabSessionCheckMs: Math.max(0, intFrom(env.YISHI_COLLAB_SESSION_CHECK_SECONDS, 15)) * 1000,
    publicUrl: publicUrlFrom(env.YISHI_PUBLIC_URL),
    sms: smsFrom(env),
    notifications: notificationsFrom(env),
    checkResponses: env.YISHI_CHECK_RESPONSES === '1',
  };
}

/** Defaults for tests and tools: everything from loadConfig with no environment. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), webDist: null, seedDemo: false, checkResponses: true, ...overrides };
}

/** The base of every link the server hands out (see Config.publicUrl). */
export function publicUrlOf(config: Pick<Config, 'publicUrl' | 'port'>): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

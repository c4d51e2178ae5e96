/**
 * A local HTTPS server standing in for the WeCom and DingTalk webhooks: a certificate made for the
 * test (openssl), an https.Agent that trusts it and resolves the test host names to 127.0.0.1 (no
 * DNS), and checks of what each robot's API checks — the JSON markdown payload, the key or access
 * token, and DingTalk's signature (HmacSHA256 of `timestamp\nsecret`, base64, within an hour).
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const WECOM_TEST_HOST = 'qyapi.yishi.test';
export const DINGTALK_TEST_HOST = 'oapi.yishi.test';

export interface RobotRequest {
  host: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** Why the real API would refuse it, or null. */
  refusal: string | null;
}

export interface TestRobotServer {
  port: number;
  agent: Agent;
  hosts: string[];
  received: RobotRequest[];
  wecomUrl: (key: string) => string;
  dingtalkUrl: (token: string) => string;
  /** DingTalk secrets by access token: requests to a token with a secret must be signed with it. */
  secrets: Map<string, string>;
  /** Answer the next requests with this (HTTP status, or a robot errcode in a 200). */
  answerNext: (answer: { status?: number; errcode?: number }, count?: number) => void;
  close: () => Promise<void>;
}

function certificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-robot-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=yishi robot test',
        '-addext',
        `subjectAltName=DNS:${WECOM_TEST_HOST},DNS:${DINGTALK_TEST_HOST}`,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function refusalOf(host: string, query: URLSearchParams, body: unknown, secrets: Map<string, string>): string | null {
  const message = body as { msgtype?: string; markdown?: { content?: string; title?: string; text?: string } };
  if (message?.msgtype !== 'markdown') return `msgtype ${message?.msgtype}`;
  if (host === WECOM_TEST_HOST) {
    if (!query.get('key')) return 'no key';
    if (typeof message.markdown?.content !== 'string' || Buffer.byteLength(message.markdown.content) > 4096) return 'markdown.content';
    return null;
  }
  const token = query.get('access_token');
  if (!token) return 'no access_token';
  if (typeof message.markdown?.title !== 'string' || typeof message.markdown?.text !== 'string') return 'markdown.title/text';
  const secret = secrets.get(token);
  if (!secret) return null;
  const timestamp = Number(query.get('timestamp'));
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() - timestamp) > 3600_000) return 'timestamp';
  const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  return query.get('sign') === expected ? null : 'sign';
}

export async function startTestRobotServer(): Promise<TestRobotServer> {
  const received: RobotRequest[] = [];
  const secrets = new Map<string, string>();
  let answers: Array<{ status?: number; errcode?: number }> = [];
  const { key, cert } = certificate();
  const server: Server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `https://${req.headers.host}`);
      const host = url.hostname;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = null;
      }
      const refusal = req.headers['content-type']?.startsWith('application/json') ? refusalOf(host, url.searchParams, body, secrets) : 'content type';
      received.push({ host, path: url.pathname, query: url.searchParams, body, refusal });
      const answer = answers.shift();
      if (answer?.status) {
        res.writeHead(answer.status).end('busy');
        return;
      }
      // Both APIs answer 200 with an errcode; 310000 is DingTalk's "sign does not match", 93000 WeCom's bad key.
      const errcode = refusal ? (host === WECOM_TEST_HOST ? 93000 : 310000) : (answer?.errcode ?? 0);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode, errmsg: errcode === 0 ? 'ok' : (refusal ?? 'refused') }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const agent = new Agent({
    ca: cert,
    lookup: (_host, options, callback) =>
      (options as { all?: boolean }).all
        ? (callback as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address: '127.0.0.1', family: 4 }])
        : callback(null, '127.0.0.1', 4),
  });
  return {
    port,
    agent,
    hosts: [WECOM_TEST_HOST, DINGTALK_TEST_HOST],
    received,
    secrets,
    wecomUrl: (k) => `https://${WECOM_TEST_HOST}:${port}/cgi-bin/webhook/send?key=${k}`,
    dingtalkUrl: (token) => `https://${DINGTALK_TEST_HOST}:${port}/robot/send?access_token=${token}`,
    answerNext: (answer, count = 1) => {
      answers = [...answers, ...Array.from({ length: count }, () => answer)];
    },
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

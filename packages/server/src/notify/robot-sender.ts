/**
 * Staff group robots: the WeCom (企业微信) group-bot webhook and the DingTalk custom-robot webhook,
 * both sent a markdown message. DingTalk's signed-secret mode (加签) adds `timestamp` (ms) and
 * `sign` = urlencode(base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret))) to the
 * address, as DingTalk documents it. Both answer HTTP 200 with `{ errcode, errmsg }`: 0 is success.
 * Only https addresses on the allowed hosts are ever called (checked again at send time).
 */
import { createHmac } from 'node:crypto';
import { request, type Agent } from 'node:https';
import { robotUrlProblem, type RobotKind } from '@yishi/core';
import { ChannelError } from './channel-error.js';

export interface RobotTarget {
  kind: RobotKind;
  url: string;
  secret: string | null;
}

export interface RobotSenderOptions {
  allowedHosts: readonly string[];
  /** Tests hand a local CA and a loopback lookup here, as the Tencent SMS tests do. */
  agent?: Agent;
  timeoutMs?: number;
  now?: () => number;
}

/** DingTalk's signature of a timestamp (ms) with the robot's secret. */
export function dingTalkSign(timestamp: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/** Error codes the robots answer when a group gets too many messages (20 a minute): wait and try again. */
const BUSY_CODES = new Set([45009, 130101, -1, 45033]);

/** WeCom cuts markdown at 4,096 bytes; DingTalk allows about 20,000. */
function fitBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let cut = text;
  while (Buffer.byteLength(cut) > max - 4) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  return `${cut}\n…`;
}

export class RobotSender {
  constructor(private readonly options: RobotSenderOptions) {}

  async send(target: RobotTarget, message: { title: string; text: string }): Promise<{ providerMessageId: string }> {
    const problem = robotUrlProblem(target.kind, target.url, this.options.allowedHosts);
    if (problem) throw new ChannelError(`robot address refused (${problem})`, problem, false);
    const url = new URL(target.url);
    if (target.kind === 'dingtalk' && target.secret) {
      const timestamp = (this.options.now ?? Date.now)();
      url.searchParams.set('timestamp', String(timestamp));
      url.searchParams.set('sign', dingTalkSign(timestamp, target.secret));
    }
    const body =
      target.kind === 'wecom'
        ? { msgtype: 'markdown', markdown: { content: fitBytes(message.text, 4096) } }
        : { msgtype: 'markdown', markdown: { title: message.title, text: fitBytes(message.text, 19_000) } };
    const answer = await this.post(url, JSON.stringify(body));
    if (answer.status === 429 || answer.status >= 500) throw new ChannelError(`robot answered HTTP ${answer.status}`, `HTTP${answer.status}`, true);
    if (answer.status >= 300) throw new ChannelError(`robot answered HTTP ${answer.status}`, `HTTP${answer.status}`, false);
    let parsed: { errcode?: unknown; errmsg?: unknown };
    try {
      parsed = JSON.parse(answer.text) as typeof parsed;
    } catch {
      throw new ChannelError('robot answered something that is not JSON', 'InvalidResponse', true);
    }
    const errcode = Number(parsed.errcode);
    if (errcode === 0) return { providerMessageId: `${target.kind}-${Date.now()}` };
    const code = `errcode ${Number.isFinite(errcode) ? errcode : '?'}`;
    throw new ChannelError(`robot refused: ${code} ${String(parsed.errmsg ?? '')}`.trim(), code, BUSY_CODES.has(errcode));
  }

  private post(url: URL, body: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent: this.options.agent,
          headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) },
          timeout: this.options.timeoutMs ?? 10_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (error) => reject(new ChannelError(`robot: ${error.message}`, 'NetworkError', true)));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error) => reject(new ChannelError(`robot: ${error.message}`, 'NetworkError', true)));
      req.end(body);
    });
  }
}

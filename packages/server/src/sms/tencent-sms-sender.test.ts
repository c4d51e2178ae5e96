/**
 * The Tencent sender against a local server that speaks the SMS API's request and answer shape
 * and checks the TC3-HMAC-SHA256 signature the way the API does, so the real SDK does the
 * signing and the HTTP. Only the host name's resolution is local (see the agent below).
 */
import { createHash, createHmac } from 'node:crypto';
import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TencentSmsConfig } from '../config.js';
import { SmsSendError, type SmsMessage } from './sms-sender.js';
import { maskPhone, TencentSmsSender } from './tencent-sms-sender.js';

const SECRET_ID = 'AKIDtest0000000000000000000000000000';
const SECRET_KEY = 'test-secret-key-0000000000000000';
const PHONE = '13800000001';
const MESSAGE: SmsMessage = { phone: PHONE, template: 'verification_code', params: ['482913', '10'] };
// The SDK signs for the service named by the endpoint's first label, so the endpoint keeps an
// sms.* host name; the agent resolves it to the local server without any DNS query.
const HOST = 'sms.yishi.test';
const toLoopback = new Agent({
  lookup: (_host, options, callback) => (options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)),
});

interface Seen {
  headers: IncomingHttpHeaders;
  body: string;
  /** Why the API would refuse the request, or null when it passes. */
  refusal: string | null;
}
type Answer = { status: number; text: string } | 'hang';

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** What the API checks before it looks at the action: method, headers, scope and signature. */
function refusalOf(method: string | undefined, headers: IncomingHttpHeaders, body: string): string | null {
  if (method !== 'POST') return `method ${method}`;
  if (headers['content-type'] !== 'application/json') return `content type ${headers['content-type']}`;
  if (headers['x-tc-action'] !== 'SendSms') return `action ${headers['x-tc-action']}`;
  if (headers['x-tc-version'] !== '2021-01-11') return `version ${headers['x-tc-version']}`;
  if (headers['x-tc-region'] !== 'ap-guangzhou') return `region ${headers['x-tc-region']}`;
  const timestamp = Number(headers['x-tc-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return 'timestamp';
  const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
    headers.authorization ?? '',
  );
  if (!auth) return `authorization ${headers.authorization}`;
  const [, secretId, date, service, signedHeaders, signature] = auth as unknown as string[];
  if (secretId !== SECRET_ID) return `secret id ${secretId}`;
  if (date !== new Date(timestamp * 1000).toISOString().slice(0, 10)) return `date ${date}`;
  if (service !== 'sms') return `service ${service}`;
  const names = signedHeaders!.split(';');
  if (!names.includes('content-type') || !names.includes('host')) return `signed headers ${signedHeaders}`;
  // The API is served on 443 only, so its host is a bare name; the SDK signs it without a port.
  const value = (name: string) => String(name === 'host' ? headers.host?.replace(/:\d+$/, '') : (headers[name] ?? ''));
  const canonicalHeaders = names.map((name) => `${name}:${value(name).trim().toLowerCase()}\n`).join('');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256(body)].join('\n');
  const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/sms/tc3_request`, sha256(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${SECRET_KEY}`, date!), 'sms'), 'tc3_request');
  const expected = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return expected === signature ? null : 'signature';
}

const okAnswer = (serialNo: string): Answer => ({
  status: 200,
  text: JSON.stringify({
    Response: {
      SendStatusSet: [{ SerialNo: serialNo, PhoneNumber: `+86${PHONE}`, Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' }],
      RequestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279',
    },
  }),
});
const statusAnswer = (code: string, message: string): Answer => ({
  status: 200,
  text: JSON.stringify({
    Response: {
      SendStatusSet: [{ SerialNo: '', PhoneNumber: `+86${PHONE}`, Fee: 0, SessionContext: '', Code: code, Message: message, IsoCode: 'CN' }],
      RequestId: 'b4c1e2d3-0000-4000-8000-000000000002',
    },
  }),
});
const errorAnswer = (code: string, message: string): Answer => ({
  status: 200,
  text: JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: 'c5d2f3e4-0000-4000-8000-000000000003' } }),
});

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

/** A local SMS API: refuses what the real one would, otherwise answers as told. */
async function fakeApi(answer: Answer = okAnswer('2028:6915281317506250816')) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const refusal = refusalOf(req.method, req.headers, body);
      seen.push({ headers: req.headers, body, refusal });
      // The real API answers a bad signature with HTTP 200 and an Error in the body.
      const reply = refusal ? errorAnswer('AuthFailure.SignatureFailure', `The provided credentials could not be validated (${refusal}).`) : answer;
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.text);
    });
  });
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return { port: (server.address() as AddressInfo).port, seen };
}

function config(port: number, overrides: Partial<TencentSmsConfig> = {}): TencentSmsConfig {
  return {
    provider: 'tencent',
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    sdkAppId: '1400006666',
    signName: '秀江街道',
    region: 'ap-guangzhou',
    endpoint: `${HOST}:${port}`,
    protocol: 'http://',
    templates: { verification_code: '1110' },
    ...overrides,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<SmsSendError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsSendError);
  return error as SmsSendError;
}

/** Sends a request the way a client would, without the SDK, to replay or tamper with one. */
function replay(port: number, headers: IncomingHttpHeaders, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', reject).end(body);
  });
}

describe('TencentSmsSender', () => {
  it('sends a verification code as a signed SendSms request and returns the serial number', async () => {
    const api = await fakeApi();
    const sender = new TencentSmsSender(config(api.port), { agent: toLoopback });
    expect(sender.provider).toBe('tencent');
    await expect(sender.send(MESSAGE)).resolves.toEqual({ providerMessageId: '2028:6915281317506250816' });
    expect(api.seen).toHaveLength(1);
    expect(api.seen[0]!.refusal).toBeNull();
    expect(JSON.parse(api.seen[0]!.body)).toEqual({
      PhoneNumberSet: ['+8613800000001'],
      SmsSdkAppId: '1400006666',
      SignName: '秀江街道',
      TemplateId: '1110',
      TemplateParamSet: ['482913', '10'],
    });
  });

  it('is refused when the body is tampered with or the key is wrong, so the checker is real', async () => {
    const api = await fakeApi();
    await new TencentSmsSender(config(api.port), { agent: toLoopback }).send(MESSAGE);
    const { headers, body } = api.seen[0]!;
    expect(await replay(api.port, headers, body)).toContain('"Code":"Ok"');
    const tampered = body.replace('+8613800000001', '+8613900000009');
    expect(await replay(api.port, headers, tampered)).toContain('AuthFailure.SignatureFailure');
    expect(api.seen.map((s) => s.refusal)).toEqual([null, null, 'signature']);

    const wrongKey = new TencentSmsSender(config(api.port, { secretKey: 'not-the-key' }), { agent: toLoopback });
    const error = await failureOf(wrongKey.send(MESSAGE));
    expect(error).toMatchObject({ code: 'AuthFailure.SignatureFailure', retryable: false });
  });

  it('signs for the wrong service when the endpoint is a bare address (an SDK quirk)', async () => {
    const api = await fakeApi();
    const sender = new TencentSmsSender(config(api.port, { endpoint: `127.0.0.1:${api.port}` }));
    const error = await failureOf(sender.send(MESSAGE));
    expect(error).toMatchObject({ code: 'AuthFailure.SignatureFailure', retryable: false });
    expect(api.seen[0]!.refusal).toBe('service 127');
  });

  it('reports a refused number as not retryable, with the number masked', async () => {
    const api = await fakeApi(statusAnswer('InvalidParameterValue.IncorrectPhoneNumber', `+86${PHONE} is not a valid number`));
    const error = await failureOf(new TencentSmsSender(config(api.port), { agent: toLoopback }).send(MESSAGE));
    expect(error).toMatchObject({ code: 'InvalidParameterValue.IncorrectPhoneNumber', retryable: false });
    expect(error.message).toContain('138****0001');
    expect(error.message).not.toContain(PHONE);
  });

  it('reports an unapproved template as not retryable', async () => {
    const api = await fakeApi(statusAnswer('FailedOperation.TemplateIncorrectOrUnapproved', 'template is not approved'));
    const error = await failureOf(new TencentSmsSender(config(api.port), { agent: toLoopback }).send(MESSAGE));
    expect(error).toMatchObject({ code: 'FailedOperation.TemplateIncorrectOrUnapproved', retryable: false });
  });

  it('reports a limit answered as an API error as retryable', async () => {
    const api = await fakeApi(errorAnswer('LimitExceeded.PhoneNumberDailyLimit', 'the number reached its daily limit'));
    const error = await failureOf(new TencentSmsSender(config(api.port), { agent: toLoopback }).send(MESSAGE));
    expect(error).toMatchObject({ code: 'LimitExceeded.PhoneNumberDailyLimit', retryable: true });
    expect(error.message).toContain('c5d2f3e4-0000-4000-8000-000000000003');
  });

  it('reports HTTP 500, a garbled answer, a refused connection and a timeout as retryable', async () => {
    const down = await fakeApi({ status: 500, text: 'Internal Server Error' });
    await expect(failureOf(new TencentSmsSender(config(down.port), { agent: toLoopback }).send(MESSAGE))).resolves.toMatchObject({
      code: 'HTTP500',
      retryable: true,
    });

    const garbled = await fakeApi({ status: 200, text: '<html>gateway</html>' });
    await expect(failureOf(new TencentSmsSender(config(garbled.port), { agent: toLoopback }).send(MESSAGE))).resolves.toMatchObject({
      code: 'InvalidResponse',
      retryable: true,
    });

    const closed = await fakeApi();
    const server = servers.pop()!;
    await new Promise((done) => server.close(done));
    await expect(failureOf(new TencentSmsSender(config(closed.port), { agent: toLoopback }).send(MESSAGE))).resolves.toMatchObject({
      code: 'NetworkError',
      retryable: true,
    });

    const slow = await fakeApi('hang');
    const sender = new TencentSmsSender(config(slow.port), { agent: toLoopback, timeoutSeconds: 0.3 });
    const timedOut = await failureOf(sender.send(MESSAGE));
    expect(timedOut).toMatchObject({ code: 'NetworkError', retryable: true });
    expect(timedOut.message).toMatch(/timeout/i);
  });

  it('refuses a template with no configured id, naming the variable, without calling the API', async () => {
    const api = await fakeApi();
    const sender = new TencentSmsSender(config(api.port, { templates: {} }), { agent: toLoopback });
    const error = await failureOf(sender.send(MESSAGE));
    expect(error).toMatchObject({ code: 'TemplateNotConfigured', retryable: false });
    expect(error.message).toContain('YISHI_SMS_TEMPLATE_VERIFICATION_CODE');
    expect(api.seen).toHaveLength(0);
  });

  it('masks numbers as 138****0001', () => {
    expect(maskPhone('13800000001')).toBe('138****0001');
    expect(maskPhone('+8613800000001')).toBe('138****0001');
  });
});

/**
 * Tencent Cloud SMS (API 2021-01-11, SendSms) through its official Node SDK, which signs each
 * request with TC3-HMAC-SHA256. Operators configure it with YISHI_SMS_PROVIDER=tencent
 * (config.ts, docs/operations.md "Text messages").
 *
 * One quirk of the SDK shapes YISHI_SMS_TENCENT_ENDPOINT: it takes the signing scope's service
 * name from the endpoint's first label (sms.tencentcloudapi.com → "sms"). Every Tencent SMS host
 * starts with "sms." (sms.ap-guangzhou.tencentcloudapi.com, sms.internal.tencentcloudapi.com), but
 * an endpoint like 127.0.0.1:8080 is signed for service "127" and a real API would refuse it.
 * Tests therefore keep an sms.* host name and hand the SDK an http.Agent that resolves it locally.
 */
import type { Agent } from 'node:http';
import { sms } from 'tencentcloud-sdk-nodejs-sms';
import type { TencentSmsConfig } from '../config.js';
import { SmsSendError, type SmsMessage, type SmsResult, type SmsSender } from './sms-sender.js';

type SmsClient = InstanceType<typeof sms.v20210111.Client>;

export interface TencentSmsSenderOptions {
  /** Passed to the SDK (httpProfile.agent); it then ignores the http_proxy environment variable. */
  agent?: Agent;
  /** How long one request may take; a verification code that arrives later is of little use. */
  timeoutSeconds?: number;
}

export class TencentSmsSender implements SmsSender {
  readonly provider = 'tencent';
  private readonly client: SmsClient;

  constructor(
    private readonly config: TencentSmsConfig,
    options: TencentSmsSenderOptions = {},
  ) {
    this.client = new sms.v20210111.Client({
      credential: { secretId: config.secretId, secretKey: config.secretKey },
      region: config.region,
      profile: {
        httpProfile: {
          endpoint: config.endpoint,
          protocol: config.protocol,
          reqMethod: 'POST',
          reqTimeout: options.timeoutSeconds ?? 10,
          ...(options.agent ? { agent: options.agent } : {}),
        },
      },
    });
  }

  async send(message: SmsMessage): Promise<SmsResult> {
    const masked = maskPhone(message.phone);
    const templateId = this.config.templates[message.template];
    if (!templateId) {
      throw new SmsSendError(
        `No Tencent Cloud template id for SMS template "${message.template}": set YISHI_SMS_TEMPLATE_${message.template.toUpperCase()}`,
        'TemplateNotConfigured',
        false,
      );
    }
    const fail = (code: string, detail: string, retryable: boolean, requestId?: string): SmsSendError =>
      new SmsSendError(
        `Tencent Cloud SMS to ${masked} failed: ${code}: ${maskIn(detail, message.phone)}${requestId ? ` (RequestId ${requestId})` : ''}`,
        code,
        retryable,
      );

    let answer: Awaited<ReturnType<SmsClient['SendSms']>>;
    try {
      answer = await this.client.SendSms({
        PhoneNumberSet: [e164(message.phone)],
        SmsSdkAppId: this.config.sdkAppId,
        SignName: this.config.signName,
        TemplateId: templateId,
        TemplateParamSet: message.params,
      });
    } catch (error) {
      const { code, detail, retryable, requestId } = classifyFailure(error);
      throw fail(code, detail, retryable, requestId);
    }

    // One number per request, so the first status is ours; the API answers 200 even when that
    // number was refused, with the reason in its Code.
    const status = answer?.SendStatusSet?.[0];
    if (!status?.Code) throw fail('InvalidResponse', 'the answer has no SendStatusSet', true, answer?.RequestId);
    if (status.Code !== 'Ok' || !status.SerialNo) {
      throw fail(status.Code, status.Message ?? '', isRetryableCode(status.Code), answer.RequestId);
    }
    return { providerMessageId: status.SerialNo };
  }
}

/** 13800000001 → 138****0001, so logs and error reports never carry a whole number. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const local = digits.length > 11 && digits.startsWith('86') ? digits.slice(-11) : digits;
  return local.length >= 8 ? `${local.slice(0, 3)}****${local.slice(-4)}` : '****';
}

/** Provider messages may quote the number (with or without +86); mask it wherever it appears. */
function maskIn(text: string, phone: string): string {
  const digits = phone.replace(/\D/g, '').slice(-11);
  return digits.length >= 8 ? text.split(digits).join(maskPhone(digits)) : text;
}

function e164(phone: string): string {
  return phone.startsWith('+') ? phone : `+86${phone}`;
}

/**
 * Whether sending again may succeed. Throttling and quota codes clear with time (the caller's
 * retry schedule decides how long to wait), and the API's own internal failures and timeouts are
 * transient. Everything else (bad number, unapproved signature or template, bad credentials,
 * missing balance, blocked number, codes we do not know) needs a person, and retrying would only
 * burn quota.
 */
export function isRetryableCode(code: string): boolean {
  if (code === 'LimitExceeded.PhoneNumberCountLimit') return false; // too many numbers in one request
  if (code === 'LimitExceeded' || code.startsWith('LimitExceeded.')) return true;
  if (code === 'RequestLimitExceeded' || code.startsWith('RequestLimitExceeded.')) return true;
  return TRANSIENT_CODES.has(code);
}

const TRANSIENT_CODES = new Set([
  'InternalError',
  'InternalError.Timeout',
  'InternalError.SendAndRecvFail',
  'InternalError.OtherError',
  'InternalError.ParseBackendResponseFail',
  'InternalError.UnknownError',
  'ResourceUnavailable.ServiceUnavailable',
]);

interface Failure {
  code: string;
  detail: string;
  retryable: boolean;
  requestId?: string;
}

/**
 * The SDK throws one class (TencentCloudSDKHttpException, not exported by its index) for three
 * cases: an API error answer (`code` set from Response.Error.Code), a non-200 HTTP status
 * (`httpCode` set, body discarded), and a transport failure (neither: refused connection, DNS,
 * timeout). Other errors come from parsing a 200 answer that is not the API's JSON.
 */
function classifyFailure(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  if (!isSdkException(error)) return { code: 'InvalidResponse', detail: message, retryable: true };
  const requestId = error.requestId || undefined;
  if (typeof error.code === 'string' && error.code) {
    return { code: error.code, detail: message, retryable: isRetryableCode(error.code), requestId };
  }
  if (typeof error.httpCode === 'number') {
    const status = error.httpCode;
    return { code: `HTTP${status}`, detail: message || `HTTP ${status}`, retryable: status >= 500 || status === 429 || status === 408, requestId };
  }
  return { code: 'NetworkError', detail: message, retryable: true, requestId };
}

interface SdkException extends Error {
  requestId: string;
  traceId: string;
  code?: unknown;
  httpCode?: unknown;
}

function isSdkException(error: unknown): error is SdkException {
  return error instanceof Error && 'requestId' in error && 'traceId' in error;
}

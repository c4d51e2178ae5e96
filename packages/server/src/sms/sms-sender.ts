/**
 * Text messages to phones. Providers in China send only pre-approved templates with numbered
 * parameters (Tencent Cloud's {1}, {2}; Alibaba Cloud's named ones), so a message here is a
 * template name and its parameters in order, never free text. Each template has the wording we
 * register with the provider (SMS_TEMPLATES); the provider's own template id comes from the
 * configuration (docs/operations.md, "Text messages").
 */

export const SMS_TEMPLATES = {
  /** A one-time code to activate an account or to log in: {1} the code, {2} minutes it is valid. */
  verification_code: '您的议事平台验证码为{1}，{2}分钟内有效。如非本人操作，请忽略本短信。',
} as const;
export type SmsTemplate = keyof typeof SMS_TEMPLATES;

export interface SmsMessage {
  /** A mainland mobile number, 11 digits (the sender adds +86 where the provider wants it). */
  phone: string;
  template: SmsTemplate;
  params: string[];
}

export interface SmsResult {
  /** The provider's id for the message (for the delivery record), or a local one. */
  providerMessageId: string;
}

/** Thrown when a provider refused or could not be reached; `retryable` says whether trying again may help. */
export class SmsSendError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

export interface SmsSender {
  /** Which provider this is, for logs and the health endpoint ('log' in development). */
  readonly provider: string;
  send(message: SmsMessage): Promise<SmsResult>;
}

/** The message as the recipient reads it: the template with its parameters filled in. */
export function renderSms(message: Pick<SmsMessage, 'template' | 'params'>): string {
  return SMS_TEMPLATES[message.template].replace(/\{(\d+)\}/g, (whole, n: string) => message.params[Number(n) - 1] ?? whole);
}

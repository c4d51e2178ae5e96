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
  /** A vote opened: {1} the compound, {2} the vote's title, {3} when it closes (12月3日 18:00), {4} the link. */
  vote_opened: '{1}业主表决“{2}”已开始，{3}截止。请登录议事平台投票：{4}',
  /** A vote closes within 24 hours and this owner has not voted: {1} title, {2} closing time, {3} link. */
  vote_closing: '表决“{1}”将于{2}截止，您还没有投票。请登录议事平台投票：{3}',
  /** The resident's concern has an answer: {1} the concern, {2} link. */
  concern_answered: '您反映的问题“{1}”已有答复，请登录议事平台查看：{2}',
  /** The resident's concern was signed off: {1} the concern, {2} the sign-off number, {3} link. */
  rate_request: '您反映的问题“{1}”已整改销号（{2}），请登录议事平台评价处理结果：{3}',
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

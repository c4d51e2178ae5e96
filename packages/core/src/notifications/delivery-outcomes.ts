/** Why a person was not reached by a notice, in words for the delivery report. */
import type { Locale } from '../i18n/locale.js';

type Words = Readonly<Record<Locale, string>>;

// ---- delivery outcomes ------------------------------------------------------------------------

/** Why a person was not reached, in the order a summary lists them. */
export const NOT_REACHED_REASONS = [
  'pending',
  'quiet_hours',
  'no_account',
  'no_phone',
  'no_email',
  'email_off',
  'opted_out',
  'daily_cap',
  'provider_refused',
  'unreachable',
  'not_read',
] as const;
export type NotReachedReason = (typeof NOT_REACHED_REASONS)[number];

export const NOT_REACHED_LABELS: Record<NotReachedReason, Words> = {
  pending: { 'zh-CN': '正在发送', en: 'Being sent' },
  quiet_hours: { 'zh-CN': '夜间免打扰，早上 7:30 发送', en: 'Held for quiet hours until 07:30' },
  no_account: { 'zh-CN': '未激活账号，也没有手机号', en: 'No account and no phone number' },
  no_phone: { 'zh-CN': '没有登记手机号', en: 'No phone number on record' },
  no_email: { 'zh-CN': '没有填写电子邮箱', en: 'No e-mail address' },
  email_off: { 'zh-CN': '平台未配置邮件发送', en: 'E-mail is not set up on this server' },
  opted_out: { 'zh-CN': '本人关闭了此类通知', en: 'Turned this notice off' },
  daily_cap: { 'zh-CN': '已达当天短信上限', en: 'Daily SMS limit reached' },
  provider_refused: { 'zh-CN': '服务商拒绝发送', en: 'Refused by the provider' },
  unreachable: { 'zh-CN': '多次重试仍未送达', en: 'Not delivered after several tries' },
  not_read: { 'zh-CN': '站内通知未读（没有短信或邮件）', en: 'In-app notice not read yet (no SMS or e-mail)' },
};

/** Errors of notifications, in both languages, with their HTTP status. */
import type { MessageTable } from '../i18n/error-messages.js';

const notificationErrors = {
  notification_not_found: { status: 404, 'zh-CN': '找不到这条通知', en: 'Notification not found' },
  email_invalid: { status: 400, 'zh-CN': '电子邮箱格式不正确，如 name@example.com', en: 'This is not an e-mail address, e.g. name@example.com' },
  robot_not_found: { status: 404, 'zh-CN': '找不到这个群机器人', en: 'Group robot not found' },
  robot_name_invalid: { status: 400, 'zh-CN': '机器人名称应为 1 到 40 个字', en: 'A robot name has 1 to 40 characters' },
  robot_url_invalid: {
    status: 400,
    'zh-CN': 'Webhook 地址不完整：请从群机器人设置中复制完整地址（含 key 或 access_token）',
    en: 'The webhook address is incomplete: copy the whole address from the robot settings (with its key or access_token)',
  },
  robot_url_not_https: {
    status: 400,
    'zh-CN': 'Webhook 地址必须以 https:// 开头：不加密的地址会把群机器人的密钥暴露在网络上',
    en: 'The webhook address must start with https://: an unencrypted address would expose the robot key on the network',
  },
  robot_url_host: {
    status: 400,
    'zh-CN': 'Webhook 地址的域名不被允许：只接受 {hosts}',
    en: 'The webhook host is not allowed: only {hosts} are accepted',
  },
  robot_secret_wecom: {
    status: 400,
    'zh-CN': '企业微信群机器人没有加签密钥，请留空',
    en: 'WeCom group robots have no signing secret; leave it empty',
  },
  robot_event_invalid: { status: 400, 'zh-CN': '群机器人不能接收“{event}”', en: 'A group robot cannot receive "{event}"' },
  notification_event_not_found: { status: 404, 'zh-CN': '找不到这次通知', en: 'This notice was not found' },
} as const;

type NotificationCode = keyof typeof notificationErrors;

export const notificationMessages = Object.fromEntries(
  Object.entries(notificationErrors).map(([code, { 'zh-CN': zh, en }]) => [code, { 'zh-CN': zh, en }]),
) as { [C in NotificationCode]: { 'zh-CN': string; en: string } } satisfies MessageTable;

/** The HTTP status of each code, beside its words. */
export const notificationStatuses = Object.fromEntries(Object.entries(notificationErrors).map(([code, { status }]) => [code, status])) as Record<
  NotificationCode,
  number
>;

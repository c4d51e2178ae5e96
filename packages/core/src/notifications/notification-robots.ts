/** The daily digest's shape, the group robots' markdown and the rules for their webhook addresses, pure. */
import { formatNotificationDate } from './notification-time.js';
import { renderNotification, type NotificationKind, type NotificationParams, type RobotKind } from './notifications.js';

// ---- the daily digest and the group robots ----------------------------------------------------

export interface DigestItem {
  title: string;
  /** YYYY-MM-DD */
  dueDate: string;
  /** Working days overdue; 0 for due today. */
  overdueDays: number;
}
export interface DigestUnit {
  /** The responsible unit in words (物业企业, 区住建局 …). */
  unit: string;
  overdue: DigestItem[];
  dueToday: DigestItem[];
}

/** Markdown both robots render (a common subset: headings, bold, quotes, links). */
export function robotMarkdown(
  kind: NotificationKind,
  params: NotificationParams,
  url: string,
  digest?: readonly DigestUnit[],
): { title: string; text: string } {
  const { title, body } = renderNotification(kind, params, 'zh-CN');
  const lines = [`### ${escapeMarkdown(title)}`, '', escapeMarkdown(body)];
  for (const unit of digest ?? []) {
    lines.push('', `**${escapeMarkdown(unit.unit)}**`);
    for (const item of unit.overdue)
      lines.push(`> 逾期 ${item.overdueDays} 个工作日：${escapeMarkdown(item.title)}（应于${formatNotificationDate(item.dueDate, 'zh-CN')}办结）`);
    for (const item of unit.dueToday) lines.push(`> 今日到期：${escapeMarkdown(item.title)}`);
  }
  lines.push('', `[查看详情](${url})`);
  return { title, text: lines.join('\n') };
}

/** Keeps residents' words from being read as markup or links by the robots. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]()#>])/g, '\\$1').replace(/\n+/g, ' ');
}

// ---- robot webhook addresses ------------------------------------------------------------------

/** The official hosts of the two robots' webhooks; operators may allow others (YISHI_ROBOT_HOSTS). */
export const DEFAULT_ROBOT_HOSTS: Readonly<Record<RobotKind, string>> = { wecom: 'qyapi.weixin.qq.com', dingtalk: 'oapi.dingtalk.com' };

/**
 * Why a webhook address is refused, as an error code, or null when it is fine: https only, on a
 * host the installation allows, with the key or token the robot's page shows.
 */
export function robotUrlProblem(
  kind: RobotKind,
  text: string,
  allowedHosts: readonly string[],
): 'robot_url_invalid' | 'robot_url_not_https' | 'robot_url_host' | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'robot_url_invalid';
  }
  if (url.protocol !== 'https:') return 'robot_url_not_https';
  if (url.username || url.password) return 'robot_url_invalid';
  if (!allowedHosts.includes(url.hostname.toLowerCase())) return 'robot_url_host';
  const credential = kind === 'wecom' ? url.searchParams.get('key') : url.searchParams.get('access_token');
  if (!credential) return 'robot_url_invalid';
  return null;
}

/** The address with its key hidden (the key is what lets anyone post to the group). */
export function maskRobotUrl(text: string): string {
  try {
    const url = new URL(text);
    for (const name of ['key', 'access_token']) {
      const value = url.searchParams.get(name);
      if (value) url.searchParams.set(name, value.length > 8 ? `${value.slice(0, 4)}…${value.slice(-4)}` : '…');
    }
    return decodeURIComponent(url.toString());
  } catch {
    return '…';
  }
}

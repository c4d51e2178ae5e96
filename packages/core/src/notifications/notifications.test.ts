import { describe, expect, it } from 'vitest';
import { afterQuietHours, beijingInstant, retryDelayMs } from './notification-time.js';
import { escapeMarkdown, maskRobotUrl, robotMarkdown, robotUrlProblem } from './notification-robots.js';
import { NOTIFICATION_SPECS } from './notification-specs.js';
import { NOTIFICATION_KINDS, renderNotification, smsParamsOf } from './notifications.js';

const HOSTS = ['qyapi.weixin.qq.com', 'oapi.dingtalk.com'];

describe('notification kinds as data', () => {
  it('gives every kind words in both languages and a page, and SMS only to what matters to residents', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const spec = NOTIFICATION_SPECS[kind];
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(spec.title[locale].length).toBeGreaterThan(0);
        expect(spec.body[locale].length).toBeGreaterThan(0);
        expect(spec.label[locale].length).toBeGreaterThan(0);
      }
      expect(spec.path.startsWith('/') || spec.path === '{path}').toBe(true);
    }
    const sms = NOTIFICATION_KINDS.filter((k) => NOTIFICATION_SPECS[k].sms !== null);
    expect(sms).toEqual(['vote_opened', 'vote_closing', 'concern_answered', 'item_rate']);
  });

  it('writes instants in Beijing time in either language', () => {
    const params = { voteId: 'v1', title: '更换电梯', compound: '都市春天', closesAt: '2026-12-03T10:00:00.000Z' };
    expect(renderNotification('vote_opened', params, 'zh-CN')).toEqual({
      title: '表决开始：更换电梯',
      body: '都市春天的表决“更换电梯”已开始，12月3日 18:00截止。请及时投票。',
      path: '/votes/v1',
    });
    expect(renderNotification('vote_opened', params, 'en').body).toBe(
      'The vote "更换电梯" in 都市春天 is open until 3 Dec 18:00 (Beijing time). Please cast your ballot.',
    );
    expect(renderNotification('vote_result', { ...params, outcome: '通过', outcome_en: 'passed' }, 'en').body).toContain('has closed: passed');
    expect(smsParamsOf('vote_opened', params, 'https://x/votes/v1')).toEqual(['都市春天', '更换电梯', '12月3日 18:00', 'https://x/votes/v1']);
    expect(smsParamsOf('vote_result', params, 'u')).toBeNull();
  });
});

describe('quiet hours and retries', () => {
  it('holds from 22:00 until 07:30 Beijing time', () => {
    const day = '2026-12-02';
    expect(afterQuietHours(beijingInstant(day, 10 * 60))).toEqual(beijingInstant(day, 10 * 60));
    expect(afterQuietHours(beijingInstant(day, 21 * 60 + 59))).toEqual(beijingInstant(day, 21 * 60 + 59));
    expect(afterQuietHours(beijingInstant(day, 22 * 60))).toEqual(beijingInstant('2026-12-03', 7 * 60 + 30));
    expect(afterQuietHours(beijingInstant(day, 3 * 60))).toEqual(beijingInstant(day, 7 * 60 + 30));
    expect(afterQuietHours(beijingInstant(day, 7 * 60 + 30))).toEqual(beijingInstant(day, 7 * 60 + 30));
  });

  it('backs off exponentially up to an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20)).toBe(3_600_000);
    expect(retryDelayMs(1, 0.99)).toBeLessThan(36_001);
  });
});

describe('group robots', () => {
  it('accepts only https webhooks on allowed hosts with their key', () => {
    expect(robotUrlProblem('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', HOSTS)).toBeNull();
    expect(robotUrlProblem('wecom', 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', HOSTS)).toBe('robot_url_not_https');
    expect(robotUrlProblem('dingtalk', 'https://oapi.dingtalk.com/robot/send', HOSTS)).toBe('robot_url_invalid');
    expect(robotUrlProblem('dingtalk', 'https://127.0.0.1/robot/send?access_token=x', HOSTS)).toBe('robot_url_host');
    expect(robotUrlProblem('wecom', 'not a url', HOSTS)).toBe('robot_url_invalid');
    expect(maskRobotUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=633a31f6-7f9c-4bc4-97a0-0ec1eefa5898')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=633a…5898',
    );
  });

  it('writes a digest by responsible unit, residents’ words escaped', () => {
    const { text } = robotMarkdown(
      'staff_digest',
      { compoundId: 'c', compound: '都市春天', date: '2026-12-02', overdue: '1', dueToday: '1' },
      'https://yishi/compounds/c/action-items',
      [
        {
          unit: '物业企业',
          overdue: [{ title: '[路灯](坏了)', dueDate: '2026-11-20', overdueDays: 8 }],
          dueToday: [{ title: '清理楼道', dueDate: '2026-12-02', overdueDays: 0 }],
        },
      ],
    );
    expect(text).toContain('### 都市春天整改日报（12月2日）');
    expect(text).toContain('**物业企业**');
    expect(text).toContain('> 逾期 8 个工作日：\\[路灯\\]\\(坏了\\)（应于11月20日办结）');
    expect(text).toContain('> 今日到期：清理楼道');
    expect(escapeMarkdown('a*b')).toBe('a\\*b');
  });
});

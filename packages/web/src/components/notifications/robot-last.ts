/**
 * How a group robot's newest message went, in words: delivered; still being sent, with why the last
 * try did not get through and when the next one is; or failed, with why.
 */
import { NOT_REACHED_LABELS, type NotReachedReason, type notificationEndpoints, type Answer } from '@yishi/core';
import { formatDate, formatDateTime, formatTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';

type Last = NonNullable<Answer<typeof notificationEndpoints.robots>['robots'][number]['last']>;

/** The platforms' errcodes a staff member can act on: WeCom's and DingTalk's documented refusals. */
const PLATFORM_PROBLEMS: Partial<Record<string, 'robots.problem.keyInvalid' | 'robots.problem.security' | 'robots.problem.tooFast'>> = {
  '93000': 'robots.problem.keyInvalid',
  '300001': 'robots.problem.keyInvalid',
  '310000': 'robots.problem.security',
  '45009': 'robots.problem.tooFast',
  '130101': 'robots.problem.tooFast',
};

/** The last try's error (NetworkError, HTTP502, InvalidResponse, "errcode 310000", an address problem). */
function problemWords(code: string): string {
  if (code === 'NetworkError') return t('robots.problem.network');
  if (code === 'InvalidResponse') return t('robots.problem.invalid');
  const http = /^HTTP(\d{3})$/.exec(code);
  if (http) return t('robots.problem.http', { code: http[1]! });
  if (code.startsWith('robot_url')) return t('robots.problem.address');
  const errcode = code.replace(/^errcode /, '');
  const known = PLATFORM_PROBLEMS[errcode];
  return known ? `${t(known)}（${errcode}）` : t('robots.problem.platform', { code: errcode });
}

export function reasonWords(reason: string): string {
  if (reason === 'robot_disabled' || reason === 'robot_removed') return t(`robots.reason.${reason}`);
  return reason in NOT_REACHED_LABELS ? pick(NOT_REACHED_LABELS[reason as NotReachedReason]) : reason;
}

/** The next try's time; its date only when it is not the last try's day. */
const retryWhen = (last: Last, at: string) => (formatDate(at) === formatDate(last.at) ? formatTime(at) : formatDateTime(at));

export function robotLastWords(last: Last): string {
  const head = t('robots.last', { status: t(`robots.status.${last.status}`), when: formatDateTime(last.at) });
  if (last.status === 'pending' && last.retryAt && last.problem)
    return `${head}。${t('robots.retrying', { attempts: String(last.attempts), problem: problemWords(last.problem), when: retryWhen(last, last.retryAt) })}`;
  if (last.status === 'failed') {
    const why = [last.reason ? reasonWords(last.reason) : null, last.problem ? problemWords(last.problem) : null].filter(Boolean).join(t('robots.because'));
    return why ? `${head}（${why}）` : head;
  }
  return head;
}

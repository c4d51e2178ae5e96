/** Where the minutes stand against their 3-day deadline: time left, overdue, or published on time or late. */
import type { StaffMinutes } from '@yishi/core';
import { html } from 'lit';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';

export function minutesDeadline(m: StaffMinutes) {
  if (!m.deadline)
    return m.versions.length > 0
      ? html`<div class="alert success"><strong>${t('minutes.publishedNoDeadline', { version: m.versions.length })}</strong></div>`
      : html`<div class="alert">${t('minutes.noDeadline')}</div>`;
  const date = formatDateTime(m.deadline);
  if (m.versions.length > 0) {
    return html`<div class="alert ${m.publishedOnTime ? 'success' : 'warning'}">
      <strong>${m.publishedOnTime ? t('minutes.publishedOnTime') : t('minutes.publishedLate')}</strong> · ${t('minutes.deadline', { date })}
    </div>`;
  }
  const left = m.timeLeft;
  return html`<div class="alert ${left?.overdue ? 'danger' : 'warning'}" role="status">
    <strong
      >${t('minutes.labelled', { label: left?.overdue ? t('minutes.deadlineOverdue') : t('minutes.deadlineOk'), value: left ? pick(left.label) : '' })}</strong
    ><br />
    ${t('minutes.deadline', { date })}
  </div>`;
}

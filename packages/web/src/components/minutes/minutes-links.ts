/** The published versions of a meeting's minutes, each with its print, PDF and plain-text links. */
import { endpointUrl, minutesEndpoints, type StaffMinutes } from '@yishi/core';
import { html, nothing } from 'lit';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';

export function minutesVersionLinks(meetingId: string, version: number) {
  const input = { params: { meetingId }, query: { version } };
  return html`<p class="actions">
    <a class="link-button" href=${endpointUrl(minutesEndpoints.print, input)} target="_blank" rel="noopener">${t('minutes.print')}</a>
    <a class="link-button" href=${endpointUrl(minutesEndpoints.pdf, input)} download>${t('minutes.pdf')}</a>
    <a class="link-button" href=${endpointUrl(minutesEndpoints.text, input)} target="_blank" rel="noopener">${t('minutes.text')}</a>
  </p>`;
}

/** Every published version, the latest first: who published it when, and why (a correction's reason). */
export function minutesVersionList(m: StaffMinutes) {
  if (m.versions.length === 0) return nothing;
  return html`<h2>${t('minutes.versions')}</h2>
    <ol class="versions">
      ${[...m.versions].reverse().map(
        (v) =>
          html`<li>
            <a class="tap-link" href=${`/minutes/${m.meeting.id}?version=${v.version}`}>${t('minutes.versionLabel', { version: v.version })}</a>
            · ${t('minutes.publishedAt', { date: formatDateTime(v.publishedAt), name: v.publishedBy })} ·
            ${v.reason ? t('minutes.versionReason', { reason: v.reason }) : t('minutes.versionOriginal')} ${minutesVersionLinks(m.meeting.id, v.version)}
          </li>`,
      )}
    </ol>`;
}

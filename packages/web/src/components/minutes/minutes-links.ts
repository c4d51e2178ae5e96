/** Print, PDF and plain-text links of one published version. */
import { html } from 'lit';
import { t } from '../../i18n.js';

export function minutesVersionLinks(meetingId: string, version: number) {
  const base = `/api/public/meetings/${encodeURIComponent(meetingId)}`;
  return html`<p class="actions">
    <a class="link-button" href=${`${base}/minutes/print?version=${version}`} target="_blank" rel="noopener">${t('minutes.print')}</a>
    <a class="link-button" href=${`${base}/minutes.pdf?version=${version}`} download>${t('minutes.pdf')}</a>
    <a class="link-button" href=${`${base}/minutes.txt?version=${version}`} target="_blank" rel="noopener">${t('minutes.text')}</a>
  </p>`;
}

/** Print, PDF and plain-text links of one published version. */
import { endpointUrl, minutesEndpoints } from '@yishi/core';
import { html } from 'lit';
import { t } from '../../i18n.js';

export function minutesVersionLinks(meetingId: string, version: number) {
  const input = { params: { meetingId }, query: { version } };
  return html`<p class="actions">
    <a class="link-button" href=${endpointUrl(minutesEndpoints.print, input)} target="_blank" rel="noopener">${t('minutes.print')}</a>
    <a class="link-button" href=${endpointUrl(minutesEndpoints.pdf, input)} download>${t('minutes.pdf')}</a>
    <a class="link-button" href=${endpointUrl(minutesEndpoints.text, input)} target="_blank" rel="noopener">${t('minutes.text')}</a>
  </p>`;
}

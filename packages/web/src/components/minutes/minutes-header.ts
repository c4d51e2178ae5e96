/**
 * The minutes' header as a list: kind, when, where, convener, recorder and issuer (the last two when
 * set). The published minutes show it, and so does the draft's preview, so the secretary sees the date,
 * place and host the minutes will carry before publishing them.
 */
import type { MinutesHeader } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { t } from '../../i18n.js';

export const minutesHeaderStyles = css`
  dl.minutes-header {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0 0 1rem;
  }
  dl.minutes-header dt {
    font-weight: 600;
  }
  dl.minutes-header dd {
    margin: 0;
  }
`;

export function minutesHeader(header: MinutesHeader) {
  const row = (label: string, value: string) =>
    value
      ? html`<dt>${label}</dt>
          <dd>${value}</dd>`
      : nothing;
  return html`<dl class="minutes-header">
    ${row(t('minutes.header.kind'), header.kindLabel)} ${row(t('minutes.header.when'), header.when)} ${row(t('minutes.header.place'), header.place)}
    ${row(t('minutes.header.convener'), header.convener)} ${row(t('minutes.header.recorder'), header.recorder)}
    ${row(t('minutes.header.issuer'), header.issuer)}
  </dl>`;
}

/**
 * The minutes' header as a list: kind, when, where, convener, recorder and issuer (the last two when
 * set). The published minutes show it, and so does the draft's preview, so the secretary sees the date,
 * place and host the minutes will carry before publishing them.
 *
 * The minutes are a Chinese document, but this list is the page's: the kind and the time read in the
 * reader's language (from the kind's code and the instants the header keeps), while what people wrote
 * (place, convener, recorder, issuer) stays as written, marked Chinese.
 */
import { meetingKind, type MinutesHeader } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { pick, t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';
import { meetingWhen } from '../meetings/meeting-ui.js';

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
  const row = (label: string, value: string, lang?: string) =>
    value
      ? html`<dt>${label}</dt>
          <dd lang=${lang ?? nothing}>${value}</dd>`
      : nothing;
  // A header frozen before it kept its instants shows its time as the document writes it.
  const when = header.held ? meetingWhen(header.held) : header.when;
  return html`<dl class="minutes-header" lang=${currentLocale()}>
    ${row(t('minutes.header.kind'), pick(meetingKind(header.kind).label))} ${row(t('minutes.header.when'), when, header.held ? undefined : 'zh-CN')}
    ${row(t('minutes.header.place'), header.place, 'zh-CN')} ${row(t('minutes.header.convener'), header.convener, 'zh-CN')}
    ${row(t('minutes.header.recorder'), header.recorder, 'zh-CN')} ${row(t('minutes.header.issuer'), header.issuer, 'zh-CN')}
  </dl>`;
}

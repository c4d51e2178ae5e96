/**
 * Published minutes on the public board: the latest version of each meeting, newest first (five,
 * then five more a plain button at a time), with a word (not only a colour) when a correction was published, a link to read it in full, and the
 * feed and poster links. Readable without logging in.
 */
import { MEETING_KIND_LABELS, boardEndpoints, endpointUrl, minutesEndpoints, type PublicMinutesEntry } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { formatDate } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { tagStyles } from '../../styles/tag-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderBoardMore } from '../board/board-more.js';
import { boardStyles } from '../board/board-styles.js';
import { renderLoad } from '../common/load-state.js';

const SHOWN = 5;

@customElement('yishi-board-minutes')
export class BoardMinutesSection extends YishiElement {
  static override styles = [
    YishiElement.styles,
    boardStyles,
    tagStyles,
    css`
      ul.minutes {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }
      .minutes h3 {
        margin-bottom: 0.25rem;
      }
      .tag {
        margin-left: 0.25rem;
        vertical-align: 0.1em;
      }
    `,
  ];
  @property() compoundId = '';
  private readonly data = new PagedController<PublicMinutesEntry>(
    this,
    (after, signal) => api.call(minutesEndpoints.publicList, { params: { compoundId: this.compoundId }, query: { after, limit: SHOWN }, signal }),
    () => [this.compoundId],
  );

  override render() {
    const id = encodeURIComponent(this.compoundId);
    return html`<section id="minutes" aria-labelledby="minutes-heading">
      <h2 id="minutes-heading">${t('minutesBoard.heading')}</h2>
      ${renderLoad(this.data, () =>
        this.data.items.length === 0
          ? html`<p class="state-empty">${t('minutesBoard.none')}</p>`
          : html`<ul class="minutes">
              ${this.data.items.map(
                (m) =>
                  html`<li class="card">
                    <h3>
                      <a href=${`/minutes/${m.meetingId}`}>${m.title}</a>
                      ${m.version > 1 ? html`<span class="tag waiting">${t('minutesBoard.corrected', { version: m.version })}</span>` : nothing}
                    </h3>
                    <p class="muted">
                      ${pick(MEETING_KIND_LABELS[m.kind])} · ${t('minutesBoard.meetingOn', { date: formatDate(m.meetingStartsAt) })} ·
                      ${t('minutesBoard.publishedOn', { date: formatDate(m.publishedAt) })}
                    </p>
                    <p lang="zh-CN">${m.excerpt}</p>
                  </li>`,
              )}
            </ul>`,
      )}
      ${renderBoardMore(this.data, false)}
      <p class="actions">
        <a href=${endpointUrl(boardEndpoints.atom, { params: { compoundId: this.compoundId } })}>${t('minutesBoard.feed')}</a>
        <a href=${`/board/${id}/poster`}>${t('minutesBoard.poster')}</a>
      </p>
    </section>`;
  }
}

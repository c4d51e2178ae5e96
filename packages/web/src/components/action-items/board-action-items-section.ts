/**
 * The action items on the public notice board: status, deadline, progress and sign-off number of
 * each, no personal data. Overdue items are red and say 已逾期. A page at a time, most urgent first
 * (a compound may have 40,000): "加载更多" under the list asks for the next. Ends with a link to
 * report a concern.
 */
import { actionItemEndpoints, type ActionItemPublicView, type ActionItemUpdateKind, type PublicActionItems } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../base/yishi-element.js';
import { boardStyles } from '../board/board-styles.js';
import { renderEmpty, renderError, renderLoad } from '../common/load-state.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { formatDate } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { badgeStyles, dueText, labelled, overdueBadge, statusBadge, triageBadge, wordsGlossary } from './action-item-badges.js';

/** The kinds of update that say what was done (ratings and triage changes are not news for the board). */
const NEWS = new Set<ActionItemUpdateKind>(['progress', 'on_site', 'resolved']);

@customElement('yishi-board-action-items')
export class BoardActionItemsSection extends YishiElement {
  static override styles = [
    YishiElement.styles,
    boardStyles,
    badgeStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        padding: 0.75rem 0;
        border-top: 1px solid var(--yishi-border);
      }
      li:first-child {
        border-top: 0;
      }
      .title {
        font-weight: 600;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 0.75rem;
        align-items: center;
        margin-top: 0.25rem;
      }
      .latest {
        color: var(--yishi-muted);
        margin-top: 0.25rem;
      }
      /* Photos the resident agreed to show (without their metadata, re-encoded by the server). */
      .photos {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.5rem;
      }
      .photos img {
        width: 6rem;
        height: 6rem;
        object-fit: cover;
        border-radius: var(--yishi-radius);
        border: 1px solid var(--yishi-border);
      }
    `,
  ];

  @property({ attribute: false }) compoundId = '';
  private readonly data = new PagedController<ActionItemPublicView, PublicActionItems>(
    this,
    (after, signal) => api.call(actionItemEndpoints.board, { params: { compoundId: this.compoundId }, query: after ? { after } : {}, signal }),
    () => [this.compoundId],
  );

  override render() {
    return html`<section class="card" aria-labelledby="board-ai-heading">
      <h2 id="board-ai-heading">${t('board.ai.heading')}</h2>
      ${renderLoad(this.data, (d) => this.renderItems(d))}
      <div class="actions"><a class="link-button" href=${`/compounds/${this.compoundId}/concerns`}>${t('board.ai.report')}</a></div>
    </section>`;
  }

  private renderItems(d: PublicActionItems) {
    if (this.data.items.length === 0) return renderEmpty(t('board.ai.empty'));
    return html`<p class="muted">${t('ai.summary', { total: d.counts.total, signed: d.counts.signedOff, overdue: d.counts.overdue })}</p>
      ${wordsGlossary()}
      <ul>
        ${this.data.items.map((i) => {
          const latest = i.progress.filter((u) => NEWS.has(u.kind)).at(-1);
          return html`<li class=${i.overdue ? 'is-overdue' : ''} data-item=${i.id}>
            <div class="title">${i.title}</div>
            <div class="meta">
              ${triageBadge(i.triage)} ${statusBadge(i.status)} ${overdueBadge(i.overdue)}
              <span>${labelled(t('ai.colDue'), dueText(i))}</span>
              <span>${labelled(t('ai.colUnit'), pick(i.responsibleUnitLabel))}</span>
              ${i.signOffNumber ? html`<span>${labelled(t('ai.colNumber'), html`<span class="number" data-sign-off-number>${i.signOffNumber}</span>`)}</span>` : nothing}
            </div>
            ${latest ? html`<div class="latest">${labelled(formatDate(latest.at), latest.text)}</div>` : nothing}
            ${
              i.photos.length > 0
                ? html`<div class="photos">
                    ${i.photos.map(
                      (p, n) =>
                        html`<a href=${p.url} target="_blank" rel="noopener"
                          ><img src=${p.url} alt=${t('ai.photoAlt', { n: n + 1, title: i.title })} loading="lazy"
                        /></a>`,
                    )}
                  </div>`
                : nothing
            }
          </li>`;
        })}
      </ul>
      ${this.renderMore()}`;
  }

  /**
   * The list's end: a plain button for the next page (the board loads no Shoelace), the page's
   * error with a retry, or how many there are once all are shown.
   */
  private renderMore() {
    const list = this.data;
    if (list.moreError) return renderError(list.moreError.message, () => void list.loadMore());
    if (!list.hasMore) return html`<p class="muted" data-list-end>${t('state.listEnd', { count: list.items.length })}</p>`;
    return html`<p role="status" aria-live="polite">
      <button type="button" class="link-button" data-load-more ?disabled=${list.loadingMore} @click=${() => void list.loadMore()}>
        ${list.loadingMore ? t('state.loading') : t('state.loadMore', { count: list.items.length })}
      </button>
    </p>`;
  }
}

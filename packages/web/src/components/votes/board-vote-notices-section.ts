/**
 * Notice-board section: the compound's vote notices as published (投票通知公告, 延期公示, 初步统计结果
 * 公示, 表决结果公告), newest first, each with its time and the vote it belongs to: the latest six,
 * older ones a page at a time on request.
 */
import { voteTimelineEndpoints, type PublicVoteNotices } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderBoardMore } from '../board/board-more.js';
import { boardStyles } from '../board/board-styles.js';
import { renderEmpty, renderLoad } from '../common/load-state.js';

type Notice = PublicVoteNotices['items'][number];

@customElement('yishi-board-vote-notices')
export class BoardVoteNoticesSection extends YishiElement {
  static override styles = [
    YishiElement.styles,
    boardStyles,
    css`
      .notice h3 {
        font-size: 1.1rem;
        margin: 0 0 0.25rem;
      }
      .notice p {
        margin: 0.25rem 0;
      }
    `,
  ];

  @property({ attribute: false }) compoundId = '';
  private readonly load = new PagedController<Notice, PublicVoteNotices>(
    this,
    (after, signal) => api.call(voteTimelineEndpoints.publicNotices, { params: { compoundId: this.compoundId }, query: { after }, signal }),
    () => [this.compoundId],
  );

  // Not on the printed board, which must stay a few A4 pages: its votes section prints the open votes and the results.
  override render() {
    return html`<section id="vote-notices" class="no-print" aria-labelledby="board-vote-notices">
      <h2 id="board-vote-notices">${t('timeline.boardHeading')}</h2>
      ${renderLoad(
        this.load,
        ({ profile }) =>
          html`<p class="muted">${pick(profile)}</p>
            ${this.load.items.length === 0 ? renderEmpty(t('timeline.boardEmpty')) : this.load.items.map((n) => this.renderNotice(n))}
            ${renderBoardMore(this.load, false)}`,
      )}
    </section>`;
  }

  private renderNotice(n: Notice) {
    return html`<article class="card notice">
      <h3>${pick(n.title)}</h3>
      <p class="muted">${t('timeline.publishedAt', { time: formatDateTime(n.publishedAt) })}</p>
      <p>${pick(n.body)}</p>
      <p class="no-print"><a href=${`/votes/${n.voteId}`}>${n.voteTitle}</a></p>
      ${
        n.kind === 'announcement' || n.kind === 'roll_correction'
          ? html`<p class="no-print"><a href=${`/votes/${n.voteId}/roll-check`}>${t('objections.rollLink')}</a></p>`
          : nothing
      }
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-board-vote-notices': BoardVoteNoticesSection;
  }
}

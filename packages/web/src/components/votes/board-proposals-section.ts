/**
 * Notice-board section for resident proposals: each proposal with its status in words, the proposer
 * by surname only, and its seconding progress — households that seconded against the number it
 * needs, with the compound's threshold in words — and the committee's public reason once decided.
 */
import { proposalEndpoints, type ProposalView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderBoardMore } from '../board/board-more.js';
import { boardStyles } from '../board/board-styles.js';
import { renderEmpty, renderLoad } from '../common/load-state.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';
import { bracketed } from './vote-words.js';

/** Proposals still gathering seconds, or qualified and waiting for the committee: a resident may still second them. */
const OPEN_TO_SECONDS = new Set<ProposalView['status']>(['seconding', 'qualified']);

@customElement('yishi-board-proposals')
export class BoardProposalsSection extends YishiElement {
  static override styles = [
    YishiElement.styles,
    boardStyles,
    css`
      .proposal h3 {
        font-size: 1.15rem;
        margin-bottom: 0.25rem;
      }
      .status {
        font-weight: 700;
      }
    `,
  ];

  @property({ attribute: false }) compoundId = '';
  // Statuses and thresholds come in the reader's language: a switch of language reads them again.
  // The newest 20 first; a plain button loads the next ones.
  private readonly load = new PagedController<ProposalView>(
    this,
    (after, signal) => api.call(proposalEndpoints.publicList, { params: { compoundId: this.compoundId }, query: { after, limit: 20 }, signal }),
    () => [this.compoundId, currentLocale()],
  );

  override render() {
    const heading = html`<h2 id="board-proposals">${t('proposals.board.heading')}</h2>
      <p class="muted">${t('proposals.board.intro')}</p>`;
    const proposals = this.load.status === 'ready' ? this.load.items : undefined;
    // The heading travels with the first proposal, so a printed page never ends on a lone heading.
    return html`<section id="proposals" aria-labelledby="board-proposals">
      ${
        proposals?.length
          ? html`<div class="keep-together">${heading}${this.renderProposal(proposals[0]!)}</div>
              ${proposals.slice(1).map((p) => this.renderProposal(p))} ${renderBoardMore(this.load, false)}`
          : html`${heading}${renderLoad(this.load, () => renderEmpty(t('proposals.board.empty')))}`
      }
    </section>`;
  }

  private renderProposal(p: ProposalView) {
    const required = p.seconds + p.needed;
    const seconding = p.status === 'seconding';
    return html`<article class="card proposal">
      <h3>${p.title}</h3>
      <p><span class="status">${p.statusText}</span> · ${t('proposals.by', { name: p.authorName })}</p>
      ${
        seconding
          ? html`<div class="bar" aria-hidden="true">
                <span style=${`width: ${required > 0 ? Math.min(100, (p.seconds / required) * 100) : 100}%`}></span>
              </div>
              <p>
                ${t('proposals.board.progress', { seconds: p.seconds, required })} · ${t('proposals.needed', { count: p.needed })}<span class="muted"
                  >${bracketed(p.thresholdText)}</span
                >
              </p>`
          : html`<p>${t('proposals.seconds', { count: p.seconds })}</p>`
      }
      ${p.decisionReason ? html`<p>${t('proposals.decisionReason', { reason: p.decisionReason })}</p>` : nothing}
      ${OPEN_TO_SECONDS.has(p.status) ? html`<p class="no-print"><a href=${`/proposals/${p.id}`}>${t('proposals.board.second')}</a></p>` : nothing}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-board-proposals': BoardProposalsSection;
  }
}

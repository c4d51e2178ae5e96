/** Notice-board section: closed votes with their result and the rule explained in words. */
import { voteEndpoints, type PublicVote } from '@yishi/core';
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderEmpty, renderLoad } from '../common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';
import './vote-result.js';

@customElement('yishi-board-votes')
export class BoardVotesSection extends YishiElement {
  @property({ attribute: false }) compoundId = '';
  // Option labels come in the reader's language: a switch of language reads them again.
  private readonly load = new LoadController(
    this,
    (signal) => api.call(voteEndpoints.publicResults, { params: { compoundId: this.compoundId }, signal }),
    () => [this.compoundId, currentLocale()],
  );

  override render() {
    return html`<section aria-labelledby="board-votes">
      <h2 id="board-votes">${t('votes.board.heading')}</h2>
      ${renderLoad(this.load, ({ votes }) => (votes.length === 0 ? renderEmpty(t('votes.board.empty')) : votes.map((v) => this.renderVote(v))))}
    </section>`;
  }

  private renderVote(v: PublicVote) {
    return html`<article class="card">
      <h3>${v.title}</h3>
      <p class="muted">${t('votes.closedAt', { time: formatDateTime(v.closedAt ?? v.closesAt) })} · ${pick(v.ruleText)}</p>
      <yishi-vote-result .result=${v.result}></yishi-vote-result>
      <p><a href=${`/votes/${v.id}/receipts`}>${t('votes.receipts')}</a></p>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-board-votes': BoardVotesSection;
  }
}

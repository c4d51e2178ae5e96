/** Notice-board section: closed votes with their result and the rule explained in words. */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TallyResult } from '@yishi/core';
import { api } from '../../api/client.js';
import { renderEmpty, renderLoad } from '../common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { pageStyles } from '../../styles/page-styles.js';
import type { VoteSummary } from './vote-types.js';
import './vote-result.js';

type PublicVote = VoteSummary & { result: TallyResult | null };

@customElement('yishi-board-votes')
export class BoardVotesSection extends LitElement {
  static override styles = [pageStyles];
  @property({ attribute: false }) compoundId = '';
  private readonly prefs = new PreferencesController(this);
  private readonly load = new LoadController<{ votes: PublicVote[] }>(
    this,
    (signal) => api.get(`/api/public/compounds/${encodeURIComponent(this.compoundId)}/votes`, signal),
    () => [this.compoundId],
  );

  override render() {
    return html`<section aria-labelledby="board-votes">
      <h2 id="board-votes">${t('votes.board.heading')}</h2>
      ${renderLoad(this.load, ({ votes }) =>
        votes.length === 0
          ? renderEmpty(t('votes.board.empty'))
          : votes.map(
              (v) => html`<article class="card">
                <h3>${v.title}</h3>
                <p class="muted">${t('votes.closedAt', { time: formatDateTime(v.closedAt ?? v.closesAt) })} · ${pick(v.ruleText)}</p>
                <yishi-vote-result .result=${v.result}></yishi-vote-result>
                <p><a href=${`/votes/${v.id}/receipts`}>${t('votes.receipts')}</a></p>
              </article>`,
            ),
      )}
    </section>`;
  }
}

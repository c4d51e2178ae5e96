/**
 * Notice-board section for votes. Open votes are announced (投票公告): the question, the rule in
 * words, the closing time and the turnout so far against the rule's participation threshold —
 * area and headcount against 2/3 for art. 278, each with its exact fraction and what is still
 * missing — never how anyone voted. Closed votes follow with their result and the rule explained.
 */
import { voteEndpoints, type PublicOpenVote, type PublicVote, type PublicVotes } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderBoardMore } from '../board/board-more.js';
import { boardStyles } from '../board/board-styles.js';
import { renderEmpty, renderLoad } from '../common/load-state.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';
import { colon } from './vote-words.js';
import './vote-result.js';
import './open-ballot-files.js';

/** A share as a CSS width, for the picture only (the words beside it carry the exact figures). */
function widthOf(f: { num: number; den: number }): string {
  return `${f.den > 0 ? Math.min(100, (f.num / f.den) * 100) : 0}%`;
}

@customElement('yishi-board-votes')
export class BoardVotesSection extends YishiElement {
  static override styles = [
    YishiElement.styles,
    boardStyles,
    css`
      .progress {
        list-style: none;
        margin: 0.5rem 0 0;
        padding: 0;
      }
      .progress li {
        margin-bottom: 0.75rem;
      }
      .open-vote h3,
      .closed-vote h3 {
        font-size: 1.15rem;
      }
    `,
  ];

  @property({ attribute: false }) compoundId = '';
  // Option labels come in the reader's language: a switch of language reads them again. The closed
  // votes come a page at a time (the latest 10 first); the open ones with the first page.
  private readonly load = new PagedController<PublicVote, PublicVotes>(
    this,
    (after, signal) => api.call(voteEndpoints.publicResults, { params: { compoundId: this.compoundId }, query: { after }, signal }),
    () => [this.compoundId, currentLocale()],
  );

  override render() {
    const results = html`<h2 id="board-votes">${t('votes.board.heading')}</h2>`;
    const ready = this.load.status === 'ready' ? this.load.value : undefined;
    if (!ready) return html`<section id="votes" aria-labelledby="board-votes">${results}${renderLoad(this.load, () => nothing)}</section>`;
    const { open } = ready;
    const votes = this.load.items;
    // Headings travel with their first notice, so a printed page never ends on a lone heading.
    return html`${
        open.length > 0
          ? html`<section id="open-votes" class="keep-together" aria-labelledby="board-open-votes">
              <h2 id="board-open-votes">${t('votes.board.openHeading')}</h2>
              <p class="muted">${t('votes.board.openIntro')}</p>
              ${open.map((v) => this.renderOpen(v))}
            </section>`
          : nothing
      }
      <section id="votes" aria-labelledby="board-votes">
        <div class="keep-together">${results}${votes.length === 0 ? renderEmpty(t('votes.board.empty')) : this.renderClosed(votes[0]!)}</div>
        ${votes.slice(1).map((v) => this.renderClosed(v))} ${renderBoardMore(this.load, false)}
      </section>`;
  }

  private renderOpen(v: PublicOpenVote) {
    const { turnout } = v;
    return html`<article class="card open-vote">
      <h3>${v.title}</h3>
      <p><strong>${t('votes.closesAt', { time: formatDateTime(v.closesAt) })}</strong></p>
      ${v.buildingName ? html`<p>${t('votes.building', { name: v.buildingName })}</p>` : nothing}
      <p class="muted"><strong>${t('votes.rule')}${colon()}</strong>${pick(v.ruleText)}</p>
      <h4>${t('votes.board.turnout')}${colon()}${t('votes.turnout', { ballots: turnout.participation.ballots, voters: turnout.electorate.voters })}</h4>
      <ul class="progress">
        ${turnout.progress.map(
          (p) =>
            html`<li>
              <div class="bar" aria-hidden="true">
                <span style=${`width: ${widthOf(p.value)}`}></span>
                ${p.threshold ? html`<i style=${`left: ${widthOf(p.threshold)}`}></i>` : nothing}
              </div>
              ${p.reached && p.threshold ? '✓ ' : ''}${pick(p.text)}
            </li>`,
        )}
      </ul>
      <p class="no-print"><a class="link-button primary" href=${`/votes/${v.id}`}>${t('votes.board.goVote')}</a></p>
    </article>`;
  }

  private renderClosed(v: PublicVote) {
    return html`<article class="card closed-vote">
      <h3>${v.title}</h3>
      <p class="muted">${t('votes.closedAt', { time: formatDateTime(v.closedAt ?? v.closesAt) })} · ${pick(v.ruleText)}</p>
      ${v.preliminary ? html`<p><strong>${t('votes.preliminaryNote')}</strong></p>` : nothing}
      <yishi-vote-result .result=${v.result}></yishi-vote-result>
      <p class="no-print"><a href=${`/votes/${v.id}/receipts`}>${t('votes.receipts')}</a></p>
      <yishi-open-ballot-files vote-id=${v.id} compound-id=${v.compoundId}></yishi-open-ballot-files>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-board-votes': BoardVotesSection;
  }
}

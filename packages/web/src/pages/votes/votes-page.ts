/**
 * A compound's votes: open ones first with a big "去投票" and, for an owner, which of their units
 * have voted; then closed ones with pass/fail in words (said once: the summary carries the verdict).
 * The server sends them in that order a page at a time; more load as the list scrolls. The vote
 * periods' settings and their form are fetched only for those who manage the compound's votes.
 */
import { voteEndpoints, type CompoundVotes, type ListedVote } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderMore } from '../../components/common/load-more.js';
import { renderEmpty, renderError, renderLoad, renderLoading } from '../../components/common/load-state.js';
import { colon, voteWhen } from '../../components/votes/vote-words.js';
import { voteStyles } from '../../components/votes/vote-styles.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { PartController } from '../../controllers/part-controller.js';
import { pick, t } from '../../i18n.js';
import { holdsRoleAt } from '../../state/session.js';

@customElement('yishi-votes-page')
export class VotesPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    voteStyles,
    css`
      .vote h2 {
        margin: 0 0 0.35rem;
        font-size: 1.2rem;
      }
      .status {
        font-weight: 700;
      }
      .mine {
        margin: 0 0 0.5rem;
        padding-left: 1.25rem;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly load = new PagedController<ListedVote, CompoundVotes>(
    this,
    (after, signal) => api.call(voteEndpoints.list, { params: { compoundId: this.params.compoundId ?? '' }, query: { after }, signal }),
    () => [this.params.compoundId],
  );
  /** The vote periods' form, for the compound's organisers only. */
  private readonly settings = new PartController(this, () => import('../../components/votes/vote-settings.js'));

  override updated(): void {
    if (this.load.value?.canManage && this.settings.status === 'idle') void this.settings.fetch().catch(() => undefined);
  }

  override render() {
    const compoundId = this.params.compoundId ?? '';
    return html`<h1>${t('votes.listHeading')}</h1>
      <p class="lead">${t('votes.listIntro')}</p>
      ${renderLoad(this.load, ({ canManage }) => {
        const votes = this.load.items;
        return html`<div class="actions">
            ${canManage ? html`<a class="link-button primary" href=${`/compounds/${compoundId}/votes/new`}>${t('votes.create')}</a>` : nothing}
            <a class="link-button" href=${`/compounds/${compoundId}/proposals`}>${t('votes.proposals')}</a>
          </div>
          <h2 class="visually-hidden">${t('votes.listHeading')}</h2>
          ${votes.length === 0 ? renderEmpty(t('votes.empty')) : votes.map((v) => this.renderVote(v))} ${renderMore(this.load)}
          ${canManage ? this.renderSettings(compoundId) : nothing}`;
      })}`;
  }

  private renderSettings(compoundId: string) {
    if (this.settings.status === 'ready') return html`<yishi-vote-settings compound-id=${compoundId}></yishi-vote-settings>`;
    if (this.settings.status === 'failed') return renderError(t('votes.settingsFailed'), () => void this.settings.fetch().catch(() => undefined));
    return renderLoading();
  }

  private renderVote(v: ListedVote) {
    return html`<article class="card vote">
      <h2><a href=${`/votes/${v.id}`}>${v.title}</a></h2>
      <p>
        <span class="status">${t(`votes.status.${v.status}`)}</span>
        ${v.buildingName ? html` · ${t('votes.building', { name: v.buildingName })}` : nothing} · ${voteWhen(v)}
      </p>
      ${
        // The summary already says the verdict in words ("未通过：…", "当选：…"): a glyph beside it, not the verdict again.
        v.status === 'closed' && v.summaryText
          ? html`<p class=${v.passed ? 'passed' : 'failed'}><strong>${v.passed ? '✓' : '✗'} ${pick(v.summaryText)}</strong></p>
              ${v.preliminary ? html`<p class="muted">${t('votes.preliminaryNote')}</p>` : nothing}`
          : nothing
      }
      ${v.status === 'open' && v.mine.length > 0 ? this.renderMine(v) : nothing}
      <div class="actions">
        ${this.renderOpenLink(v)} ${this.navigates(v) ? html`<a class="link-button" href=${`/votes/${v.id}/navigator`}>${t('nav.link')}</a>` : nothing}
      </div>
    </article>`;
  }

  /** To the vote: "去投票" while one of my units has still to vote, "查看或修改选票" once all have, else "查看". */
  private renderOpenLink(v: ListedVote) {
    const href = `/votes/${v.id}`;
    if (v.status !== 'open' || v.mine.length === 0) return html`<a class="link-button" href=${href}>${t('votes.view')}</a>`;
    return v.mine.some((m) => !m.voted)
      ? html`<a class="link-button primary" href=${href}>${t('votes.goVote')}</a>`
      : html`<a class="link-button" href=${href}>${t('votes.viewOrChange')}</a>`;
  }

  /** The turnout navigator of an open vote: for its organisers, and building heads on a vote of the whole compound. */
  private navigates(v: ListedVote): boolean {
    if (v.status !== 'open') return false;
    return this.load.value?.canManage === true || (v.buildingId === null && holdsRoleAt(v.compoundId, ['building_head']));
  }

  /** Which of my units have voted in an open vote, in words beside the glyph. */
  private renderMine(v: ListedVote) {
    return html`<ul class="mine" aria-label=${t('votes.myUnits')}>
      ${v.mine.map((m) => html`<li>${m.label}${colon()}${m.voted ? `✓ ${t('votes.unitVoted')}` : `○ ${t('votes.unitNotVoted')}`}</li>`)}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-votes-page': VotesPage;
  }
}

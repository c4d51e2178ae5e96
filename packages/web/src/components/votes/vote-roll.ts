/**
 * The roll on the vote's management page, a page at a time (the roll endpoint's keyset pages, more as
 * the end scrolls into view): each unit, its area, whether and how it voted — what it chose only for
 * a named ballot after closing. Typing part of a unit's number asks the server, so a 10,000-unit roll
 * is never loaded whole. It is read again when the vote's status changes, not on every live refresh.
 */
import { voteEndpoints, type RollEntry, type VoteView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { formatArea } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderMore } from '../common/load-more.js';
import { renderError, renderLoading } from '../common/load-state.js';
import { SCROLLABLE_TABLE } from '../common/table-wrap.js';
import { nativeField } from '../forms/native-field.js';
import { voteStyles } from './vote-styles.js';

@customElement('yishi-vote-roll')
export class VoteRoll extends YishiElement {
  static override styles = [
    YishiElement.styles,
    nativeFieldStyles,
    voteStyles,
    css`
      .filter {
        max-width: 24rem;
        margin-bottom: 0.75rem;
      }
    `,
  ];
  @property({ attribute: false }) vote: VoteView['vote'] | null = null;
  @state() private filter = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly roll = new PagedController<RollEntry>(
    this,
    (after, signal) => api.call(voteEndpoints.roll, { params: { voteId: this.vote?.id ?? '' }, query: { after, q: this.filter || undefined }, signal }),
    () => [this.vote?.id, this.vote?.status, this.filter],
  );

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  override render() {
    const vote = this.vote;
    if (!vote) return nothing;
    return html`<h2>${t('votes.roll')}</h2>
      <p><a href=${`/api/votes/${vote.id}/roll.csv`} download>${t('votes.rollExport')}</a></p>
      <div class="filter">
        ${nativeField(
          'roll-filter',
          t('votes.filterUnit'),
          html`<input
            class="input"
            id="roll-filter"
            type="search"
            autocomplete="off"
            @input=${(e: Event) => this.typed((e.target as HTMLInputElement).value)}
          />`,
        )}
      </div>
      ${this.renderPages()}`;
  }

  private renderPages() {
    const roll = this.roll;
    const vote = this.vote!;
    if (roll.status === 'error' && roll.error) return renderError(roll.error.message, () => void roll.reload());
    if (roll.status !== 'ready') return renderLoading();
    return html`<div class="table-wrap" role="region" tabindex="0" aria-label=${pick(SCROLLABLE_TABLE)}>
        <table>
          <thead>
            <tr>
              <th scope="col">${t('votes.paperUnit')}</th>
              <th scope="col" class="num">${t('votes.area')}</th>
              <th scope="col">${t('votes.ballots')}</th>
            </tr>
          </thead>
          <tbody>
            ${roll.items.map((e) => this.renderEntry(vote, e))}
          </tbody>
        </table>
      </div>
      ${renderMore(roll)}`;
  }

  private renderEntry(vote: VoteView['vote'], e: RollEntry) {
    const channel = e.channel === 'paper' ? t('votes.paper') : e.channel === 'proxy' ? t('proxy.channel') : t('votes.online');
    return html`<tr>
      <th scope="row">${e.label}</th>
      <td class="num">${formatArea(e.areaCenti)}</td>
      <td>
        ${e.voted ? `✓ ${t('votes.voted')} · ${channel}` : t('votes.notVoted')}
        ${e.choices ? html` · ${e.choices.map((c) => vote.options.find((o) => o.id === c)?.label ?? c).join(' / ')}` : nothing}
      </td>
    </tr>`;
  }

  /** The server is asked once typing pauses, not on every keystroke. */
  private typed(value: string) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.filter = value.trim()), 250);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-vote-roll': VoteRoll;
  }
}

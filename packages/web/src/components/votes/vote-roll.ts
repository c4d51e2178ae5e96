/**
 * The roll on the vote's management page, a page at a time (the roll endpoint's keyset pages, more as
 * the end scrolls into view): each unit, its area, whether and how it voted — what it chose only for
 * a named ballot after closing. Typing part of a unit's number asks the server, so a 10,000-unit roll
 * is never loaded whole. It is read again from the top when the vote's status changes; when the live
 * turnout's ballot count moves (`ballots`, from the page's 5-s refresh) only the pages on screen are
 * fetched again in place, so the voted marks follow without the reader losing their place or filter.
 */
import { formatAreaCenti, voteEndpoints, type RollEntry, type VoteView } from '@yishi/core';
import { type PropertyValues, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { PagedController } from '../../controllers/paged-controller.js';
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
  /** The live turnout's ballot count: when it moves, the voted marks on screen are read again. */
  @property({ type: Number }) ballots: number | null = null;
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

  override updated(changed: PropertyValues<this>): void {
    const before = changed.get('ballots');
    if (changed.has('ballots') && before !== undefined && before !== null) void this.roll.refresh(this.pagesInView(), (e) => e.voterKey);
  }

  /**
   * The loaded pages with a row on screen, the first when none is (the roll scrolled out of view):
   * a halving search for the first row on screen, then the rows down to the bottom of the window.
   */
  private pagesInView(): number[] {
    const rows = this.renderRoot.querySelectorAll('tbody tr');
    let low = 0;
    let high = rows.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (rows[mid]!.getBoundingClientRect().bottom > 0) high = mid;
      else low = mid + 1;
    }
    const pages = new Set<number>();
    for (let i = low; i < rows.length && rows[i]!.getBoundingClientRect().top < window.innerHeight; i++) pages.add(this.roll.pageOf(i));
    return pages.size ? [...pages] : [0];
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
      <td class="num">${formatAreaCenti(e.areaCenti)}</td>
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

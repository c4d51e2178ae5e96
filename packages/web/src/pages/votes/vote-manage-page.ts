/**
 * Staff watch and run a vote: live turnout (refreshed every 5 s, the voted marks of the roll's rows on
 * screen with it), open/close, the roll a page at a time (components/votes/vote-roll.ts: who has
 * voted — never how, for a secret ballot) and paper ballots entered and reviewed by two staff members
 * (components/votes/paper-ballots-panel.ts).
 */
import { proxyEndpoints, voteEndpoints, type VoteView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import '../../components/notifications/delivery-summary.js';
import '../../components/evidence/evidence-download.js';
import '../../components/votes/vote-result.js';
import '../../components/votes/vote-roll.js';
import '../../components/votes/paper-ballots-panel.js';
import '../../components/votes/proxy-staff-panel.js';
import '../../components/votes/vote-objections-panel.js';
import '../../components/votes/vote-stepper.js';
import { voteStyles } from '../../components/votes/vote-styles.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';
import { buttonStyles } from '../../styles/button-styles.js';

interface Managed {
  view: VoteView;
  /** Paper slips waiting for a second staff member (they do not count if the vote closes first). */
  paperPending: number;
}

@customElement('yishi-vote-manage-page')
export class VoteManagePage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    voteStyles,
    css`
      ul.progress {
        padding-left: 1.25rem;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private askClose = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly write = new WriteController(this);
  // Option labels come in the reader's language: a switch of language reads the vote again.
  private readonly load = new LoadController(
    this,
    (signal) => this.fetch(signal),
    () => [this.params.voteId, currentLocale()],
  );

  private async fetch(signal: AbortSignal): Promise<Managed> {
    const params = { voteId: this.params.voteId ?? '' };
    const view = await api.call(voteEndpoints.get, { params, signal });
    const paperPending =
      view.vote.status === 'open' ? (await api.call(proxyEndpoints.paperEntries, { params, query: { limit: 1, status: 'pending' }, signal })).pending : 0;
    return { view, paperPending };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => {
      // In place (the page stays on screen, where it was scrolled to), and not while a paper slip or an
      // authorisation is being entered or reviewed.
      if (
        this.load.value?.view.vote.status === 'open' &&
        !this.renderRoot.querySelector('yishi-paper-ballots-panel')?.editing &&
        !this.renderRoot.querySelector('yishi-proxy-staff-panel')?.editing
      )
        void this.load.refresh();
    }, 5_000);
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  override render() {
    return renderLoad(this.load, (m) => this.renderView(m));
  }

  /**
   * The paper-ballot and proxy panels ask for a refresh in place after a change: a reload would swap
   * the page for a spinner and tear them down, with the message saying what was done.
   */
  private renderView({ view, paperPending }: Managed) {
    const { vote, turnout } = view;
    const turnoutWords = turnout ? t('votes.turnout', { ballots: turnout.participation.ballots, voters: turnout.electorate.voters }) : '';
    return html`<h1>${vote.title}</h1>
      <p><strong>${t(`votes.status.${vote.status}`)}</strong> · ${t('votes.closesAt', { time: formatDateTime(vote.closesAt) })}</p>
      <div class="actions">
        <a class="link-button" href=${`/votes/${vote.id}`}>${t('votes.view')}</a>
        ${vote.status === 'draft' ? nothing : html`<a class="link-button" href=${`/votes/${vote.id}/navigator`}>${t('nav.link')}</a>`}
        ${
          vote.status === 'draft' && !view.timeline.statutory
            ? html`<button
                type="button"
                class="button primary"
                ?disabled=${this.write.busy}
                aria-busy=${this.write.busy ? 'true' : 'false'}
                @click=${() => this.act('open')}
              >
                ${t('votes.open')}
              </button>`
            : nothing
        }
        ${vote.status === 'open' && !this.askClose ? html`<button type="button" class="button danger" @click=${() => (this.askClose = true)}>${t('votes.close')}</button>` : nothing}
      </div>
      ${
        vote.status === 'open' && this.askClose
          ? html`<div class="card" role="alertdialog" aria-labelledby="ask-close">
              <p id="ask-close"><strong>${t('votes.closeConfirm')}</strong></p>
              ${paperPending ? html`<p>${t('paper.closePending', { count: paperPending })}</p>` : nothing}
              <div class="actions">
                <button
                  type="button"
                  class="button danger"
                  ?disabled=${this.write.busy}
                  aria-busy=${this.write.busy ? 'true' : 'false'}
                  @click=${() => this.act('close')}
                >
                  ${t('votes.close')}
                </button>
                <button type="button" class="button" @click=${() => (this.askClose = false)}>${t('votes.keepOpen')}</button>
              </div>
            </div>`
          : nothing
      }
      <yishi-vote-stepper .view=${view} @vote-changed=${() => this.load.refresh()}></yishi-vote-stepper>
      ${
        turnout
          ? html`<h2>${turnoutWords}</h2>
              <meter min="0" max=${turnout.electorate.voters} value=${turnout.participation.ballots} aria-label=${turnoutWords}></meter>
              <ul class="progress">
                ${turnout.progress.map((p) => html`<li>${pick(p.text)}</li>`)}
              </ul>
              <p>${t('votes.paperCount', { count: turnout.participation.paperBallots })}</p>
              ${vote.status === 'open' ? html`<p class="muted">${t('votes.liveNote')}</p>` : nothing}`
          : nothing
      }
      ${
        vote.status === 'closed'
          ? html`<h2>${t('votes.results')}</h2>
              <yishi-vote-result .result=${view.result}></yishi-vote-result>`
          : nothing
      }
      <yishi-paper-ballots-panel .view=${view} .pendingCount=${paperPending} @paper-changed=${() => this.load.refresh()}></yishi-paper-ballots-panel>
      <yishi-proxy-staff-panel .view=${view} @proxy-changed=${() => this.load.refresh()}></yishi-proxy-staff-panel>
      ${vote.status === 'draft' ? nothing : html`<yishi-delivery-summary compound-id=${vote.compoundId} subject-kind="vote" subject-id=${vote.id}></yishi-delivery-summary>`}
      ${vote.status === 'draft' ? nothing : html`<yishi-vote-objections-panel vote-id=${vote.id} .options=${vote.options} @objection-resolved=${() => this.load.refresh()}></yishi-vote-objections-panel>`}
      ${vote.status === 'draft' ? nothing : html`<yishi-evidence-download subject="vote" subject-id=${vote.id}></yishi-evidence-download>`}
      ${vote.status === 'draft' ? nothing : html`<yishi-vote-roll .vote=${vote} .ballots=${turnout?.participation.ballots ?? null}></yishi-vote-roll>`}`;
  }

  private async act(action: 'open' | 'close') {
    this.askClose = false;
    const voteId = this.params.voteId ?? '';
    if (await this.write.run(() => api.call(voteEndpoints[action], { params: { voteId } }))) await this.load.refresh();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-vote-manage-page': VoteManagePage;
  }
}

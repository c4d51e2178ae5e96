/**
 * Staff watch and run a vote: live turnout (refreshed every 5 s), open/close, the roll (who has
 * voted — never how, for a secret ballot) and paper-ballot entry for owners who voted on paper.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, isApiError } from '../../api/client.js';
import { notify } from '../../app/notify.js';
import { renderLoad } from '../../components/common/load-state.js';
import '../../components/votes/vote-result.js';
import type { VoteView } from '../../components/votes/vote-types.js';
import { LoadController } from '../../controllers/load-controller.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { formatArea, formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { SCROLLABLE_TABLE } from '../../components/common/table-wrap.js';
import { pageStyles } from '../../styles/page-styles.js';

interface RollEntry {
  voterKey: string;
  label: string;
  areaCenti: number;
  voted: boolean;
  channel: string | null;
  choices?: string[] | null;
}

@customElement('yishi-vote-manage-page')
export class VoteManagePage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      meter {
        width: 100%;
        height: 1.5rem;
      }
      .paper {
        display: grid;
        gap: 0.75rem;
      }
      .choice-row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private roll: RollEntry[] = [];
  @state() private filter = '';
  @state() private paperUnit = '';
  @state() private message = '';
  @state() private askClose = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly prefs = new PreferencesController(this);
  private readonly load = new LoadController<VoteView>(this, (signal) => this.fetchAll(signal), () => [this.params.voteId]);

  private async fetchAll(signal: AbortSignal): Promise<VoteView> {
    const id = encodeURIComponent(this.params.voteId ?? '');
    const view = await api.get<VoteView>(`/api/votes/${id}`, signal);
    if (view.vote.status !== 'draft') this.roll = (await api.get<{ entries: RollEntry[] }>(`/api/votes/${id}/roll`, signal)).entries;
    return view;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => {
      if (this.load.value?.vote.status === 'open') void this.load.reload();
    }, 5_000);
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  override render() {
    return renderLoad(this.load, (v) => this.renderView(v));
  }

  private renderView(v: VoteView) {
    const { vote, turnout } = v;
    const shown = this.roll.filter((e) => e.label.includes(this.filter.trim()));
    return html`<h1>${vote.title}</h1>
      <p><strong>${t(`votes.status.${vote.status}`)}</strong> · ${t('votes.closesAt', { time: formatDateTime(vote.closesAt) })}</p>
      <div class="actions">
        <a class="link-button" href=${`/votes/${vote.id}`}>${t('votes.view')}</a>
        ${vote.status === 'draft' ? html`<sl-button variant="primary" @click=${() => this.act('open')}>${t('votes.open')}</sl-button>` : nothing}
        ${vote.status === 'open' && !this.askClose ? html`<sl-button variant="danger" @click=${() => (this.askClose = true)}>${t('votes.close')}</sl-button>` : nothing}
      </div>
      ${vote.status === 'open' && this.askClose
        ? html`<div class="card" role="alertdialog" aria-labelledby="ask-close">
            <p id="ask-close"><strong>${t('votes.closeConfirm')}</strong></p>
            <div class="actions">
              <sl-button variant="danger" @click=${() => this.act('close')}>${t('votes.close')}</sl-button>
              <sl-button @click=${() => (this.askClose = false)}>${t('votes.back')}</sl-button>
            </div>
          </div>`
        : nothing}
      ${turnout
        ? html`<h2>${t('votes.turnout', { ballots: turnout.participation.ballots, voters: turnout.electorate.voters })}</h2>
            <meter min="0" max=${turnout.electorate.voters} value=${turnout.participation.ballots} aria-label=${t('votes.turnout', { ballots: turnout.participation.ballots, voters: turnout.electorate.voters })}></meter>
            <p>
              ${t('votes.turnoutDetail', {
                heads: turnout.participation.heads,
                totalHeads: turnout.electorate.heads,
                area: formatArea(turnout.participation.areaCenti),
                totalArea: formatArea(turnout.electorate.areaCenti),
              })}
              · ${t('votes.paper')} ${turnout.participation.paperBallots}
            </p>
            ${vote.status === 'open' ? html`<p class="muted">${t('votes.liveNote')}</p>` : nothing}`
        : nothing}
      ${vote.status === 'closed' ? html`<h2>${t('votes.results')}</h2><yishi-vote-result .result=${v.result}></yishi-vote-result>` : nothing}
      ${vote.status === 'open' ? this.renderPaper(v) : nothing}
      ${this.roll.length
        ? html`<h2>${t('votes.roll')}</h2>
            <p><a href=${`/api/votes/${vote.id}/roll.csv`} download>${t('votes.rollExport')}</a></p>
            <sl-input label=${t('votes.filterUnit')} @sl-input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}></sl-input>
            <div class="table-wrap" role="region" tabindex="0" aria-label=${pick(SCROLLABLE_TABLE)}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t('votes.paperUnit')}</th>
                    <th scope="col" class="num">${t('votes.area')}</th>
                    <th scope="col">${t('votes.ballots')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${shown.map(
                    (e) => html`<tr>
                      <th scope="row">${e.label}</th>
                      <td class="num">${formatArea(e.areaCenti)}</td>
                      <td>
                        ${e.voted ? `✓ ${t('votes.voted')}（${e.channel === 'paper' ? t('votes.paper') : t('votes.online')}）` : t('votes.notVoted')}
                        ${e.choices ? html` · ${e.choices.map((c) => vote.options.find((o) => o.id === c)?.label ?? c).join('、')}` : nothing}
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
        : nothing}`;
  }

  private renderPaper(v: VoteView) {
    const notVoted = this.roll.filter((e) => !e.voted);
    return html`<h2>${t('votes.enterPaper')}</h2>
      <div class="card paper">
        <label>
          ${t('votes.paperUnit')}
          <select @change=${(e: Event) => (this.paperUnit = (e.target as HTMLSelectElement).value)} style="font:inherit;min-height:2.75rem;width:100%">
            <option value="">—</option>
            ${notVoted.map((e) => html`<option value=${e.voterKey}>${e.label}</option>`)}
          </select>
        </label>
        <sl-input id="slip" label=${t('votes.paperSlip')} maxlength="40"></sl-input>
        <div class="choice-row">
          ${v.vote.options.map((o) => html`<sl-button ?disabled=${!this.paperUnit} @click=${() => this.enterPaper(v, o.id)}>${o.label}</sl-button>`)}
        </div>
        ${this.message ? html`<p role="status">${this.message}</p>` : nothing}
      </div>`;
  }

  private async enterPaper(v: VoteView, choice: string) {
    const slip = (this.renderRoot.querySelector('#slip') as HTMLInputElement | null)?.value ?? '';
    const key = v.vote.electorateKind === 'residents' ? { personId: this.paperUnit } : { unitId: this.paperUnit };
    try {
      const res = await api.post<{ receiptCode: string; voterLabel: string }>(`/api/votes/${v.vote.id}/paper-ballots`, { ...key, choices: [choice], slipNumber: slip });
      this.message = t('votes.paperSaved', { unit: res.voterLabel, code: res.receiptCode });
      this.paperUnit = '';
      await this.load.reload();
    } catch (error) {
      this.message = isApiError(error) ? error.message : String(error);
    }
  }

  private async act(action: 'open' | 'close') {
    this.askClose = false;
    try {
      await api.post(`/api/votes/${this.load.value!.vote.id}/${action}`, {});
      await this.load.reload();
    } catch (error) {
      notify(isApiError(error) ? error.message : String(error), 'danger');
    }
  }
}

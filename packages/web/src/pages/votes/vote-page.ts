/**
 * One vote, for the owner holding a phone: the question, the rule in plain words, then voting one
 * screen at a time — (which unit →) choose → confirm → the receipt code, shown big. Large buttons,
 * one question per screen, nothing cast without an explicit "确认投票". When the vote is closed the
 * same page shows the result with its explanation.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import { isSingleChoice, voteEndpoints, type BallotReceipt, type MyVoter, type VoteView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import '../../components/votes/vote-result.js';
import { colon } from '../../components/votes/vote-words.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatArea, formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';

type Step = 'overview' | 'unit' | 'choose' | 'confirm' | 'done';

@customElement('yishi-vote-page')
export class VotePage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      :host {
        font-size: 1.125rem;
      }
      .question {
        font-size: 1.5rem;
        line-height: 1.45;
        font-weight: 700;
        margin: 0.5rem 0 1rem;
      }
      .big-choices {
        display: grid;
        gap: 0.75rem;
        margin: 1rem 0;
      }
      .big-choice {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        min-height: 3.5rem;
        padding: 0.75rem 1rem;
        font: inherit;
        font-size: 1.35rem;
        font-weight: 600;
        text-align: left;
        color: var(--yishi-text);
        background: var(--yishi-surface);
        border: 2px solid var(--yishi-border);
        border-radius: var(--yishi-radius);
        cursor: pointer;
      }
      .big-choice[aria-pressed='true'],
      .big-choice[aria-checked='true'] {
        border-color: var(--yishi-brand);
        background: var(--sl-color-primary-50);
      }
      .mark {
        display: inline-block;
        width: 1.6rem;
        text-align: center;
      }
      .nav {
        display: grid;
        gap: 0.75rem;
        margin-top: 1.25rem;
      }
      .nav sl-button::part(base) {
        font-size: 1.2rem;
        min-height: 3.25rem;
      }
      .confirm-choice {
        font-size: 1.75rem;
        font-weight: 700;
        padding: 1rem;
        border: 2px solid var(--yishi-brand);
        border-radius: var(--yishi-radius);
        background: var(--yishi-surface);
        margin: 0.75rem 0;
      }
      .receipt {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, monospace;
        font-size: 2rem;
        font-weight: 700;
        letter-spacing: 0.06em;
        text-align: center;
        padding: 1rem 0.5rem;
        border: 3px dashed var(--yishi-ok-text);
        border-radius: var(--yishi-radius);
        background: var(--yishi-surface);
        margin: 0.75rem 0;
        overflow-wrap: anywhere;
      }
      .done-heading {
        color: var(--yishi-ok-text);
      }
      .status {
        font-weight: 700;
      }
      .progress {
        color: var(--yishi-muted);
        font-size: 1rem;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private step: Step = 'overview';
  @state() private voter: MyVoter | null = null;
  @state() private choices: string[] = [];
  @state() private receipt: BallotReceipt | null = null;
  private readonly write = new WriteController(this);
  // Option labels come in the reader's language: a switch of language reads the vote again.
  private readonly load = new LoadController(
    this,
    (signal) => api.call(voteEndpoints.get, { params: { voteId: this.params.voteId ?? '' }, signal }),
    () => [this.params.voteId, currentLocale()],
  );

  override render() {
    return renderLoad(this.load, (v) => this.renderVote(v));
  }

  private renderVote(v: VoteView) {
    if (this.step !== 'overview' && v.vote.status === 'open') return this.renderFlow(v);
    const { vote, turnout } = v;
    return html`
      <h1>${vote.title}</h1>
      <p class="status">
        ${t(`votes.status.${vote.status}`)} ·
        ${vote.status === 'closed' ? t('votes.closedAt', { time: formatDateTime(vote.closedAt ?? vote.closesAt) }) : t('votes.closesAt', { time: formatDateTime(vote.closesAt) })}
      </p>
      ${vote.buildingName ? html`<p>${t('votes.building', { name: vote.buildingName })}</p>` : nothing}
      ${vote.description ? html`<p>${vote.description}</p>` : nothing}
      <p class="muted"><strong>${t('votes.rule')}${colon()}</strong>${pick(vote.ruleText)}</p>
      <p class="muted">${vote.secret ? t('votes.secret') : t('votes.named')}</p>
      ${
        turnout
          ? html`<p>${t('votes.turnout', { ballots: turnout.participation.ballots, voters: turnout.electorate.voters })}</p>
              <p class="progress">
                ${t('votes.turnoutDetail', {
                  heads: turnout.participation.heads,
                  totalHeads: turnout.electorate.heads,
                  area: formatArea(turnout.participation.areaCenti),
                  totalArea: formatArea(turnout.electorate.areaCenti),
                })}
              </p>`
          : nothing
      }
      ${this.write.error ? this.renderError() : nothing} ${vote.status === 'open' ? this.renderMyBallots(v) : nothing}
      ${vote.status === 'draft' ? html`<p>${t('votes.notOpenYet')}</p>` : nothing}
      ${
        vote.status === 'closed'
          ? html`<h2>${t('votes.results')}</h2>
              <yishi-vote-result .result=${v.result}></yishi-vote-result>
              <p><a href=${`/votes/${vote.id}/receipts`}>${t('votes.receipts')}</a></p>`
          : html`<p class="muted">${t('votes.resultsHidden')}</p>`
      }
      ${v.canManage ? html`<p><a class="link-button" href=${`/votes/${vote.id}/manage`}>${t('votes.manage')}</a></p>` : nothing}
    `;
  }

  private renderMyBallots(v: VoteView) {
    if (v.mine.length === 0) return v.canManage ? nothing : html`<sl-alert variant="warning" open>${t('votes.notEligible')}</sl-alert>`;
    const voted = v.mine.filter((m) => m.voted);
    return html`
      ${voted.map(
        (m) =>
          html`<div class="card">
            <p><strong>✓ ${t('votes.youVoted', { unit: m.label })}</strong></p>
            <p>${t('votes.receiptWas', { code: m.receiptCode ?? '' })}</p>
          </div>`,
      )}
      <div class="nav">
        <sl-button variant="primary" size="large" @click=${() => this.begin(v)}
          >${voted.length === v.mine.length ? t('votes.changeBallot') : t('votes.start')}</sl-button
        >
      </div>
    `;
  }

  private renderError() {
    return html`<sl-alert variant="danger" open><span role="alert">${this.write.error}</span></sl-alert>`;
  }

  private begin(v: VoteView) {
    this.write.clear();
    this.choices = [];
    if (v.mine.length === 1) {
      this.voter = v.mine[0]!;
      this.step = 'choose';
    } else {
      this.voter = null;
      this.step = 'unit';
    }
    window.scrollTo(0, 0);
  }

  private renderFlow(v: VoteView) {
    const { vote } = v;
    if (this.step === 'unit') {
      return html`<h1>${vote.title}</h1>
        <p class="question" id="which-unit">${t('votes.whichUnit')}</p>
        <div class="big-choices" role="group" aria-labelledby="which-unit">
          ${v.mine.map(
            (m) =>
              html`<button class="big-choice" @click=${() => ((this.voter = m), (this.step = 'choose'))}>
                ${m.label}${m.voted ? html`<span class="muted">（${t('votes.voted')}）</span>` : nothing}
              </button>`,
          )}
        </div>
        <div class="nav"><sl-button size="large" @click=${() => (this.step = 'overview')}>${t('votes.backToVote')}</sl-button></div>`;
    }
    if (this.step === 'choose') {
      const single = isSingleChoice(vote.kind);
      return html`<p class="progress">${t('votes.step', { n: 1 })} · ${this.voter?.label ?? ''}</p>
        <h1 class="question" id="question">${vote.title}</h1>
        <p>${single ? t('votes.chooseOne') : t('votes.chooseUpTo', { max: vote.maxChoices })}</p>
        <div class="big-choices" role=${single ? 'radiogroup' : 'group'} aria-labelledby="question">
          ${vote.options.map((o) => {
            const on = this.choices.includes(o.id);
            return html`<button
              class="big-choice"
              role=${single ? 'radio' : 'checkbox'}
              aria-checked=${on ? 'true' : 'false'}
              @click=${() => this.toggle(o.id, single, vote.maxChoices)}
            >
              <span class="mark" aria-hidden="true">${on ? '●' : '○'}</span>${o.label}
            </button>`;
          })}
        </div>
        <div class="nav">
          <sl-button variant="primary" size="large" ?disabled=${this.choices.length === 0} @click=${() => (this.step = 'confirm')}
            >${t('votes.next')}</sl-button
          >
          <sl-button size="large" @click=${() => (this.step = 'overview')}>${t('votes.backToVote')}</sl-button>
        </div>`;
    }
    if (this.step === 'confirm') {
      const labels = vote.options.filter((o) => this.choices.includes(o.id)).map((o) => o.label);
      return html`<p class="progress">${t('votes.step', { n: 2 })}</p>
        <h1>${t('votes.confirmHeading')}</h1>
        <p>${vote.title}</p>
        <p>${t('votes.confirmFor', { unit: this.voter?.label ?? '' })}</p>
        <p class="confirm-choice">${labels.join('、')}</p>
        ${this.write.error ? this.renderError() : nothing}
        <div class="nav">
          <sl-button variant="primary" size="large" ?loading=${this.write.busy} @click=${() => this.cast(v)}>${t('votes.confirmCast')}</sl-button>
          <sl-button size="large" ?disabled=${this.write.busy} @click=${() => (this.step = 'choose')}>${t('votes.back')}</sl-button>
        </div>`;
    }
    return html`<p class="progress">${t('votes.step', { n: 3 })}</p>
      <h1 class="done-heading">✓ ${t('votes.doneHeading')}</h1>
      <p>${this.receipt?.voterLabel ?? ''} · ${vote.title}</p>
      <p class="receipt" aria-label=${t('votes.receiptWas', { code: this.receipt?.receiptCode ?? '' })}>${this.receipt?.receiptCode ?? ''}</p>
      <p>${t('votes.receiptIntro')}</p>
      <p class="muted">${t('votes.doneChange')}</p>
      <div class="nav">
        <sl-button size="large" @click=${() => ((this.step = 'overview'), void this.load.reload())}>${t('votes.backToVote')}</sl-button>
      </div>`;
  }

  private toggle(id: string, single: boolean, max: number) {
    if (single) this.choices = [id];
    else if (this.choices.includes(id)) this.choices = this.choices.filter((c) => c !== id);
    else if (id === 'abstain') this.choices = [id];
    else if (this.choices.length < max) this.choices = [...this.choices.filter((c) => c !== 'abstain'), id];
  }

  private async cast(v: VoteView) {
    const unitId = v.vote.electorateKind === 'owners' ? this.voter?.voterKey : undefined;
    const receipt = await this.write.run(
      () => api.call(voteEndpoints.castBallot, { params: { voteId: v.vote.id }, body: { choices: this.choices, ...(unitId ? { unitId } : {}) } }),
      { errorAs: 'inline' },
    );
    if (!receipt) {
      // Refused: read the vote again — if it closed meanwhile the page now shows its result (and why the ballot was not taken).
      void this.load.reload();
      return;
    }
    this.receipt = receipt;
    this.step = 'done';
    window.scrollTo(0, 0);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-vote-page': VotePage;
  }
}

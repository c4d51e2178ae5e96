/**
 * One vote, for the owner holding a phone: the question, the rule in plain words, live turnout
 * against the rule's threshold, each of my units with whether it has voted, then voting one screen
 * at a time — (which unit, or all of them with the same choice →) choose → confirm → the receipt
 * codes, shown big, one per unit (vote-flow.ts, loaded when voting starts). Large buttons, one question per screen, nothing cast without an
 * explicit "确认投票". The end of the flow says which of my units have still not voted and leads on
 * to them. The phone's Back goes back one screen, never to a confirm screen already cast
 * (vote-flow-history.ts). When the vote is closed the same page shows the result with its explanation.
 *
 * Offline (issue 19) the page shows the vote as it was last loaded on this device, never as open: no ballot
 * buttons, "截至 HH:mm" instead of the status, and "需要联网才能投票". A ballot always needs the server's answer.
 */
import { votePageParts, voteEndpoints, type BallotReceipt, type MyVoter, type VoteView } from '@yishi/core';
import { adoptStyles, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { renderStaleNote, savedTime, staleNoteStyles } from '../../components/common/stale-note.js';
import { colon, voteWhen } from '../../components/votes/vote-words.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { pick, t } from '../../i18n.js';
import { OnlineController } from '../../offline/online-controller.js';
import { currentLocale } from '../../state/preferences.js';
import { buttonStyles, navButtonStyles } from '../../styles/button-styles.js';
import { myUnitsSection, secrecySection } from './my-units.js';
import type { FlowHistory, FlowHost, Step } from './vote-flow.js';

/**
 * Parts only some votes show, loaded with the vote that shows them rather than on every visit
 * (issue 18: the voting page stays light on a phone; which a vote shows is core's votePageParts, and the
 * server names the first screen's in the page's HTML). The page waits for the parts its first screen
 * shows, so nothing moves once it is drawn; the proxy panel, at the foot of the page, is fetched once
 * the vote is on screen and appears when it has its data; the receipt's log position is shown after a
 * ballot is cast.
 */
const parts = {
  timeline: () => import('../../components/votes/vote-timeline.js'),
  result: () => import('../../components/votes/vote-result.js'),
  proxies: () => import('../../components/votes/proxy-panel.js'),
  receipt: () => import('../../components/votes/receipt-position.js'),
  flow: () => import('./vote-flow.js'),
};

function whenIdle(run: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 3000 });
  else setTimeout(run, 500);
}

async function withParts(view: VoteView): Promise<VoteView> {
  const shown = votePageParts(view);
  // The proxy panel sits at the foot of the page and reads its own data: it comes once the vote is drawn, when the
  // browser is idle, not with the first screen (core's voteFirstScreenParts, which the server names in the HTML).
  if (shown.includes('proxy-panel')) whenIdle(() => void parts.proxies().catch(() => undefined));
  // An open vote's flow is fetched once the page is drawn and the browser is idle, so the first tap on a weak
  // signal does not wait for it (the tap loads it itself if this has not finished or failed); only for a visitor
  // with a ballot of their own here (a proxy votes from the proxy panel, staff and other residents not at all).
  if (view.vote.status === 'open' && view.mine.length > 0 && navigator.onLine) whenIdle(() => void parts.flow().catch(() => undefined));
  await Promise.all([shown.includes('vote-timeline') && parts.timeline(), shown.includes('vote-result') && parts.result()]);
  return view;
}

@customElement('yishi-vote-page')
export class VotePage extends YishiElement implements FlowHost {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    staleNoteStyles,
    navButtonStyles,
    css`
      :host {
        font-size: 1.125rem;
      }
      .status {
        font-weight: 700;
      }
      .progress {
        color: var(--yishi-muted);
        font-size: 1rem;
      }
      ul.progress {
        padding-left: 1.25rem;
      }
      .my-units ul {
        margin: 0;
        padding-left: 1.25rem;
      }
      .my-units h2 {
        margin-top: 0;
      }
      .my-units li {
        padding: 0.25rem 0;
      }
      .my-units li.voted strong {
        color: var(--yishi-ok-text);
      }
      .my-units .code {
        display: block;
        color: var(--yishi-muted);
        font-size: 1rem;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  @state() step: Step = 'overview';
  /** The voting screens could not be loaded (no network when they were needed). */
  @state() flowFailed = false;
  /** The units (or the person, in a residents' poll) this round of voting is for: one, or all of mine at once. */
  @state() voters: MyVoter[] = [];
  @state() choices: string[] = [];
  @state() receipts: BallotReceipt[] = [];
  /** The choices the receipts are for, as cast. */
  castChoices: string[] = [];
  /** The reader holds an owner's proxy in this vote (the proxy panel says so once it has read it). */
  @state() private holdsProxy = false;
  readonly write = new WriteController(this);
  /** The voting flow's screens, once voting has started. */
  private flow?: Awaited<ReturnType<typeof parts.flow>>;
  /** The flow's screens as entries in the browser's history (the phone's Back goes back one screen). */
  private flowHistory?: FlowHistory;
  // Option labels come in the reader's language: a switch of language reads the vote again.
  private readonly load = new LoadController(
    this,
    async (signal) => withParts(await api.call(voteEndpoints.get, { params: { voteId: this.params.voteId ?? '' }, signal })),
    () => [this.params.voteId, currentLocale()],
    { offline: { key: () => `vote/${this.params.voteId ?? ''}/${currentLocale()}`, prepare: withParts } },
  );
  /** Offline, the ballot buttons give way to "需要联网才能投票". */
  private readonly connection = new OnlineController(this);

  get online(): boolean {
    return this.connection.online;
  }

  override render() {
    return renderLoad(this.load, (v) => this.renderVote(v));
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Another screen (a tap, or the phone's Back): its heading has the focus, where a screen reader starts reading.
    if (changed.has('step') && changed.get('step') !== undefined) this.renderRoot.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }

  private renderVote(v: VoteView) {
    if (this.step !== 'overview' && v.vote.status === 'open' && this.flow) return this.flow.renderFlow(this, v);
    const { vote } = v;
    const stale = this.load.stale;
    // A kept copy of a vote that was open (or not yet open) says nothing about now: never drawn as open.
    const unsettled = stale !== null && vote.status !== 'closed';
    const turnout = unsettled ? null : v.turnout;
    return html`
      ${renderStaleNote(stale)}
      <h1 tabindex="-1">${vote.title}</h1>
      <p class="status">${unsettled ? t('votes.asOf', { time: savedTime(stale.savedAt) }) : html`${t(`votes.status.${vote.status}`)} · ${voteWhen(vote)}`}</p>
      ${unsettled && vote.status === 'open' ? this.renderNeedsNetwork() : nothing}
      ${vote.buildingName ? html`<p>${t('votes.building', { name: vote.buildingName })}</p>` : nothing}
      ${vote.description ? html`<p>${vote.description}</p>` : nothing}
      ${
        // What the visitor came to do comes first: their flats and the button to vote (in elder mode the
        // rules, the statutory timeline and the secrecy explainer below fill four screens), or the result.
        vote.status === 'open'
          ? html`${vote.secret && v.mine.length > 0 ? html`<p class="muted">${t('votes.secret')}</p>` : nothing}
            ${this.write.error ? this.renderError() : nothing} ${this.renderMyBallots(v)}`
          : nothing
      }
      ${
        vote.status === 'closed'
          ? html`<h2>${vote.preliminary ? t('votes.preliminaryResults') : t('votes.results')}</h2>
              ${vote.preliminary ? html`<p class="muted">${t('votes.preliminaryNote')}</p>` : nothing}
              <yishi-vote-result .result=${v.result}></yishi-vote-result>
              ${v.mine.length > 0 ? this.renderMyUnits(v.mine) : nothing}
              <p><a class="link-button" href=${`/votes/${vote.id}/receipts`}>${t('votes.receipts')}</a></p>`
          : nothing
      }
      ${vote.status === 'draft' && !unsettled ? html`<p>${t('votes.notOpenYet')}</p>` : nothing}
      <p class="muted"><strong>${t('votes.rule')}${colon()}</strong>${pick(vote.ruleText)}</p>
      ${
        turnout && vote.status === 'open'
          ? html`<p>${t('votes.turnout', { ballots: turnout.participation.ballots, voters: turnout.electorate.voters })}</p>
              <ul class="progress">
                ${turnout.progress.map((p) => html`<li>${pick(p.text)}</li>`)}
              </ul>`
          : nothing
      }
      ${v.timeline.statutory && !unsettled ? html`<yishi-vote-timeline .timeline=${v.timeline}></yishi-vote-timeline>` : nothing}
      ${vote.secret ? secrecySection(vote.status === 'open' && v.mine.length > 0) : html`<p class="muted">${t('votes.named')}</p>`}
      ${stale ? nothing : html`<yishi-proxy-panel .view=${v} @proxy-changed=${() => this.load.refresh()} @proxy-held=${() => (this.holdsProxy = true)}></yishi-proxy-panel>`}
      ${vote.status === 'closed' ? nothing : html`<p class="muted">${t('votes.resultsHidden')}</p>`}
      ${vote.status === 'draft' || vote.electorateKind !== 'owners' ? nothing : html`<p><a class="link-button" href=${`/votes/${vote.id}/roll-check`}>${t('objections.rollLink')}</a></p>`}
      ${v.canManage ? html`<p><a class="link-button" href=${`/votes/${vote.id}/manage`}>${t('votes.manage')}</a></p>` : nothing}
    `;
  }

  /** Each of my units with whether it has voted (the voting flow's last screen shows it too). */
  renderMyUnits(mine: readonly MyVoter[]) {
    return myUnitsSection(mine);
  }

  private renderMyBallots(v: VoteView) {
    if (v.mine.length === 0) {
      if (v.canManage) return nothing;
      // No flat of her own on the roll, but an owner's proxy: not "not on the roll", and where to vote.
      if (this.holdsProxy)
        return html`<div class="alert proxy-only" role="status">
          <p>${t('votes.proxyOnly')}</p>
          <button type="button" class="button primary" @click=${() => this.renderRoot.querySelector('yishi-proxy-panel')?.scrollIntoView({ block: 'start' })}>
            ${t('votes.toProxyPanel')}
          </button>
        </div>`;
      return html`<div class="alert warning" role="alert">${t('votes.notEligible')}</div>`;
    }
    // A kept copy says so under its title already.
    if (this.load.stale) return nothing;
    if (!this.connection.online) return this.renderNeedsNetwork();
    const notVoted = v.mine.filter((m) => !m.voted);
    const someVoted = notVoted.length < v.mine.length;
    return html`
      ${this.renderMyUnits(v.mine)}
      <div class="nav">
        ${
          notVoted.length === 0
            ? html`<button class="button primary" @click=${() => this.begin(v.mine)}>${t('votes.changeBallot')}</button>`
            : someVoted
              ? html`<button class="button primary" @click=${() => this.begin(notVoted)}>${t('votes.continue', { count: notVoted.length })}</button>
                  <button class="button" @click=${() => this.begin(v.mine)}>${t('votes.changeBallot')}</button>`
              : html`<button class="button primary" @click=${() => this.begin(v.mine)}>${t('votes.start')}</button>`
        }
      </div>
      ${
        this.flowFailed
          ? html`<div class="alert danger" role="alert">
              <p>${t('votes.flowUnavailable')}</p>
              <button class="button" @click=${() => location.reload()}>${t('votes.reload')}</button>
            </div>`
          : nothing
      }
    `;
  }

  /** In place of the ballot buttons offline: a ballot counts only once the server has confirmed it. */
  private renderNeedsNetwork() {
    return html`<div class="alert warning offline-ballot" role="status">
      <strong>${t('votes.needsNetwork')}</strong>
      <p>${t('votes.needsNetworkWhy')}</p>
    </div>`;
  }

  renderError() {
    return html`<div class="alert danger"><span role="alert">${this.write.error}</span></div>`;
  }

  /** Starts a round of voting among `among`: straight to the choice for one unit, else first which unit (or all). */
  async begin(among: readonly MyVoter[]) {
    void parts.receipt();
    if (!this.flow) {
      // Without the network the screens cannot load, and the browser keeps a module that failed to load as
      // failed until the page is loaded again: said in words, with the button that reloads it.
      try {
        this.flow = await parts.flow();
      } catch {
        this.flowFailed = true;
        return;
      }
      this.flowFailed = false;
      adoptStyles(this.renderRoot as ShadowRoot, [...VotePage.elementStyles, this.flow.flowStyles]);
      this.flowHistory = new this.flow.FlowHistory(this);
    }
    this.write.clear();
    this.choices = [];
    this.receipts = [];
    this.voters = among.length === 1 ? [...among] : [];
    this.step = among.length === 1 ? 'choose' : 'unit';
    this.flowHistory?.begin(this.step);
    window.scrollTo(0, 0);
  }

  /** A screen the phone's Back or Forward (or leaving the flow) shows: the vote again after a ballot is read anew. */
  showStep(step: Step) {
    if (step === this.step) return;
    if (step === 'overview' && this.step === 'done') void this.load.refresh();
    this.write.clear();
    this.step = step;
  }

  backToVote() {
    this.flowHistory?.leave();
  }

  pickVoters(voters: MyVoter[]) {
    this.voters = voters;
    this.step = 'choose';
    this.flowHistory?.push('choose');
    window.scrollTo(0, 0);
  }

  next() {
    this.step = 'confirm';
    this.flowHistory?.push('confirm');
  }

  back() {
    this.flowHistory?.back('choose');
  }

  toggle(id: string, single: boolean, max: number) {
    if (single) this.choices = [id];
    else if (this.choices.includes(id)) this.choices = this.choices.filter((c) => c !== id);
    else if (id === 'abstain') this.choices = [id];
    else if (this.choices.length < max) this.choices = [...this.choices.filter((c) => c !== 'abstain'), id];
  }

  /** A ballot is on its way (the phone's Back waits for its answer: vote-flow-history.ts). */
  get casting(): boolean {
    return this.write.busy;
  }

  async cast(v: VoteView) {
    const params = { voteId: v.vote.id };
    const choices = this.choices;
    const owners = v.vote.electorateKind === 'owners';
    const voters = this.voters;
    const receipts = await this.write.run(
      async () =>
        owners && voters.length > 1
          ? (await api.call(voteEndpoints.castBallots, { params, body: { unitIds: voters.map((m) => m.voterKey), choices } })).receipts
          : [await api.call(voteEndpoints.castBallot, { params, body: { choices, ...(owners && voters[0] ? { unitId: voters[0].voterKey } : {}) } })],
      { errorAs: 'inline' },
    );
    if (!receipts) {
      // The answer lost on the way (one bar of signal): the ballot may have been counted. Tapping again is
      // safe, as the server answers the same ballot sent again with the receipt it gave (online-ballots.service.ts).
      if (this.write.code === 'network_error') {
        this.write.error = t('votes.castUnsure');
        this.requestUpdate();
        return;
      }
      // Refused: read the vote again — if it closed meanwhile the page now shows its result (and why the ballot was not taken).
      void this.load.refresh();
      return;
    }
    this.receipts = receipts;
    this.castChoices = choices;
    this.step = 'done';
    this.flowHistory?.done();
    window.scrollTo(0, 0);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-vote-page': VotePage;
  }
}

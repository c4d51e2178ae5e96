/**
 * Under a closed vote's result and on its receipts page: the published files to recount it, JSON and
 * CSV, and how. On the board (given the compound) also the result notice's anchor: the ballot log's
 * published head and a QR code to the board's 存证 section — printed with the notice, a copy of the
 * head kept outside the database.
 */
import { anchorEndpoints, boardEndpoints, endpointUrl, openBallotEndpoints, type PublishedHeads } from '@yishi/core';
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { formatDate } from '../../format/format.js';
import { t } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';

/** One request per compound for all the votes on a board. */
const headsOf = new Map<string, Promise<PublishedHeads | null>>();
function compoundHeads(compoundId: string): Promise<PublishedHeads | null> {
  let heads = headsOf.get(compoundId);
  if (!heads) {
    heads = api.call(anchorEndpoints.heads, { params: { compoundId } }).catch(() => null);
    headsOf.set(compoundId, heads);
  }
  return heads;
}

@customElement('yishi-open-ballot-files')
export class OpenBallotFiles extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        padding: 0;
        margin: 0.25rem 0;
        list-style: none;
      }
      a {
        display: inline-flex;
        align-items: center;
        min-height: var(--yishi-tap);
      }
      h3 {
        font-size: 1rem;
        margin: 0.75rem 0 0.25rem;
      }
      p {
        margin: 0.25rem 0;
      }
      .anchor {
        display: flex;
        gap: 0.75rem;
        align-items: flex-start;
        font-size: 0.9rem;
      }
      .anchor img {
        flex: none;
        width: 96px;
        height: 96px;
      }
      .anchor code {
        overflow-wrap: anywhere;
      }
      .recount ul {
        display: block;
        font-size: 0.9375rem;
      }
      .recount li {
        padding: 0.2rem 0;
        overflow-wrap: anywhere;
      }
      .recount .ok {
        color: var(--yishi-ok-text);
      }
      .recount .bad {
        color: var(--yishi-danger-text);
      }
      @media print {
        .files {
          display: none;
        }
      }
    `,
  ];
  @property({ attribute: 'vote-id' }) voteId = '';
  /** On the board: the compound, whose published heads name this vote's. */
  @property({ attribute: 'compound-id' }) compoundId = '';
  @state() private head: PublishedHeads['latest'][number] | null = null;
  /** The recount run in this browser, when asked for (recount-here.ts, fetched then with its words). */
  @state() private recounted: TemplateResult | null = null;
  @state() private recounting = false;

  override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('compoundId') || changed.has('voteId')) && this.compoundId && this.voteId) void this.loadHead(this.compoundId, this.voteId);
  }

  private async loadHead(compoundId: string, voteId: string): Promise<void> {
    const heads = await compoundHeads(compoundId);
    const head = heads?.heads.find((h) => h.chain === 'ballot_log' && h.scopeId === voteId) ?? null;
    if (head) this.head = head;
  }

  private renderAnchor() {
    const h = this.head;
    if (!h) return nothing;
    // The server draws the code to the board's 存证 section at the public address (an SVG image).
    const qr = endpointUrl(boardEndpoints.qr, { params: { compoundId: this.compoundId }, query: { target: 'anchors' } });
    return html`<div class="anchor">
      <img src=${qr} alt=${t('openBallot.anchorQr')} />
      <p>
        ${t('openBallot.anchor', { n: h.seq, date: formatDate(h.publishedOn) })}<br />
        <code>${h.hash}</code>
      </p>
    </div>`;
  }

  private async recountHere(): Promise<void> {
    this.recounting = true;
    this.recounted = null;
    const params = { voteId: this.voteId };
    try {
      const { recountView } = await import('./recount-here.js');
      this.recounted = await recountView(endpointUrl(openBallotEndpoints.roll, { params }), endpointUrl(openBallotEndpoints.ballots, { params }));
    } catch {
      // Its code did not come (no signal).
      this.recounted = html`<p class="bad">${t('openBallot.recountUnreachable')}</p>`;
    } finally {
      this.recounting = false;
    }
  }

  private renderRecount() {
    return html`<div class="recount">
      <p>
        <button type="button" class="link-button" ?disabled=${this.recounting} aria-busy=${this.recounting ? 'true' : 'false'} @click=${this.recountHere}>
          ${t('openBallot.recountHere')}
        </button>
      </p>
      <div role="status">${this.recounting ? html`<p>${t('openBallot.recounting')}</p>` : (this.recounted ?? nothing)}</div>
    </div>`;
  }

  override render() {
    const params = { voteId: this.voteId };
    const link = (endpoint: Parameters<typeof endpointUrl>[0], label: string) =>
      html`<li><a href=${endpointUrl(endpoint, { params })} download>${label}</a></li>`;
    return html`<div class="files">
        <h3>${t('openBallot.filesHeading')}</h3>
        <p class="muted">${t('openBallot.filesIntro')}</p>
        <ul>
          ${link(openBallotEndpoints.roll, t('openBallot.rollJson'))} ${link(openBallotEndpoints.ballots, t('openBallot.ballotsJson'))}
          ${link(openBallotEndpoints.rollCsv, t('openBallot.rollCsv'))} ${link(openBallotEndpoints.ballotsCsv, t('openBallot.ballotsCsv'))}
        </ul>
        ${this.renderRecount()}
      </div>
      ${this.renderAnchor()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-open-ballot-files': OpenBallotFiles;
  }
}

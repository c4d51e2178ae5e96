/**
 * The ledger (台账) of a compound: every entry in order — listed, signed off with its number,
 * reopened — a page at a time (加载更多, or on scrolling to the end), with a verify button that
 * recomputes the hash chain, and exports of the whole ledger to CSV and Excel. No Shoelace.
 */
import { endpointUrl, ledgerEndpoints, type LedgerRow, type LedgerVerification } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderEmpty, renderLoad } from '../../components/common/load-state.js';
import { badgeStyles } from '../../components/action-items/action-item-badges.js';
import { renderMore } from '../../components/common/load-more.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { SCROLLABLE_TABLE } from '../../components/common/table-wrap.js';
import { cardTableStyles } from '../../styles/card-table-styles.js';
import { buttonStyles } from '../../styles/button-styles.js';

@customElement('yishi-ledger-page')
export class LedgerPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    badgeStyles,
    cardTableStyles,
    css`
      /* The item and its resolution, read as sentences: wide enough for a phrase a line, the table scrolls sideways. */
      td.text {
        min-width: 10em;
      }
      .hash {
        font-family: ui-monospace, Menlo, monospace;
        font-size: 0.8125rem;
        color: var(--yishi-muted);
      }
      .alert {
        margin: 1rem 0;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private verification: LedgerVerification | null = null;
  /** Verifying only reads, but it is an action on a button: the write controller keeps it busy and says a refusal. */
  private readonly verifying = new WriteController(this);
  private readonly ledger = new PagedController<LedgerRow>(
    this,
    (after, signal) => api.call(ledgerEndpoints.entries, { params: { compoundId: this.compoundId }, query: { after }, signal }),
    () => [this.compoundId],
  );

  private get compoundId(): string {
    return this.params.compoundId ?? '';
  }

  override render() {
    const params = { compoundId: this.compoundId };
    return html`<h1>${t('ledger.heading')}</h1>
      <p class="lead">${t('ledger.intro')}</p>
      <div class="actions">
        <button
          type="button"
          class="button primary"
          ?disabled=${this.verifying.busy}
          aria-busy=${this.verifying.busy ? 'true' : 'false'}
          @click=${() => void this.verify()}
        >
          ${t('ledger.verify')}
        </button>
        <a class="link-button" href=${endpointUrl(ledgerEndpoints.csv, { params })} download>${t('ledger.exportCsv')}</a>
        <a class="link-button" href=${endpointUrl(ledgerEndpoints.xlsx, { params })} download>${t('ledger.exportXlsx')}</a>
        <a class="link-button" href=${`/compounds/${this.compoundId}/action-items`}>${t('ai.listHeading')}</a>
      </div>
      ${this.renderVerification()} ${renderLoad(this.ledger, () => this.renderTable(this.ledger.items))} ${renderMore(this.ledger)}`;
  }

  private renderVerification() {
    if (this.verifying.error) return html`<div class="alert danger"><p role="alert">${this.verifying.error}</p></div>`;
    const v = this.verification;
    if (!v) return nothing;
    return v.ok
      ? html`<div class="alert success"><p role="status" data-verify="ok">${t('ledger.ok', { count: v.entries })}</p></div>`
      : html`<div class="alert danger"><p role="alert" data-verify="broken">${t('ledger.broken', { seq: v.brokenAt.seq, reason: v.reason })}</p></div>`;
  }

  private async verify(): Promise<void> {
    this.verification =
      (await this.verifying.run(() => api.call(ledgerEndpoints.verify, { params: { compoundId: this.compoundId } }), { errorAs: 'inline' })) ?? null;
  }

  /** Wrapped, so that on a phone's card it sits as one block beside its column's name. */
  private resolution(e: LedgerRow) {
    return html`<span>${e.resolution}${e.signedOffBy ? html`<br /><span class="muted">${e.signedOffBy}</span>` : nothing}</span>`;
  }

  private time(e: LedgerRow) {
    return html`<span>${formatDateTime(e.createdAt)}<br /><span class="hash" title=${e.hash}>${e.hash.slice(0, 12)}</span></span>`;
  }

  private renderTable(entries: LedgerRow[]) {
    if (entries.length === 0) return renderEmpty(t('ledger.empty'));
    return html`<div class="table-wrap as-cards" role="region" tabindex="0" aria-label=${pick(SCROLLABLE_TABLE)}>
      <table role="table">
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader" class="num">${t('ledger.colSeq')}</th>
            <th scope="col" role="columnheader">${t('ledger.colKind')}</th>
            <th scope="col" role="columnheader">${t('ai.colNumber')}</th>
            <th scope="col" role="columnheader">${t('ai.colTitle')}</th>
            <th scope="col" role="columnheader">${t('ai.resolution')}</th>
            <th scope="col" role="columnheader">${t('ledger.colTime')}</th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          ${entries.map(
            (e) =>
              html`<tr role="row">
                <td role="cell" data-label=${t('ledger.colSeq')} class="num">${e.seq}</td>
                <td role="cell" data-label=${t('ledger.colKind')}>${t(`ai.update.${e.kind}`)}</td>
                <td role="cell" data-label=${t('ai.colNumber')}>${e.signOffNumber ? html`<span class="number">${e.signOffNumber}</span>` : nothing}</td>
                <td role="cell" data-label=${t('ai.colTitle')} class="text"><a href=${`/action-items/${e.actionItemId}`}>${e.title}</a></td>
                <td role="cell" data-label=${t('ai.resolution')} class="text">${e.resolution || e.signedOffBy ? this.resolution(e) : nothing}</td>
                <td role="cell" data-label=${t('ledger.colTime')}>${this.time(e)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

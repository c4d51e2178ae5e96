/** Public after closing: every receipt code with its choice, and a box to find one's own code; before closing, when that will be. */
import '@shoelace-style/shoelace/dist/components/input/input.js';
import { normaliseReceiptCode, voteEndpoints } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import '../../components/votes/ballot-dispute-form.js';
import '../../components/votes/open-ballot-files.js';
import '../../components/votes/receipt-position.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { SCROLLABLE_TABLE } from '../../components/common/table-wrap.js';
import { LoadController } from '../../controllers/load-controller.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';

@customElement('yishi-vote-receipts-page')
export class VoteReceiptsPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      .receipt-code {
        white-space: nowrap;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private query = '';
  /** The 询异 window is open to the reader: each receipt offers a dispute. */
  @state() private disputable = false;
  // Choices come in the reader's language (同意 / Yes): a switch of language reads them again.
  private readonly load = new LoadController(
    this,
    (signal) => api.call(voteEndpoints.receipts, { params: { voteId: this.params.voteId ?? '' }, signal }),
    () => [this.params.voteId, currentLocale()],
  );

  private get disputes() {
    return this.renderRoot.querySelector('yishi-ballot-dispute-form');
  }

  override render() {
    return renderLoad(this.load, (r) => {
      // Before closing the list is not published yet: say when, in words (not as a failure).
      if (!r.published)
        return html`<h1>${t('votes.receiptsHeading')}</h1>
          <p class="lead">${r.title}</p>
          <p class="card not-yet" role="status">${t('votes.receiptsNotYet', { time: formatDateTime(r.closesAt) })}</p>`;
      const code = normaliseReceiptCode(this.query);
      const found = code.length >= 14 ? r.receipts.find((x) => x.receiptCode === code) : undefined;
      return html`<h1>${t('votes.receiptsHeading')}</h1>
        <p class="lead">${r.title}</p>
        <sl-input
          label=${t('votes.receiptSearch')}
          size="large"
          autocomplete="off"
          @sl-input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
        ></sl-input>
        <div role="status" aria-live="polite">
          ${
            code.length >= 14
              ? html`<p>
                  <strong
                    >${
                      found
                        ? r.choicesWithheld
                          ? t('votes.receiptCounted')
                          : t('votes.receiptFound', { choice: found.choiceLabels.join(' / ') })
                        : t('votes.receiptMissing')
                    }</strong
                  >
                </p>`
              : nothing
          }
        </div>
        ${found ? html`<yishi-receipt-position .position=${found.logPosition}></yishi-receipt-position>` : nothing}
        ${r.choicesWithheld ? html`<p class="card" role="note">${pick(r.choicesWithheld)}</p>` : nothing}
        <yishi-open-ballot-files vote-id=${r.voteId}></yishi-open-ballot-files>
        <div class="table-wrap" role="region" tabindex="0" aria-label=${pick(SCROLLABLE_TABLE)}>
          <table>
            <thead>
              <tr>
                <th scope="col">${t('votes.receiptWas', { code: '' }).replace(/[:：]\s*$/, '')}</th>
                <th scope="col">${t('votes.option')}</th>
              </tr>
            </thead>
            <tbody>
              ${r.receipts.map(
                (x) =>
                  html`<tr>
                    <td>
                      <code class="receipt-code">${x.receiptCode}</code>
                      ${this.disputable ? html`<br /><sl-button @click=${() => this.disputes?.ask(x.receiptCode)}>${t('objections.disputeThis')}</sl-button>` : nothing}
                    </td>
                    <td>${r.choicesWithheld ? t('votes.receiptsWithheldOption') : x.choiceLabels.join(' / ')}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <yishi-ballot-dispute-form
          vote-id=${r.voteId}
          @disputes-open=${(e: CustomEvent<boolean>) => (this.disputable = e.detail)}
        ></yishi-ballot-dispute-form>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-vote-receipts-page': VoteReceiptsPage;
  }
}

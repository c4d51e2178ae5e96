/**
 * Public after closing: the receipt codes with their choices a page at a time (more as the end of
 * the table scrolls into view), and a box to find one's own code (the server looks it up, whichever
 * page it is on); before closing, when that will be. Its controls are native: an owner checks a
 * receipt on a phone, and the page loads no Shoelace.
 */
import { normaliseReceiptCode, voteEndpoints, type Answer } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import '../../components/votes/ballot-dispute-form.js';
import '../../components/votes/open-ballot-files.js';
import '../../components/votes/receipt-position.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderMore } from '../../components/common/load-more.js';
import { renderError, renderLoading } from '../../components/common/load-state.js';
import { SCROLLABLE_TABLE } from '../../components/common/table-wrap.js';
import { textField } from '../../components/forms/text-field.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';

type Receipts = Answer<typeof voteEndpoints.receipts>;
type Receipt = Receipts['items'][number];

@customElement('yishi-vote-receipts-page')
export class VoteReceiptsPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    css`
      .receipt-code {
        white-space: nowrap;
      }
      .search {
        max-width: 28rem;
        margin-bottom: 1rem;
      }
      td .button {
        min-height: var(--yishi-tap);
        margin-top: 0.35rem;
        font-size: 1rem;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private query = '';
  /** The receipt the code typed names: undefined while none is asked or the answer is on its way, null when there is none. */
  @state() private found: Receipt | null | undefined = undefined;
  /** The 询异 window is open to the reader: each receipt offers a dispute. */
  @state() private disputable = false;
  private lookup = 0;
  // Choices come in the reader's language (同意 / Yes): a switch of language reads them again.
  private readonly receipts = new PagedController<Receipt, Receipts>(
    this,
    (after, signal) => api.call(voteEndpoints.receipts, { params: { voteId: this.params.voteId ?? '' }, query: { after }, signal }),
    () => [this.params.voteId, currentLocale()],
  );

  private get disputes() {
    return this.renderRoot.querySelector('yishi-ballot-dispute-form');
  }

  override render() {
    const list = this.receipts;
    if (list.status === 'error' && list.error) return renderError(list.error.message, () => void list.reload());
    const r = list.value;
    if (!r) return renderLoading();
    // Before closing the list is not published yet: say when, in words (not as a failure).
    if (!r.published)
      return html`<h1>${t('votes.receiptsHeading')}</h1>
        <p class="lead">${r.title}</p>
        <p class="card not-yet" role="status">${t('votes.receiptsNotYet', { time: formatDateTime(r.closesAt) })}</p>`;
    const code = normaliseReceiptCode(this.query);
    const found = code.length >= 14 ? this.found : undefined;
    return html`<h1>${t('votes.receiptsHeading')}</h1>
      <p class="lead">${r.title}</p>
      <div class="search">
        ${textField({
          name: 'receipt-search',
          label: t('votes.receiptSearch'),
          value: this.query,
          autocapitalize: 'characters',
          onInput: (value) => void this.typed(value),
        })}
      </div>
      <div role="status" aria-live="polite">
        ${
          code.length >= 14 && found !== undefined
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
            ${list.items.map(
              (x) =>
                html`<tr>
                  <td>
                    <code class="receipt-code">${x.receiptCode}</code>
                    ${this.disputable ? html`<br /><button type="button" class="button" @click=${() => this.disputes?.ask(x.receiptCode)}>${t('objections.disputeThis')}</button>` : nothing}
                  </td>
                  <td>${r.choicesWithheld ? t('votes.receiptsWithheldOption') : x.choiceLabels.join(' / ')}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${renderMore(list)}
      <yishi-ballot-dispute-form vote-id=${r.voteId} @disputes-open=${(e: CustomEvent<boolean>) => (this.disputable = e.detail)}></yishi-ballot-dispute-form>`;
  }

  /** A whole code typed: the server says whether it was counted, wherever it is in the list. */
  private async typed(value: string) {
    this.query = value;
    this.found = undefined;
    const code = normaliseReceiptCode(value);
    if (code.length < 14) return;
    const asked = ++this.lookup;
    try {
      const page = await api.call(voteEndpoints.receipts, { params: { voteId: this.params.voteId ?? '' }, query: { code, limit: 1 } });
      if (asked === this.lookup) this.found = page.items[0] ?? null;
    } catch {
      // Offline for a moment: typing again asks again.
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-vote-receipts-page': VoteReceiptsPage;
  }
}

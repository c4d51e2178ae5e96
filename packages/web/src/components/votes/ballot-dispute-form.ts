/**
 * 询异 on the published receipts page: while the window is open, an owner on the roll disputes a
 * ballot by its receipt code (their own, or one from the list they believe wrong); their disputes
 * and the answers are listed. The page opens the form for a receipt with `ask(code)`; a
 * `disputes-open` event (detail: boolean) tells it whether to offer that per receipt.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import { BALLOT_DISPUTE_KINDS, objectionEndpoints, type BallotDisputeKind, type VoteObjections } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { currentMe } from '../../state/session.js';
import { formStyles } from '../../styles/form-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { disputeItem, objectionStyles } from './objection-items.js';

@customElement('yishi-ballot-dispute-form')
export class BallotDisputeForm extends YishiElement {
  static override styles = [
    YishiElement.styles,
    formStyles,
    objectionStyles,
    css`
      form.fields sl-button {
        justify-self: start;
      }
    `,
  ];
  @property({ attribute: 'vote-id' }) voteId = '';
  @state() private open = false;
  @state() private code = '';
  @state() private kind: BallotDisputeKind = 'wrong_choice';
  private readonly write = new WriteController<'receiptCode' | 'text'>(this);
  // Owners only: a visitor, or someone not on this vote's roll, is simply not offered the form.
  private readonly load = new LoadController(
    this,
    async (signal): Promise<VoteObjections | null> => {
      if (!currentMe() || !this.voteId) return null;
      // The first page of the caller's disputes (an owner raises a few at most).
      return api.call(objectionEndpoints.objections, { params: { voteId: this.voteId }, query: { list: 'disputes', limit: 200 }, signal }).catch(() => null);
    },
    () => [this.voteId, currentMe()?.userId],
  );

  /** Whether the 询异 window is open to the reader (the page shows a button per receipt then). */
  get accepting(): boolean {
    return this.load.value?.disputesOpen === true;
  }

  protected override updated(): void {
    const open = this.accepting;
    if (open !== this.told) {
      this.told = open;
      this.dispatchEvent(new CustomEvent('disputes-open', { detail: open, bubbles: true, composed: true }));
    }
  }
  private told = false;

  ask(code = ''): void {
    this.write.clear();
    this.code = code;
    this.kind = code ? 'wrong_choice' : 'not_mine';
    this.open = true;
  }

  override render() {
    const o = this.load.value;
    if (!o) return nothing;
    return html`${
      o.objectionEndsAt
        ? html`<section aria-labelledby="dispute-heading">
            <h2 id="dispute-heading">${t('objections.disputeHeading')}</h2>
            <p>
              ${o.disputesOpen ? t('objections.disputeIntro', { time: formatDateTime(o.objectionEndsAt) }) : t('objections.disputeEnded', { time: formatDateTime(o.objectionEndsAt) })}
            </p>
            ${o.disputesOpen ? html`<sl-button size="large" variant="primary" @click=${() => this.ask()}>${t('objections.disputeMine')}</sl-button>` : nothing}
            ${
              o.disputes.items.length
                ? html`<h3>${t('objections.myDisputes')}</h3>
                    <ul class="objections">
                      ${o.disputes.items.map((d) => disputeItem(d))}
                    </ul>`
                : nothing
            }
          </section>`
        : nothing
    }
    ${this.renderDialog()}`;
  }

  private renderDialog() {
    return html`<sl-dialog
      label=${t('objections.disputeHeading')}
      ?open=${this.open}
      @sl-after-hide=${(e: Event) => e.target === e.currentTarget && (this.open = false)}
    >
      <form class="fields" @submit=${(e: Event) => this.submit(e)}>
        <sl-input size="large" name="receiptCode" required autocomplete="off" label=${t('objections.receiptCode')} value=${this.code}></sl-input>
        <sl-select
          size="large"
          label=${t('objections.kind')}
          value=${this.kind}
          hoist
          @sl-change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as BallotDisputeKind)}
        >
          ${BALLOT_DISPUTE_KINDS.map((k) => html`<sl-option value=${k}>${t(`objections.disputeKind.${k}`)}</sl-option>`)}
        </sl-select>
        <sl-textarea size="large" name="text" required maxlength="1000" rows="3" label=${t('objections.text')}></sl-textarea>
        ${this.write.error ? html`<p class="form-error" role="alert">${this.write.error}</p>` : nothing}
      </form>
      <sl-button slot="footer" size="large" @click=${() => (this.open = false)}>${t('objections.cancel')}</sl-button>
      <sl-button slot="footer" size="large" variant="primary" ?loading=${this.write.busy} @click=${() => this.submit(null)}
        >${t('objections.disputeSubmit')}</sl-button
      >
    </sl-dialog>`;
  }

  private async submit(event: Event | null) {
    event?.preventDefault();
    const form = this.renderRoot.querySelector<HTMLFormElement>('sl-dialog form');
    const receiptCode = form?.querySelector<HTMLInputElement>('[name=receiptCode]')?.value ?? '';
    const text = form?.querySelector<HTMLTextAreaElement>('[name=text]')?.value ?? '';
    const saved = await this.write.run(
      () => api.call(objectionEndpoints.raiseDispute, { params: { voteId: this.voteId }, body: { receiptCode, kind: this.kind, text } }),
      { success: t('objections.submitted'), errorAs: 'inline', fields: ['receiptCode', 'text'] },
    );
    if (!saved) return;
    this.open = false;
    await this.load.reload();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-ballot-dispute-form': BallotDisputeForm;
  }
}

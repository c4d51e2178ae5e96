/**
 * 询异 on the published receipts page: while the window is open, an owner on the roll disputes a
 * ballot by its receipt code (their own, or one from the list they believe wrong); their disputes
 * and the answers are listed. The page opens the form for a receipt with `ask(code)`; a
 * `disputes-open` event (detail: boolean) tells it whether to offer that per receipt. Its dialog,
 * fields and buttons are native (an owner checks a receipt on a phone; no Shoelace to load).
 */
import { BALLOT_DISPUTE_KINDS, objectionEndpoints, type BallotDisputeKind, type VoteObjections } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { currentMe } from '../../state/session.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { syncModal } from '../common/modal.js';
import { choiceField } from '../forms/choice-field.js';
import { fieldProblem, nativeField } from '../forms/native-field.js';
import { disputeItem, objectionStyles } from './objection-items.js';

@customElement('yishi-ballot-dispute-form')
export class BallotDisputeForm extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    objectionStyles,
    css`
      textarea.input {
        min-height: 5.5rem;
      }
      section > .button {
        margin-bottom: 0.5rem;
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

  private told = false;

  ask(code = ''): void {
    this.write.clear();
    this.renderRoot.querySelector<HTMLFormElement>('#dispute-dialog form')?.reset();
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
            ${o.disputesOpen ? html`<button type="button" class="button primary" @click=${() => this.ask()}>${t('objections.disputeMine')}</button>` : nothing}
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
    const errors = this.write.fieldErrors;
    return html`<dialog class="dialog" id="dispute-dialog" aria-labelledby="dispute-dialog-title" @close=${() => (this.open = false)}>
      <h2 id="dispute-dialog-title">${t('objections.disputeHeading')}</h2>
      <form class="fields" novalidate @submit=${(e: Event) => this.submit(e)}>
        ${nativeField(
          'receiptCode',
          t('objections.receiptCode'),
          html`<input
            class="input"
            id="receiptCode"
            name="receiptCode"
            required
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            .value=${live(this.code)}
            @input=${(e: Event) => (this.code = (e.target as HTMLInputElement).value)}
            ${fieldProblem('receiptCode', errors.receiptCode)}
          />`,
          errors.receiptCode,
        )}
        ${choiceField({
          name: 'kind',
          legend: t('objections.kind'),
          choices: BALLOT_DISPUTE_KINDS.map((k) => ({ value: k, label: t(`objections.disputeKind.${k}`) })),
          initial: this.kind,
          onChange: (value) => (this.kind = value as BallotDisputeKind),
        })}
        ${nativeField(
          'text',
          t('objections.text'),
          html`<textarea class="input" id="text" name="text" required maxlength="1000" rows="3" ${fieldProblem('text', errors.text)}></textarea>`,
          errors.text,
        )}
        ${this.write.error ? html`<p class="form-error" role="alert">${this.write.error}</p>` : nothing}
        <div class="actions">
          <button type="button" class="button" @click=${() => (this.open = false)}>${t('objections.cancel')}</button>
          <button type="submit" class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>
            ${t('objections.disputeSubmit')}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  protected override updated(): void {
    const open = this.accepting;
    if (open !== this.told) {
      this.told = open;
      this.dispatchEvent(new CustomEvent('disputes-open', { detail: open, bubbles: true, composed: true }));
    }
    syncModal(this.renderRoot, 'dispute-dialog', this.open);
  }

  private async submit(event: Event) {
    event.preventDefault();
    if (this.write.busy) return;
    const form = event.target as HTMLFormElement;
    const receiptCode = this.code;
    const text = form.querySelector<HTMLTextAreaElement>('[name=text]')?.value ?? '';
    const saved = await this.write.run(
      () => api.call(objectionEndpoints.raiseDispute, { params: { voteId: this.voteId }, body: { receiptCode, kind: this.kind, text } }),
      { success: t('objections.submitted'), errorAs: 'inline', fields: ['receiptCode', 'text'] },
    );
    if (!saved) return;
    this.open = false;
    await this.load.refresh();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-ballot-dispute-form': BallotDisputeForm;
  }
}

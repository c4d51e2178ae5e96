/**
 * The staff's stepper of an owners'-assembly vote: the stages (yishi-vote-timeline) and the next
 * action — announce, open, extend, finalise — each behind a confirmation dialog that says what it
 * does and that it is published. On the management page: `<yishi-vote-stepper .view=${view}
 * @vote-changed=${reload}>`. A vote that follows no timeline shows only extension here (the page
 * opens and closes it as before). Its buttons, dialog and fields are native (no Shoelace).
 */
import { voteEndpoints, voteTimelineEndpoints, type VoteView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { syncModal } from '../common/modal.js';
import { fieldProblem, nativeField } from '../forms/native-field.js';
import './vote-timeline.js';

type Action = 'announce' | 'open' | 'extend' | 'finalise';

/** A Beijing wall-clock value for a datetime-local input. */
function beijingInput(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16);
}

@customElement('yishi-vote-stepper')
export class VoteStepper extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    css`
      .next {
        display: grid;
        gap: 0.5rem;
        margin-top: 0.75rem;
      }
      .next h3 {
        margin: 0;
        font-size: 1rem;
      }
      .dialog form {
        display: grid;
        gap: 0.75rem;
      }
      .dialog p {
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) view: VoteView | null = null;
  @state() private asking: Action | null = null;
  private readonly write = new WriteController<'closesAt' | 'reason'>(this);

  /** The action the vote waits for, or null. */
  private nextAction(v: VoteView): Action | null {
    const { status } = v.vote;
    const { statutory, phase } = v.timeline;
    if (status === 'draft' && statutory) return 'announce';
    if (status === 'announced') return 'open';
    if (status === 'open') return 'extend';
    if (phase === 'objection' || phase === 'awaiting_final') return 'finalise';
    return null;
  }

  override render() {
    const v = this.view;
    if (!v) return nothing;
    const action = this.nextAction(v);
    return html`<yishi-vote-timeline .timeline=${v.timeline}></yishi-vote-timeline> ${
        action
          ? html`<div class="next">
              <h3>${t('timeline.next')}</h3>
              ${this.hint(v, action)}
              <div class="actions">
                <button
                  type="button"
                  class="button ${action === 'extend' ? '' : 'primary'}"
                  ?disabled=${(action === 'open' && !v.timeline.mayOpenNow) || (action === 'finalise' && !v.timeline.mayFinaliseNow)}
                  @click=${() => (this.asking = action)}
                >
                  ${t(`timeline.${action}`)}
                </button>
              </div>
            </div>`
          : nothing
      }
      ${this.renderDialog(v)}`;
  }

  private hint(v: VoteView, action: Action) {
    const tl = v.timeline;
    if (action === 'open' && v.vote.opensAt)
      return html`<p class="muted">${t('timeline.opensOn', { time: formatDateTime(v.vote.opensAt), days: tl.noticeDays })}</p>`;
    if (action === 'finalise' && tl.objectionEndsAt)
      return html`<p class="muted">${t('timeline.finaliseAfter', { time: formatDateTime(tl.objectionEndsAt) })}</p>`;
    return nothing;
  }

  private renderDialog(v: VoteView) {
    const action = this.asking;
    const e = this.write.fieldErrors;
    const words =
      action === 'announce'
        ? t('timeline.announceConfirm', { rollCheckDays: v.timeline.rollCheckDays, noticeDays: v.timeline.noticeDays })
        : action
          ? t(`timeline.${action}Confirm`)
          : '';
    return html`<dialog class="dialog" id="step-dialog" aria-labelledby="step-title" @close=${() => (this.asking = null)}>
      <form method="dialog" @submit=${(ev: Event) => this.confirm(ev, v, action)} novalidate>
        <h2 id="step-title">${action ? t(`timeline.${action}`) : ''}</h2>
        <p>${words}</p>
        ${
          action === 'extend'
            ? html`${nativeField(
                'closesAt',
                t('timeline.newClosesAt'),
                html`<input
                  class="input"
                  id="closesAt"
                  name="closesAt"
                  type="datetime-local"
                  value=${beijingInput(new Date(Date.parse(v.vote.closesAt) + 3 * 86_400_000).toISOString())}
                  @input=${() => this.write.clearField('closesAt')}
                  ${fieldProblem('closesAt', e.closesAt)}
                />`,
                e.closesAt,
              )}
              ${nativeField(
                'reason',
                t('timeline.extendReason'),
                html`<textarea
                  class="input"
                  id="reason"
                  name="reason"
                  rows="3"
                  maxlength="500"
                  @input=${() => this.write.clearField('reason')}
                  ${fieldProblem('reason', e.reason)}
                ></textarea>`,
                e.reason,
              )}`
            : nothing
        }
        ${this.write.error ? html`<p role="alert" class="form-error">${this.write.error}</p>` : nothing}
        <div class="actions">
          <button type="button" class="button" @click=${() => (this.asking = null)}>${t('timeline.cancel')}</button>
          <button type="submit" class="button primary confirm" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>
            ${t('timeline.confirm')}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  protected override updated(): void {
    syncModal(this.renderRoot, 'step-dialog', this.asking !== null);
  }

  /** The dialog's form sent (its button, or Enter in a field): the step, unless it closes the dialog itself. */
  private confirm(event: Event, v: VoteView, action: Action | null): void {
    event.preventDefault();
    if (action) void this.act(v, action);
  }

  private field(name: string): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`#step-dialog [name="${name}"]`)?.value ?? '';
  }

  private async act(v: VoteView, action: Action) {
    const params = { voteId: v.vote.id };
    const done = await this.write.run(
      () => {
        switch (action) {
          case 'announce':
            return api.call(voteTimelineEndpoints.announce, { params });
          case 'open':
            return api.call(voteEndpoints.open, { params });
          case 'finalise':
            return api.call(voteTimelineEndpoints.finalise, { params });
          case 'extend': {
            // datetime-local is Beijing wall-clock time.
            const closesAt = new Date(`${this.field('closesAt')}:00+08:00`);
            const body = { closesAt: Number.isNaN(closesAt.getTime()) ? this.field('closesAt') : closesAt.toISOString(), reason: this.field('reason') };
            return api.call(voteTimelineEndpoints.extend, { params, body });
          }
        }
      },
      {
        success: t(`timeline.done.${action}`),
        fields: ['closesAt', 'reason'],
        fieldOfCode: { vote_extend_reason: 'reason', vote_extend_not_later: 'closesAt' },
        errorAs: 'inline',
      },
    );
    if (!done) return;
    this.asking = null;
    this.dispatchEvent(new CustomEvent('vote-changed', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-vote-stepper': VoteStepper;
  }
}

/**
 * Paper ballots with four eyes, on the vote's management page. One staff member enters a slip: the
 * unit (found by typing its number), the choice on the slip, its number and a photo of the signed
 * slip — a pending entry that does not count. The "待复核" list shows each pending slip with its photo
 * to a second staff member, who confirms it (a dialog asks to check the photo once more) or rejects it
 * with a reason; the one who entered it sees it marked as theirs and cannot review it. Its fields,
 * buttons and dialog are native (no Shoelace); a refusal is said under each field it is about, the
 * focus on the first.
 */
import { proxyEndpoints, voteEndpoints, type PaperEntries, type PaperEntry, type VoteView } from '@yishi/core';
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { api } from '../../api/client.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import '../action-items/photo-picker.js';
import { chosenUnit, RollFinder, unitFinder } from './unit-finder.js';
import type { PhotoPicker } from '../action-items/photo-picker.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderMore } from '../common/load-more.js';
import { renderLoad } from '../common/load-state.js';
import { syncModal } from '../common/modal.js';
import { choiceField } from '../forms/choice-field.js';
import { focusControl } from '../forms/form-errors.js';
import { fieldProblem, nativeField } from '../forms/native-field.js';

type Reviewing = { entry: PaperEntry; action: 'confirm' | 'reject' };
type Field = 'unitId' | 'personId' | 'choices' | 'slipNumber' | 'photoId' | 'reason';
/** The entry form's fields in the order they are shown (the focus goes to the first refused). */
const ENTRY_FIELDS = ['unitId', 'personId', 'choices', 'slipNumber', 'photoId'] as const;

@customElement('yishi-paper-ballots-panel')
export class PaperBallotsPanel extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    css`
      form.card,
      .entry {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.75rem;
      }
      form.card {
        gap: 1rem;
      }
      form.card > p,
      .entry > p {
        margin: 0;
      }
      .dialog form {
        display: grid;
        gap: 0.75rem;
      }
      .dialog p {
        margin: 0;
      }
      ul.entries {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 1rem;
      }
      .entry img {
        width: 100%;
        max-width: 20rem;
        height: auto;
        border: 1px solid var(--yishi-border);
        border-radius: var(--yishi-radius);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];
  @property({ attribute: false }) view: VoteView | null = null;
  @state() private search = '';
  @state() private unit = '';
  @state() private saved = '';
  @state() private reviewing: Reviewing | null = null;
  private readonly write = new WriteController<Field>(this);
  private readonly finder = new RollFinder(
    this,
    () => this.view,
    (v) => v.vote.status === 'open',
  );
  /**
   * How many entries wait for review, as the page last counted them (every 5 s while the vote is
   * open): when another staff member enters or reviews one, the list below is fetched again.
   */
  @property({ attribute: false }) pendingCount = 0;
  /** The entries waiting for a second staff member, a page at a time (newest first). */
  private readonly load = new PagedController<PaperEntry, PaperEntries>(
    this,
    (after, signal) => api.call(proxyEndpoints.paperEntries, { params: { voteId: this.view?.vote.id ?? '' }, query: { after, status: 'pending' }, signal }),
    () => [this.view?.vote.id],
  );

  /**
   * Another staff member entered or reviewed a slip: the list again, quietly. (As a dependency of the
   * list, the count restarted it behind a spinner that tore down the entry form, typed slip and all.)
   */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pendingCount') && changed.get('pendingCount') !== undefined && this.load.status === 'ready') void this.load.reload({ quiet: true });
  }

  /** Whether a slip is being entered or reviewed (the page holds its live refresh meanwhile, so nothing typed is lost). */
  get editing(): boolean {
    const form = this.renderRoot.querySelector('form');
    const typed = [...(form?.querySelectorAll<HTMLInputElement>('input[name=slipNumber]') ?? [])].some((i) => i.value !== '');
    const photo = (form?.querySelector<PhotoPicker>('yishi-photo-picker')?.ids.length ?? 0) > 0;
    return this.reviewing !== null || this.unit !== '' || this.search !== '' || typed || photo || this.write.busy;
  }

  override render() {
    const v = this.view;
    if (!v || v.vote.status === 'draft') return nothing;
    return renderLoad(this.load, (p) => {
      const pending = this.load.items;
      return html`${v.vote.status === 'open' ? this.renderEntry(v) : nothing}
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">${t('paper.review', { count: p.pending })}</h2>
          ${
            pending.length === 0
              ? html`<p class="muted">${t('paper.reviewEmpty')}</p>`
              : html`<ul class="entries">
                    ${pending.map((e) => this.renderPending(e, v.vote.status === 'open'))}
                  </ul>
                  ${renderMore(this.load)}`
          }
        </section>
        ${this.renderDialog()}`;
    });
  }

  private renderEntry(v: VoteView) {
    const errors = this.write.fieldErrors;
    const single = v.vote.maxChoices === 1;
    const unitError = errors.unitId ?? errors.personId;
    return html`<h2>${t('paper.heading')}</h2>
      <form class="card" novalidate @submit=${(e: Event) => this.enter(e, v)} @input=${(e: Event) => this.edited(e)} @change=${(e: Event) => this.edited(e)}>
        <fieldset class="sending" ?disabled=${this.write.busy}>
          <p class="muted">${t('paper.intro')}</p>
          ${unitFinder({
            finder: this.finder,
            eligible: (e) => !e.voted,
            name: 'unitId',
            search: this.search,
            unit: this.unit,
            label: t('paper.unit'),
            error: unitError,
            onSearch: (typed) => (this.search = typed),
            onChoose: (key) => (this.unit = key),
          })}
          ${
            single
              ? choiceField({
                  name: 'choices',
                  legend: t('paper.choice'),
                  choices: v.vote.options.map((o) => ({ value: o.id, label: o.label })),
                  error: errors.choices,
                })
              : html`<fieldset class="choices" aria-describedby=${ifDefined(errors.choices ? 'choices-problem' : undefined)}>
                  <legend class="label">${t('paper.choice')}</legend>
                  ${v.vote.options.map(
                    (o) =>
                      html`<label class="check choice"
                        ><input type="checkbox" name="choices" value=${o.id} aria-invalid=${errors.choices ? 'true' : 'false'} />${o.label}</label
                      >`,
                  )}
                  ${errors.choices ? html`<p class="help invalid" id="choices-problem">${errors.choices}</p>` : nothing}
                </fieldset>`
          }
          ${nativeField(
            'slipNumber',
            t('paper.slip'),
            html`<input
              class="input"
              id="slipNumber"
              name="slipNumber"
              type="text"
              maxlength="40"
              required
              autocomplete="off"
              spellcheck="false"
              ${fieldProblem('slipNumber', errors.slipNumber)}
            />`,
            errors.slipNumber,
          )}
          <yishi-photo-picker
            legend=${t('paper.photo')}
            help=${t('paper.photoHelp')}
            max="1"
            .upload=${(file: Blob) => api.upload(proxyEndpoints.uploadPhoto, { params: { voteId: v.vote.id }, file, contentType: 'image/jpeg' })}
            .error=${errors.photoId ?? null}
            @yishi-photos-change=${() => this.write.clearField('photoId')}
          ></yishi-photo-picker>
          ${this.write.error && !this.reviewing ? html`<p class="form-error" role="alert">${this.write.error}</p>` : nothing}
          <div>
            <button type="submit" class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>
              ${t('paper.submit')}
            </button>
          </div>
        </fieldset>
        ${this.saved ? html`<p role="status"><strong>${this.saved}</strong></p>` : nothing}
      </form>`;
  }

  /** A field of the entry form edited: its problem, if it had one, goes (the others' stay until the next try). */
  private edited(event: Event): void {
    const name = (event.target as HTMLInputElement).name;
    if (name === 'unitId') {
      this.write.clearField('unitId');
      this.write.clearField('personId');
    } else if (name === 'choices' || name === 'slipNumber') this.write.clearField(name);
  }

  private renderPending(e: PaperEntry, open: boolean) {
    return html`<li class="card entry">
      <p><strong>${e.voterLabel}</strong></p>
      <img src=${e.photo.url} alt=${t('paper.photoAlt', { unit: e.voterLabel, slip: e.slipNumber })} width=${e.photo.width} height=${e.photo.height} />
      <p>${t('paper.line', { slip: e.slipNumber, choices: e.choiceLabels.join('、'), by: e.enteredBy })}</p>
      ${
        e.enteredByMe
          ? html`<p class="muted">${t('paper.mine')}</p>`
          : html`<div class="actions">
              ${open ? html`<button type="button" class="button primary" @click=${() => this.start(e, 'confirm')}>${t('paper.confirm')}</button>` : nothing}
              <button type="button" class="button" @click=${() => this.start(e, 'reject')}>${t('paper.reject')}</button>
            </div>`
      }
    </li>`;
  }

  private renderDialog() {
    const r = this.reviewing;
    const e = r?.entry;
    const reject = r?.action === 'reject';
    const title = e ? t(reject ? 'paper.rejectTitle' : 'paper.confirmTitle', { unit: e.voterLabel }) : '';
    const reasonError = this.write.fieldErrors.reason;
    return html`<dialog class="dialog" id="paper-dialog" aria-labelledby="paper-dialog-title" @close=${() => (this.reviewing = null)}>
      <form method="dialog" novalidate @submit=${(ev: Event) => this.review(ev)}>
        <h2 id="paper-dialog-title">${title}</h2>
        ${
          e && r
            ? reject
              ? html`${nativeField(
                    'reason',
                    t('paper.reason'),
                    html`<textarea
                      class="input"
                      id="reason"
                      name="reason"
                      rows="3"
                      maxlength="200"
                      required
                      @input=${() => this.write.clearField('reason')}
                      ${fieldProblem('reason', reasonError)}
                    ></textarea>`,
                    reasonError,
                  )}
                  <p>${t('paper.rejectWarn')}</p>`
              : html`<p><strong>${t('paper.confirmWarn', { choices: e.choiceLabels.join('、'), slip: e.slipNumber })}</strong></p>`
            : nothing
        }
        ${this.write.error && r ? html`<p class="form-error" role="alert">${this.write.error}</p>` : nothing}
        <div class="actions">
          <button type="button" class="button" @click=${() => (this.reviewing = null)}>${t('paper.cancel')}</button>
          <button type="submit" class="button ${reject ? 'danger' : 'primary'}" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>
            ${reject ? t('paper.reject') : t('paper.confirm')}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  protected override updated(): void {
    syncModal(this.renderRoot, 'paper-dialog', this.reviewing !== null);
  }

  private start(entry: PaperEntry, action: Reviewing['action']) {
    this.write.clear();
    this.reviewing = { entry, action };
  }

  /** Moves the focus to the first field a refusal is about (the photo picker's button for the photo). */
  private async focusFirst(fields: readonly Field[]): Promise<void> {
    const first = fields.find((f) => this.write.fieldErrors[f]);
    if (!first) return;
    if (first !== 'photoId') return focusControl(this, first === 'personId' ? 'unitId' : first);
    await this.updateComplete;
    this.renderRoot.querySelector<PhotoPicker>('yishi-photo-picker')?.shadowRoot?.querySelector<HTMLInputElement>('input[type=file]')?.focus();
  }

  private async enter(e: Event, v: VoteView) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const choices = [...form.querySelectorAll<HTMLInputElement>('input[name=choices]:checked')].map((c) => c.value);
    const slip = form.querySelector<HTMLInputElement>('input[name=slipNumber]');
    const picker = form.querySelector<PhotoPicker>('yishi-photo-picker');
    // What the select shows is what is sent (a unit chosen, then typed away or just voted, is no longer shown).
    const unit = chosenUnit(form, 'unitId');
    const voter = v.vote.electorateKind === 'residents' ? { personId: unit } : { unitId: unit };
    this.saved = '';
    const entered = await this.write.run(
      () =>
        api.call(voteEndpoints.enterPaperBallot, {
          params: { voteId: v.vote.id },
          body: { ...voter, choices, slipNumber: slip?.value.trim() ?? '', photoId: picker?.ids[0] ?? '' },
        }),
      {
        fields: ENTRY_FIELDS,
        fieldOfCode: { paper_slip_required: 'slipNumber', paper_photo_required: 'photoId' },
        errorAs: 'inline',
      },
    );
    if (!entered) {
      void this.focusFirst(ENTRY_FIELDS);
      return;
    }
    this.saved = t('paper.entered', { unit: entered.voterLabel });
    this.unit = '';
    this.search = '';
    // The next slip starts blank: its choice too, never one left from the last slip.
    form.reset();
    picker?.clear();
    await this.load.reload({ quiet: true });
  }

  /** The dialog's form sent (its button, or Enter): the review, the dialog kept open until it is done. */
  private async review(event: Event) {
    event.preventDefault();
    const r = this.reviewing;
    if (!r) return;
    const params = { voteId: this.view?.vote.id ?? '', entryId: r.entry.id };
    let message: string | undefined;
    if (r.action === 'confirm') {
      const receipt = await this.write.run(() => api.call(proxyEndpoints.confirmPaper, { params }), { errorAs: 'inline' });
      if (receipt) message = t('paper.confirmed', { code: receipt.receiptCode });
    } else {
      const reason = this.renderRoot.querySelector<HTMLTextAreaElement>('#paper-dialog textarea[name=reason]')?.value.trim() ?? '';
      const ok = await this.write.run(() => api.call(proxyEndpoints.rejectPaper, { params, body: { reason } }), { fields: ['reason'], errorAs: 'inline' });
      if (ok) message = t('paper.rejected');
      else void this.focusFirst(['reason']);
    }
    if (!message) return;
    this.reviewing = null;
    this.saved = message;
    await this.load.reload({ quiet: true });
    this.dispatchEvent(new CustomEvent('paper-changed', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-paper-ballots-panel': PaperBallotsPanel;
  }
}

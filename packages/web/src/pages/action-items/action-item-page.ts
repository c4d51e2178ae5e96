/**
 * One action item. Staff see the whole record and the next step: dated progress (public), resolving
 * with evidence (confirmed first, as it goes to the station: resolve-confirm.ts), changing the triage
 * colour, and the numbered sign-off behind a confirmation dialog (the number appears once the ledger
 * has it). The sign-off is another person's check of the work: whoever reported the item resolved is
 * told who signs it off instead of being offered it. The resident who raised it — or any
 * owner/resident for items from meetings — rates the outcome here, on choices as large as a tap
 * target; residents get the staff words (绿色, 已办结待销号 …) explained. The resident's photos are
 * shown to staff and to the resident, and to everyone when the resident agreed to show them on the
 * board.
 * Everything on it is native (no Shoelace): staff and residents alike open it on a phone.
 */
import {
  CONCERN_PHOTO_MAX_COUNT,
  EVIDENCE_PHOTO_MAX_COUNT,
  RATINGS,
  SIGN_OFF_ROLES,
  TRIAGE_LEVELS,
  actionItemEndpoints,
  type ActionItemDetail,
  type ActionItemStaffView,
} from '@yishi/core';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { FieldErrors } from '../../api/field-errors.js';
import { notify } from '../../app/notify.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { syncModal } from '../../components/common/modal.js';
import { choiceField } from '../../components/forms/choice-field.js';
import { focusControl } from '../../components/forms/form-errors.js';
import { textareaField } from '../../components/forms/form-field.js';
import {
  explainedWords,
  labelled,
  missingFields,
  overdueBadge,
  ratingLabel,
  statusBadge,
  triageBadge,
  triageLabel,
} from '../../components/action-items/action-item-badges.js';
import '../../components/action-items/photo-picker.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { OnlineController } from '../../offline/online-controller.js';
import { currentMe, rolesAt } from '../../state/session.js';
import { actionItemPageStyles } from './action-item-page-styles.js';
import { evidencePhotos, renderFacts, renderResidentPhotos, renderResponse, renderUpdate } from './action-item-record.js';
import { RESOLVE_DIALOG, renderResolveDialog, type PendingResolution } from './resolve-confirm.js';

/** Every field of the step forms (a page shows the forms of one status at a time). */
const FIELDS = ['text', 'evidence', 'photos', 'to', 'reason', 'resolution', 'rating', 'comment'] as const;
type Field = (typeof FIELDS)[number];
type Values = Partial<Record<Field | 'onSite', string>>;

@customElement('yishi-action-item-page')
export class ActionItemPage extends YishiElement {
  static override styles = [YishiElement.styles, ...actionItemPageStyles];

  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private confirming = false;
  /** The resolution waiting for its confirmation in the dialog. */
  @state() private resolving: PendingResolution | null = null;
  @state() private justSigned: string | null = null;
  /** Photos still being sent by a step form's photo picker: its submit waits. */
  @state() private photosBusy = false;
  @state() private errors: FieldErrors<Field> = {};
  private pendingResolution = '';
  private readonly write = new WriteController<Field>(this);
  /** A sign-off needs the server's answer (its number): offline its buttons are disabled, with words (issue 19). */
  private readonly connection = new OnlineController(this);
  private readonly item = new LoadController(
    this,
    (signal) => api.call(actionItemEndpoints.get, { params: { itemId: this.itemId }, signal }),
    () => [this.itemId],
  );

  private get itemId(): string {
    return this.params.itemId ?? '';
  }

  override render() {
    return renderLoad(this.item, (item) => this.renderItem(item));
  }

  private renderItem(item: ActionItemDetail) {
    const staff = item.view === 'staff';
    const updates = item.view === 'staff' ? item.updates : item.progress;
    return html`<h1>${item.title}</h1>
      <div class="badges ${item.overdue ? 'is-overdue' : ''}">
        ${triageBadge(item.triage)} ${statusBadge(item.status)} ${overdueBadge(item.overdue)}
        ${item.signOffNumber ? html`<span class="badge number" data-sign-off-number>${item.signOffNumber}</span>` : nothing}
      </div>
      ${item.view === 'resident' ? explainedWords(item) : nothing}
      ${this.justSigned ? html`<div class="alert success"><p role="status" class="signed">${t('ai.signedOff', { number: this.justSigned })}</p></div>` : nothing}
      ${item.suggestedTriage && staff ? html`<div class="alert warning"><p>${t('ai.suggestEscalate', { level: triageLabel(item.suggestedTriage) })}</p></div>` : nothing}
      ${renderFacts(item)} ${renderResidentPhotos(item)} ${renderResponse(item)}
      <h2>${t('ai.progress')}</h2>
      ${
        updates.length === 0
          ? html`<p class="muted">${t('ai.noProgress')}</p>`
          : html`<ol class="timeline">
              ${updates.map((u) => renderUpdate(u))}
            </ol>`
      }
      <h2>${t('ai.ratings')}</h2>
      <p>${t('ai.ratingCounts', { s: item.ratingSummary.satisfied, b: item.ratingSummary.basically_satisfied, d: item.ratingSummary.dissatisfied })}</p>
      ${item.view === 'staff' ? this.renderStaffSteps(item) : this.renderRating(item)}`;
  }

  /** A step form's text: its problem under it, gone once it is edited. */
  private textarea(name: Field, label: string, rows: number, maxlength: number, hint?: string) {
    return textareaField({ name, label, rows, maxlength, hint, error: this.errors[name], onInput: () => this.forget(name) });
  }

  /** Focus on the first field with a problem, so a screen reader reads it with its words; whether there was one. */
  private focusFirstProblem(): boolean {
    const first = FIELDS.find((field) => this.errors[field]);
    if (first) void focusControl(this, first);
    return first !== undefined;
  }

  private forget(name: Field): void {
    if (this.errors[name]) this.errors = { ...this.errors, [name]: undefined };
  }

  /** A step's button: busy while its step is sent. */
  private submit(label: string, options: { primary?: boolean; disabled?: boolean } = {}) {
    return html`<button
      type="submit"
      class="button ${options.primary ? 'primary' : ''}"
      ?disabled=${this.write.busy || options.disabled === true}
      aria-busy=${this.write.busy ? 'true' : 'false'}
    >
      ${label}
    </button>`;
  }

  protected override updated(): void {
    syncModal(this.renderRoot, 'sign-off-dialog', this.confirming);
    syncModal(this.renderRoot, RESOLVE_DIALOG, this.resolving !== null);
  }

  private renderStaffSteps(item: Extract<ActionItemDetail, { view: 'staff' }>) {
    // Whoever reported it resolved does not check their own work (the server refuses: sign_off_by_resolver).
    const maySign = !item.resolvedByMe && rolesAt(item.compoundId).some((r) => SIGN_OFF_ROLES.includes(r));
    if (item.status === 'signed_off') return nothing;
    if (item.status === 'resolved') {
      return html`<h2>${t('ai.signOffHeading')}</h2>
        <section class="card">
          ${item.evidence ? html`<p>${labelled(html`<strong>${t('ai.evidence')}</strong>`, item.evidence)}</p>` : nothing}
          ${evidencePhotos(item.evidencePhotos)}
          ${item.resolvedByMe ? html`<p role="status" data-awaiting-check><strong>${t('ai.awaitingCheck')}</strong> ${t('ai.awaitingCheckWho')}</p>` : nothing}
          ${
            maySign
              ? html`<form class="fields" @submit=${(e: Event) => this.askSignOff(e)} novalidate>
                    ${this.textarea('resolution', t('ai.resolution'), 3, 2000)}
                    <div>
                      <button type="submit" class="button primary" ?disabled=${!this.connection.online}>${t('ai.signOff')}</button>
                    </div>
                    ${this.connection.online ? nothing : html`<p class="muted offline-sign-off" role="status">${t('ai.signOffOffline')}</p>`}
                  </form>
                  <dialog class="dialog" id="sign-off-dialog" aria-labelledby="sign-off-title" @close=${() => (this.confirming = false)}>
                    <h2 id="sign-off-title">${t('ai.signOffConfirmTitle')}</h2>
                    <p>${t('ai.signOffConfirm', { name: currentMe()?.displayName ?? '' })}</p>
                    <div class="actions">
                      <button type="button" class="button" @click=${() => (this.confirming = false)}>${t('ai.cancel')}</button>
                      <button
                        type="button"
                        class="button primary"
                        ?disabled=${this.write.busy || !this.connection.online}
                        aria-busy=${this.write.busy ? 'true' : 'false'}
                        @click=${() => void this.signOff(item)}
                      >
                        ${t('ai.confirm')}
                      </button>
                    </div>
                  </dialog>
                  <form
                    class="fields"
                    @submit=${(e: Event) => this.step(e, ['reason'], (v) => api.call(actionItemEndpoints.return, { params: { itemId: item.id }, body: { reason: v.reason ?? '' } }))}
                    novalidate
                  >
                    ${this.textarea('reason', t('ai.returnReason'), 2, 1000)}
                    <div>${this.submit(t('ai.returnItem'), { disabled: !this.connection.online })}</div>
                  </form>`
              : nothing
          }
        </section>`;
    }
    const otherLevels = TRIAGE_LEVELS.filter((l) => l !== item.triage);
    return html`<h2>${t('ai.addProgress')}</h2>
      <form
        class="card fields"
        @submit=${(e: Event) =>
          this.step(e, ['text'], (v, form) =>
            api.call(actionItemEndpoints.progress, {
              params: { itemId: item.id },
              body: { text: v.text ?? '', onSite: v.onSite === 'on', photos: this.photoIds(form) },
            }),
          )}
        novalidate
      >
        ${this.textarea('text', t('ai.progressText'), 2, 2000, t('ai.textPublic'))}
        ${item.urgency ? html`<label class="check"><input type="checkbox" name="onSite" value="on" />${t('ai.onSite')}</label>` : nothing}
        ${this.photoPicker(item.id, CONCERN_PHOTO_MAX_COUNT)}
        <div>${this.submit(t('ai.save'), { disabled: this.photosBusy })}</div>
      </form>
      <h2>${t('ai.resolve')}</h2>
      <form class="card fields" @submit=${(e: Event) => this.askResolve(e)} novalidate>
        ${this.textarea('evidence', t('ai.evidence'), 3, 4000, t('ai.textPublic'))} ${this.photoPicker(item.id, EVIDENCE_PHOTO_MAX_COUNT)}
        <div>${this.submit(t('ai.resolve'), { primary: true, disabled: this.photosBusy })}</div>
      </form>
      ${renderResolveDialog(this.resolving, { busy: this.write.busy, cancel: () => (this.resolving = null), confirm: () => void this.resolve(item) })}
      <h2>${t('ai.triageChange')}</h2>
      <form
        class="card fields"
        @submit=${(e: Event) =>
          this.step(e, ['to', 'reason'], (v) =>
            api.call(actionItemEndpoints.triage, {
              params: { itemId: item.id },
              body: { to: TRIAGE_LEVELS.find((l) => l === v.to) ?? item.triage, reason: v.reason ?? '' },
            }),
          )}
        novalidate
      >
        ${choiceField({
          name: 'to',
          legend: t('ai.triageTo'),
          choices: otherLevels.map((l) => ({ value: l, label: triageLabel(l) })),
          initial: otherLevels[0],
          error: this.errors.to,
        })}
        ${this.textarea('reason', t('ai.triageReason'), 2, 500)}
        <div>${this.submit(t('ai.save'))}</div>
      </form>`;
  }

  private renderRating(item: Extract<ActionItemDetail, { view: 'resident' }>) {
    if (item.status !== 'signed_off') return nothing;
    if (item.myRating) return html`<p role="status">${t('ai.rated', { rating: ratingLabel(item.myRating.rating) })}</p>`;
    return html`<h2>${t('ai.rate')}</h2>
      <form class="card fields" @submit=${(e: Event) => this.rate(e, item.id)} novalidate>
        <p>${t('ai.rateIntro')}</p>
        ${choiceField({
          name: 'rating',
          legend: t('ai.yourRating'),
          choices: RATINGS.map((r) => ({ value: r, label: ratingLabel(r) })),
          error: this.errors.rating,
          onChange: () => this.forget('rating'),
        })}
        ${this.textarea('comment', t('ai.rateComment'), 2, 500)}
        <button type="submit" class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>${t('ai.rateSubmit')}</button>
      </form>`;
  }

  /** The values of a step form's controls by name (a checkbox 'on' when ticked, a radio group its choice). */
  private values(form: HTMLFormElement): Values {
    const out: Record<string, string> = {};
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') out[name] = value;
    return out;
  }

  /** Checks the required fields, sends the step, then shows the item as it is now. */
  private async step<T>(
    event: Event,
    required: readonly Field[],
    send: (values: Values, form: HTMLFormElement) => Promise<T>,
    success: string | null = t('ai.saved'),
  ): Promise<T | undefined> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values = this.checked(form, required);
    return values && this.send(form, () => send(values, form), success);
  }

  /** A step form's values when its required fields are filled in; otherwise their problems are said and the first is focused. */
  private checked(form: HTMLFormElement, required: readonly Field[]): Values | undefined {
    const values = this.values(form);
    const missing = missingFields(values, required);
    // A choice not made is said as one.
    this.errors = missing.rating ? { ...missing, rating: t('ai.ratingRequired') } : missing;
    return this.focusFirstProblem() ? undefined : values;
  }

  /** Sends a step, then shows the item as it is now (or the problems under the fields). */
  private async send<T>(form: HTMLFormElement, request: () => Promise<T>, success: string | null = t('ai.saved')): Promise<T | undefined> {
    const result = await this.write.run(request, { success: success ?? undefined, fields: FIELDS });
    // Answered: a confirmation still open closes, so that a problem under a field can take the focus.
    this.resolving = null;
    this.errors = this.write.fieldErrors;
    if (result === undefined) {
      await this.showAgainIfResolvedByMe();
      this.focusFirstProblem();
      return undefined;
    }
    form.querySelector('yishi-photo-picker')?.clear();
    form.reset();
    await this.item.refresh();
    return result;
  }

  /**
   * A page from before this person resolved the item (another tab, a second phone) was refused its sign-off or
   * send-back: shown again, it says who checks the item instead of offering either.
   */
  private async showAgainIfResolvedByMe(): Promise<void> {
    if (this.write.code === 'sign_off_by_resolver' || this.write.code === 'return_by_resolver') await this.item.refresh();
  }

  private async rate(event: Event, itemId: string): Promise<void> {
    const rated = await this.step(
      event,
      ['rating'],
      (v) =>
        api.call(actionItemEndpoints.rate, {
          params: { itemId },
          body: { rating: RATINGS.find((r) => r === v.rating) ?? 'satisfied', comment: v.comment ?? '' },
        }),
      null,
    );
    // The words depend on the answer: a dissatisfied rating in time sends the item back to work.
    if (rated) notify(rated.reopened ? t('ai.ratedReopened') : t('ai.saved'), 'success');
  }

  /** Staff's photos of the work: made small on the phone and uploaded as chosen, sent with the step by id. */
  private photoPicker(itemId: string, max: number) {
    return html`<yishi-photo-picker
      legend=${t('ai.photos', { max })}
      help=${t('ai.photosHelp')}
      max=${max}
      limitMessage=${t('ai.photoLimit', { max })}
      .upload=${(file: Blob) => api.upload(actionItemEndpoints.uploadEvidencePhoto, { params: { itemId }, file, contentType: 'image/jpeg' })}
      .error=${this.errors.photos ?? null}
      @yishi-photos-change=${(ev: CustomEvent<{ busy: boolean }>) => (this.photosBusy = ev.detail.busy)}
    ></yishi-photo-picker>`;
  }

  /** The ids of the photos chosen in a step form. */
  private photoIds(form: HTMLFormElement): string[] {
    return form.querySelector('yishi-photo-picker')?.ids ?? [];
  }

  /** The resolution as it will be sent, in the confirmation dialog first. */
  private askResolve(e: Event): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const values = this.checked(form, ['evidence']);
    const picker = form.querySelector('yishi-photo-picker');
    if (values) this.resolving = { form, evidence: values.evidence?.trim() ?? '', photoIds: picker?.ids ?? [], previews: picker?.previews ?? [] };
  }

  private async resolve(item: ActionItemStaffView): Promise<void> {
    const pending = this.resolving;
    if (!pending) return;
    const body = { evidence: pending.evidence, photos: pending.photoIds };
    await this.send(pending.form, () => api.call(actionItemEndpoints.resolve, { params: { itemId: item.id }, body }));
  }

  /** The sign-off's resolution checked, then confirmed in its dialog. */
  private askSignOff(e: Event): void {
    e.preventDefault();
    const values = this.values(e.target as HTMLFormElement);
    this.errors = missingFields(values, ['resolution']);
    if (this.focusFirstProblem()) return;
    this.pendingResolution = values.resolution?.trim() ?? '';
    this.confirming = true;
  }

  private async signOff(item: ActionItemStaffView): Promise<void> {
    const signed = await this.write.run(
      () => api.call(actionItemEndpoints.signOff, { params: { itemId: item.id }, body: { resolution: this.pendingResolution } }),
      {
        fields: FIELDS,
      },
    );
    this.errors = this.write.fieldErrors;
    // Answered either way, the dialog closes: a refusal's words (a toast, a problem under the field) are not behind it.
    this.confirming = false;
    if (!signed) return this.showAgainIfResolvedByMe();
    this.justSigned = signed.signOffNumber;
    await this.item.refresh();
  }
}

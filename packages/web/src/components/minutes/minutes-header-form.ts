/**
 * The secretary corrects the draft's heading before publication: who recorded the minutes (the
 * draft's generator until then), the issuing body (落款), the convener as printed and the place. A
 * button opens the four fields; saving answers the minutes as they are afterwards, which the page
 * shows (event `minutes-changed`). Regenerating the draft keeps them; after publication the versions
 * stay as published and the next correction carries the heading.
 */
import { minutesEndpoints, type MinutesHeader, type MinutesHeaderFields, type StaffMinutes } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { focusFirstProblem, renderFormError } from '../accounts/account-form.js';
import { YishiElement } from '../base/yishi-element.js';
import { textField } from '../forms/text-field.js';

type Field = keyof MinutesHeaderFields;
const FIELDS: readonly Field[] = ['recorder', 'issuer', 'convener', 'place'];
const MAX: Record<Field, number> = { recorder: 40, issuer: 80, convener: 80, place: 120 };
const LABEL = {
  recorder: 'minutes.header.recorder',
  issuer: 'minutes.header.issuer',
  convener: 'minutes.header.convener',
  place: 'minutes.header.place',
} as const;

@customElement('yishi-minutes-header-form')
export class MinutesHeaderForm extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    css`
      :host {
        display: block;
        margin: 1rem 0;
      }
      form {
        max-width: 36rem;
      }
      form {
        display: grid;
        gap: 0.75rem;
        padding: 0.75rem;
        border: 1px solid var(--yishi-border);
        border-radius: 0.5rem;
        background: var(--yishi-surface, #fff);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) header!: MinutesHeader;
  @property({ attribute: 'meeting-id' }) meetingId = '';
  @property({ type: Boolean }) online = true;
  /** Published already: the versions stay as they are, and a correction carries the heading. */
  @property({ type: Boolean }) published = false;
  @state() private open = false;
  @state() private values: MinutesHeaderFields = { recorder: '', issuer: '', convener: '', place: '' };
  private readonly write = new WriteController<Field>(this);

  /** Open with changes not saved yet (the page's publish dialog says so). */
  get unsaved(): boolean {
    return this.open && FIELDS.some((name) => this.values[name].trim() !== this.header[name]);
  }

  override render() {
    if (!this.open) {
      return html`<button type="button" class="button" ?disabled=${!this.online} @click=${() => this.start()}>${t('minutes.editHeader')}</button>`;
    }
    return html`<form @submit=${(e: Event) => this.save(e)} aria-labelledby="header-form-title" novalidate>
      <strong id="header-form-title">${t('minutes.editHeader')}</strong>
      <p class="muted">${t(this.published ? 'minutes.editHeaderHelpPublished' : 'minutes.editHeaderHelp')}</p>
      ${FIELDS.map((name) =>
        textField({
          name,
          label: t(LABEL[name]),
          value: this.values[name],
          maxlength: MAX[name],
          error: this.write.fieldErrors[name],
          onInput: (value) => (this.values = { ...this.values, [name]: value }),
        }),
      )}
      ${renderFormError(this.write.error)}
      <div class="actions">
        <button type="submit" class="button primary" ?disabled=${this.write.busy || !this.online} aria-busy=${this.write.busy ? 'true' : 'false'}>
          ${t('minutes.saveHeader')}
        </button>
        <button type="button" class="button" ?disabled=${this.write.busy} @click=${() => this.cancel()}>${t('minutes.cancel')}</button>
      </div>
      ${this.online ? nothing : html`<p class="muted" role="status">${t('minutes.publishOffline')}</p>`}
    </form>`;
  }

  private async start(): Promise<void> {
    const { recorder, issuer, convener, place } = this.header;
    this.values = { recorder, issuer, convener, place };
    this.write.clear();
    this.open = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#recorder')?.focus();
  }

  private async cancel(): Promise<void> {
    this.open = false;
    this.write.clear();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('button')?.focus();
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    const result = await this.write.run(() => api.call(minutesEndpoints.saveHeader, { params: { meetingId: this.meetingId }, body: this.values }), {
      success: t('minutes.headerSaved'),
      fields: FIELDS,
      errorAs: 'inline',
    });
    if (!result) {
      focusFirstProblem(this, this.write, FIELDS);
      return;
    }
    this.open = false;
    this.dispatchEvent(new CustomEvent<StaffMinutes>('minutes-changed', { detail: result, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-minutes-header-form': MinutesHeaderForm;
  }
}

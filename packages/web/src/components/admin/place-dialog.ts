/**
 * The dialog of the communities and compounds page (pages/admin/places-page.ts) that adds a compound
 * to a community (name, the code sign-off numbers carry, and where its notice board hangs), changes
 * a compound's name or notice board, or renames a community. The page opens it with `show()`; the
 * form is checked with the core schemas before sending, and the server's words are shown under the
 * field they are about. Once saved it closes and fires `yishi-place-saved` for the page to reload
 * its tree.
 */
import { communityInputSchema, compoundInputSchema, compoundPatchSchema, placeEndpoints, type PlacesTree } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { api } from '../../api/client.js';
import type { FieldErrors } from '../../api/field-errors.js';
import { schemaFieldErrors } from '../../api/schema-field-errors.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { renderFormError } from '../accounts/account-form.js';
import { YishiElement } from '../base/yishi-element.js';
import { syncModal } from '../common/modal.js';
import { focusControl } from '../forms/form-errors.js';
import { fieldProblem, nativeField } from '../forms/native-field.js';

type Community = PlacesTree['subdistricts'][number]['communities'][number];
type Compound = Community['compounds'][number];

/** What the dialog is open for. */
export type PlaceEditing =
  | { kind: 'add-compound'; community: Community }
  | { kind: 'edit-compound'; community: Community; compound: Compound }
  | { kind: 'rename-community'; community: Community };

/** The server's codes that are about one field of the dialog. */
const FIELD_OF_CODE: Partial<Record<string, 'name' | 'code' | 'address'>> = { compound_code_taken: 'code', place_name_taken: 'name' };
/** The dialog's fields in the order they are shown (the focus goes to the first refused). */
const FIELDS = ['name', 'code', 'address'] as const;

@customElement('yishi-place-dialog')
export class PlaceDialog extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    css`
      .code-fixed {
        margin: 0;
      }
      .dialog form.fields {
        max-width: none;
      }
    `,
  ];

  @state() private editing: PlaceEditing | null = null;
  @state() private dialogOpen = false;
  @state() private errors: FieldErrors = {};
  private formKey = 0;
  private readonly write = new WriteController<'name' | 'code' | 'address'>(this);

  /** Opens the dialog for `editing`, on a fresh form: what was typed into the previous one must not linger. */
  show(editing: PlaceEditing): void {
    this.editing = editing;
    this.errors = {};
    this.formKey++;
    this.dialogOpen = true;
  }

  private close(): void {
    this.dialogOpen = false;
  }

  override render() {
    const e = this.editing;
    if (!e) return nothing;
    const title =
      e.kind === 'add-compound'
        ? t('admin.places.addCompoundTitle', { community: e.community.name })
        : e.kind === 'edit-compound'
          ? t('admin.places.editCompoundTitle', { name: e.compound.name })
          : t('admin.places.renameCommunityTitle', { name: e.community.name });
    return html`<dialog class="dialog" id="place-dialog" aria-labelledby="place-dialog-title" @close=${() => (this.dialogOpen = false)}>
      <h2 id="place-dialog-title">${title}</h2>
      ${keyed(
        this.formKey,
        // A tap beside the dialog does not close it (what was typed stays); Esc or 取消 does.
        html`<form class="fields" @submit=${this.submit} @input=${this.edited} novalidate>
          ${e.kind === 'rename-community' ? this.field('name', t('admin.places.communityName'), e.community.name) : nothing}
          ${
            e.kind === 'add-compound'
              ? html`${this.field('name', t('admin.places.compoundName'), '', t('admin.places.compoundNamePlaceholder'))}
                ${this.field('code', t('admin.places.codeLabel'), '', 'DSCT', t('admin.places.codeHint'))}
                ${this.field('address', t('admin.places.addressLabel'), '', t('admin.places.addressPlaceholder'), t('admin.places.addressHint'))}`
              : nothing
          }
          ${
            e.kind === 'edit-compound'
              ? html`${this.field('name', t('admin.places.compoundName'), e.compound.name)}
                  <p class="code-fixed muted">${t('admin.places.codeFixed', { code: e.compound.code })}</p>
                  ${this.field('address', t('admin.places.addressLabel'), e.compound.address, '', t('admin.places.addressHint'))}`
              : nothing
          }
          ${renderFormError(this.errors[''] ?? null)}
          <div class="actions">
            <button type="button" class="button" @click=${this.close}>${t('admin.cancel')}</button>
            <button type="submit" class="button primary save" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>
              ${e.kind === 'add-compound' ? t('admin.places.addCompoundButton') : t('admin.save')}
            </button>
          </div>
        </form>`,
      )}
    </dialog>`;
  }

  protected override updated(): void {
    syncModal(this.renderRoot, 'place-dialog', this.dialogOpen);
  }

  private field(name: 'name' | 'code' | 'address', label: string, value: string, placeholder = '', hint = '') {
    const error = this.errors[name];
    const code = name === 'code';
    const id = `place-${name}`;
    return nativeField(
      id,
      label,
      html`<input
        class="input"
        id=${id}
        name=${name}
        value=${value}
        placeholder=${placeholder}
        maxlength=${code ? 12 : name === 'address' ? 120 : 40}
        autocomplete="off"
        autocapitalize=${code ? 'characters' : 'off'}
        spellcheck="false"
        @input=${code ? (ev: Event) => this.upperCase(ev) : nothing}
        ${fieldProblem(id, error, hint || undefined)}
      />`,
      error,
      hint || undefined,
    );
  }

  /** A field edited: its problem, if it had one, goes (the others' stay until the next try). */
  private edited(event: Event): void {
    const name = (event.target as HTMLInputElement).name;
    if (!this.errors[name]) return;
    const { [name]: _gone, ...rest } = this.errors;
    this.errors = rest;
  }

  /** Shows the problems, and moves the focus to the first field refused (its problem is read with it). */
  private refuse(errors: FieldErrors): void {
    this.errors = errors;
    const first = FIELDS.find((field) => errors[field]);
    if (first) void focusControl(this, first);
  }

  private upperCase(event: Event): void {
    const input = event.target as HTMLInputElement;
    const upper = input.value.toUpperCase();
    if (upper !== input.value) input.value = upper;
  }

  private value(name: string): string {
    return (this.renderRoot.querySelector<HTMLInputElement>(`#place-dialog input[name="${name}"]`)?.value ?? '').trim();
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const e = this.editing;
    if (!e || this.write.busy) return;
    let request: () => Promise<unknown>;
    let done: string;
    if (e.kind === 'add-compound') {
      const parsed = compoundInputSchema.safeParse({ name: this.value('name'), code: this.value('code'), address: this.value('address') });
      if (!parsed.success) return this.refuse(schemaFieldErrors(parsed.error.issues));
      request = () => api.call(placeEndpoints.addCompound, { params: { communityId: e.community.id }, body: parsed.data });
      done = t('admin.places.compoundAdded', { name: parsed.data.name, code: parsed.data.code });
    } else if (e.kind === 'edit-compound') {
      const name = this.value('name');
      const address = this.value('address');
      const patch = { ...(name !== e.compound.name ? { name } : {}), ...(address !== e.compound.address ? { address } : {}) };
      if (Object.keys(patch).length === 0) return this.close();
      const parsed = compoundPatchSchema.safeParse(patch);
      if (!parsed.success) return this.refuse(schemaFieldErrors(parsed.error.issues));
      request = () => api.call(placeEndpoints.changeCompound, { params: { compoundId: e.compound.id }, body: parsed.data });
      done = t('admin.places.compoundSaved', { name: name || e.compound.name });
    } else {
      const parsed = communityInputSchema.safeParse({ name: this.value('name') });
      if (!parsed.success) return this.refuse(schemaFieldErrors(parsed.error.issues));
      if (parsed.data.name === e.community.name) return this.close();
      request = () => api.call(placeEndpoints.renameCommunity, { params: { communityId: e.community.id }, body: parsed.data });
      done = t('admin.places.communityRenamed', { name: parsed.data.name });
    }
    const saved = await this.write.run(request, { success: done, fields: ['name', 'code', 'address'], fieldOfCode: FIELD_OF_CODE, errorAs: 'inline' });
    if (saved === undefined) {
      this.refuse({ ...this.write.fieldErrors, ...(this.write.error ? { '': this.write.error } : {}) });
      return;
    }
    this.close();
    this.dispatchEvent(new CustomEvent('yishi-place-saved', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-place-dialog': PlaceDialog;
  }
}

/**
 * Communities and compounds (社区和小区), where an administrator builds the subdistrict from an empty
 * installation: add a community, add a compound to it (name, the code sign-off numbers carry, and
 * where its notice board hangs), rename either or move the notice board. Each compound links to the
 * pages that come next: its overview, roster import, account activation and public notice board.
 * What may be edited follows the API's `mayEdit` flags; forms are checked with the core schemas
 * before sending, and the server's words are shown under the field they are about.
 */
import { communityInputSchema, compoundInputSchema, compoundPatchSchema, placeEndpoints, type PlacesTree } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { api } from '../../api/client.js';
import type { FieldErrors } from '../../api/field-errors.js';
import { schemaFieldErrors } from '../../api/schema-field-errors.js';
import { WriteController } from '../../controllers/write-controller.js';
import { renderLoad } from '../../components/common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { t } from '../../i18n.js';
import { loadMe } from '../../state/session.js';
import { renderFormError } from '../../components/accounts/account-form.js';
import { syncModal } from '../../components/common/modal.js';
import { focusControl } from '../../components/forms/form-errors.js';
import { fieldProblem, nativeField } from '../../components/forms/native-field.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { tagStyles } from '../../styles/tag-styles.js';

type Subdistrict = PlacesTree['subdistricts'][number];
type Community = Subdistrict['communities'][number];
type Compound = Community['compounds'][number];

type Editing =
  | { kind: 'add-compound'; community: Community }
  | { kind: 'edit-compound'; community: Community; compound: Compound }
  | { kind: 'rename-community'; community: Community };

/** The server's codes that are about one field of the dialog. */
const FIELD_OF_CODE: Partial<Record<string, 'name' | 'code' | 'address'>> = { compound_code_taken: 'code', place_name_taken: 'name' };
/** The dialog's fields in the order they are shown (the focus goes to the first refused). */
const FIELDS = ['name', 'code', 'address'] as const;

@customElement('yishi-places-page')
export class PlacesPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    tagStyles,
    css`
      .subdistrict h2 {
        margin-top: 1.25rem;
      }
      .community > header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        margin-bottom: 0.5rem;
      }
      .community h3 {
        margin: 0;
        font-size: 1.2rem;
      }
      ul.compounds {
        list-style: none;
        margin: 0 0 0.75rem;
        padding: 0;
      }
      .compound {
        padding: 0.75rem 0;
        border-top: 1px solid var(--yishi-border);
      }
      .compound h4 {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
        margin: 0 0 0.25rem;
        font-size: 1.1rem;
      }
      .compound .address {
        margin: 0 0 0.5rem;
      }
      .compound .links {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 6.5rem), 1fr));
        gap: 0 0.5rem;
        margin: 0 0 0.5rem;
      }
      .compound .links a {
        display: inline-flex;
        align-items: center;
        min-height: var(--yishi-tap);
        padding: 0 0.25rem;
      }
      .start {
        border-style: dashed;
      }
      .start ol {
        margin: 0.25rem 0 0;
        padding-left: 1.4rem;
      }
      .start li + li {
        margin-top: 0.25rem;
      }
      form.inline {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 0.5rem 0.75rem;
      }
      form.inline .field {
        flex: 1 1 14rem;
      }
      .code-fixed {
        margin: 0;
      }
      .dialog form.fields {
        max-width: none;
      }
    `,
  ];

  @state() private editing: Editing | null = null;
  @state() private dialogOpen = false;
  @state() private errors: FieldErrors = {};
  @state() private communityErrors: FieldErrors = {};
  private formKey = 0;
  private readonly tree = new LoadController(this, (signal) => api.call(placeEndpoints.tree, { signal }));
  private readonly write = new WriteController<'name' | 'code' | 'address'>(this);

  override render() {
    return html`<h1>${t('admin.places.heading')}</h1>
      <p class="lead">${t('admin.places.intro')}</p>
      ${renderLoad(this.tree, (tree) => this.renderTree(tree))} ${this.renderDialog()}`;
  }

  private renderTree(tree: PlacesTree) {
    if (tree.subdistricts.length === 0) return html`<p class="state state-empty">${t('admin.places.noAccess')}</p>`;
    return tree.subdistricts.map((s) => this.renderSubdistrict(s));
  }

  private renderSubdistrict(s: Subdistrict) {
    const fresh = s.communities.length === 0;
    return html`<section class="subdistrict" aria-labelledby=${`s-${s.id}`}>
      <h2 id=${`s-${s.id}`}>${s.name}</h2>
      ${fresh ? this.renderStart(s) : nothing} ${s.communities.map((c) => this.renderCommunity(s, c))}
      ${s.mayEdit ? this.renderAddCommunity(s, fresh) : nothing}
    </section>`;
  }

  /** The first screen of a fresh installation: what to do, in order. */
  private renderStart(s: Subdistrict) {
    return html`<div class="card start">
      <p><strong>${s.mayEdit ? t('admin.places.emptyTitle') : t('admin.places.emptyNoEdit')}</strong></p>
      ${
        s.mayEdit
          ? html`<ol>
              <li>${t('admin.places.emptyStep1')}</li>
              <li>${t('admin.places.emptyStep2')}</li>
              <li>${t('admin.places.emptyStep3')}</li>
            </ol>`
          : nothing
      }
    </div>`;
  }

  private renderAddCommunity(s: Subdistrict, first: boolean) {
    const error = this.communityErrors.name;
    return html`<section class="card" aria-labelledby=${`add-${s.id}`}>
      <h3 id=${`add-${s.id}`}>${first ? t('admin.places.addFirstCommunity') : t('admin.places.addCommunity')}</h3>
      <form class="inline" @submit=${(e: Event) => this.addCommunity(e, s)} novalidate>
        ${nativeField(
          `community-name-${s.id}`,
          t('admin.places.communityName'),
          html`<input
            class="input"
            id=${`community-name-${s.id}`}
            name="community-name"
            placeholder=${t('admin.places.communityPlaceholder')}
            maxlength="40"
            autocomplete="off"
            @input=${() => (this.communityErrors = {})}
            ${fieldProblem(`community-name-${s.id}`, error)}
          />`,
          error,
        )}
        <button type="submit" class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy && !this.dialogOpen ? 'true' : 'false'}>
          ${t('admin.places.addCommunityButton')}
        </button>
      </form>
    </section>`;
  }

  private renderCommunity(s: Subdistrict, c: Community) {
    return html`<section class="card community" aria-labelledby=${`c-${c.id}`}>
      <header>
        <h3 id=${`c-${c.id}`}>${c.name}</h3>
        ${
          s.mayEdit
            ? html`<button type="button" class="button rename" @click=${() => this.open({ kind: 'rename-community', community: c })}>
                ${t('admin.places.rename')}<span class="visually-hidden"> ${c.name}</span>
              </button>`
            : nothing
        }
      </header>
      ${
        c.compounds.length === 0
          ? html`<p class="muted">${t('admin.places.noCompounds')}</p>`
          : html`<ul class="compounds">
              ${c.compounds.map((k) => this.renderCompound(c, k))}
            </ul>`
      }
      ${
        c.mayEdit
          ? html`<button
              type="button"
              class="button add-compound ${c.compounds.length === 0 ? 'primary' : ''}"
              @click=${() => this.open({ kind: 'add-compound', community: c })}
            >
              ${t('admin.places.addCompound')}<span class="visually-hidden"> · ${c.name}</span>
            </button>`
          : nothing
      }
    </section>`;
  }

  private renderCompound(c: Community, k: Compound) {
    const id = encodeURIComponent(k.id);
    return html`<li class="compound" data-compound=${k.code}>
      <h4>${k.name} <span class="code-tag" title=${t('admin.places.codeLabel')}>${k.code}</span></h4>
      <p class="address muted">${t('admin.places.boardAt', { address: k.address })}</p>
      <nav class="links" aria-label=${t('admin.places.linksFor', { name: k.name })}>
        <a href=${`/compounds/${id}`}>${t('admin.places.linkOverview')}</a>
        <a href=${`/compounds/${id}/roster`}>${t('admin.places.linkRoster')}</a>
        <a href=${`/compounds/${id}/activation`}>${t('admin.places.linkActivation')}</a>
        <a href=${`/board/${id}`}>${t('admin.places.linkBoard')}</a>
      </nav>
      ${
        c.mayEdit
          ? html`<button type="button" class="button edit" @click=${() => this.open({ kind: 'edit-compound', community: c, compound: k })}>
              ${t('admin.places.editCompound')}<span class="visually-hidden"> ${k.name}</span>
            </button>`
          : nothing
      }
    </li>`;
  }

  private open(editing: Editing): void {
    this.editing = editing;
    this.errors = {};
    // A fresh form each time: what was typed into the previous dialog must not linger.
    this.formKey++;
    this.dialogOpen = true;
  }

  private close(): void {
    this.dialogOpen = false;
  }

  private renderDialog() {
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
        html`<form class="fields" @submit=${this.submitDialog} @input=${this.edited} novalidate>
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

  private async submitDialog(event: Event): Promise<void> {
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
    await this.refresh();
  }

  private async addCommunity(event: Event, s: Subdistrict): Promise<void> {
    event.preventDefault();
    if (this.write.busy) return;
    const input = (event.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name="community-name"]');
    const parsed = communityInputSchema.safeParse({ name: input?.value ?? '' });
    if (!parsed.success) {
      this.communityErrors = schemaFieldErrors(parsed.error.issues);
      return void focusControl(this, 'community-name');
    }
    this.communityErrors = {};
    const added = await this.write.run(() => api.call(placeEndpoints.addCommunity, { params: { subdistrictId: s.id }, body: parsed.data }), {
      success: t('admin.places.communityAdded', { name: parsed.data.name }),
      fields: ['name'],
      fieldOfCode: { place_name_taken: 'name' },
      errorAs: 'inline',
    });
    if (!added) {
      this.communityErrors = { name: this.write.fieldErrors.name ?? this.write.error ?? '' };
      return void focusControl(this, 'community-name');
    }
    if (input) input.value = '';
    await this.refresh();
  }

  /** The tree again, and my session (a new compound is one I now work in: the home page lists it). */
  private async refresh(): Promise<void> {
    await Promise.all([this.tree.reload(), loadMe({ force: true }).catch(() => null)]);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-places-page': PlacesPage;
  }
}

/**
 * Communities and compounds (社区和小区), where an administrator builds the subdistrict from an empty
 * installation: add a community, add a compound to it (name, the code sign-off numbers carry, and
 * where its notice board hangs), rename either or move the notice board. Each compound links to the
 * pages that come next: its overview, roster import, account activation and public notice board.
 * What may be edited follows the API's `mayEdit` flags; forms are checked with the core schemas
 * before sending, and the server's words are shown under the field they are about. Adding a
 * community is a form on the page; the rest is done in a dialog (components/admin/place-dialog.ts).
 */
import { communityInputSchema, placeEndpoints, type PlacesTree } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { FieldErrors } from '../../api/field-errors.js';
import { schemaFieldErrors } from '../../api/schema-field-errors.js';
import { WriteController } from '../../controllers/write-controller.js';
import { renderLoad } from '../../components/common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { t } from '../../i18n.js';
import { loadMe } from '../../state/session.js';
import '../../components/admin/place-dialog.js';
import type { PlaceDialog, PlaceEditing } from '../../components/admin/place-dialog.js';
import { focusControl } from '../../components/forms/form-errors.js';
import { fieldProblem, nativeField } from '../../components/forms/native-field.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { tagStyles } from '../../styles/tag-styles.js';

type Subdistrict = PlacesTree['subdistricts'][number];
type Community = Subdistrict['communities'][number];
type Compound = Community['compounds'][number];

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
    `,
  ];

  @state() private communityErrors: FieldErrors = {};
  @query('yishi-place-dialog') private dialog!: PlaceDialog;
  private readonly tree = new LoadController(this, (signal) => api.call(placeEndpoints.tree, { signal }));
  /** Adding a community; the dialog saves what it edits itself. */
  private readonly write = new WriteController<'name'>(this);

  override render() {
    return html`<h1>${t('admin.places.heading')}</h1>
      <p class="lead">${t('admin.places.intro')}</p>
      ${renderLoad(this.tree, (tree) => this.renderTree(tree))}
      <yishi-place-dialog @yishi-place-saved=${this.refresh}></yishi-place-dialog>`;
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
        <button type="submit" class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>
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

  private open(editing: PlaceEditing): void {
    this.dialog.show(editing);
  }

  /** The tree again, and my session (a new compound is one I now work in: the home page lists it). */
  private async refresh(): Promise<void> {
    await Promise.all([this.tree.refresh(), loadMe({ force: true }).catch(() => null)]);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-places-page': PlacesPage;
  }
}

/**
 * The households on the activation page, a page at a time (the households endpoint's keyset pages, more
 * as the end scrolls into view): every owner and resident can be found by building, by whether they
 * have an account, and by unit, name or phone — the server filters, so a 10,000-unit compound is never
 * loaded whole — and given a one-time code in person (activation, or a forgotten password), shown
 * large with its QR code.
 */
import './code-handover.js';
import { activationEndpoints, type ActivationHousehold, type ActivationHouseholds, type ActivationStatus, type Answer } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderMore } from '../common/load-more.js';
import { renderError, renderLoading } from '../common/load-state.js';
import { syncModal } from '../common/modal.js';
import { nativeField } from '../forms/native-field.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { tagStyles } from '../../styles/tag-styles.js';

type IssuedCode = Answer<typeof activationEndpoints.issueCode>;
type Show = 'all' | 'waiting' | 'activated';

/** A building as people say it: 1 → 1栋; a name ("银杏苑") as it is. */
export function buildingLabel(name: string): string {
  return /^\d+$/.test(name) ? t('admin.activation.buildingName', { name }) : name;
}

@customElement('yishi-activation-households')
export class ActivationHouseholdsList extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    tagStyles,
    css`
      .filters {
        display: grid;
        gap: 0.75rem;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr));
        margin-bottom: 0.75rem;
      }
      .filters .search {
        grid-column: 1 / -1;
      }
      ul.people {
        list-style: none;
        margin: 0 0 0.75rem;
        padding: 0;
        background: var(--yishi-surface);
        border: 1px solid var(--yishi-border);
        border-radius: var(--yishi-radius);
      }
      .person {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.75rem;
        padding: 0.6rem 0.75rem;
        border-top: 1px solid var(--yishi-border);
      }
      .person:first-child {
        border-top: 0;
      }
      .person .who {
        flex: 1 1 12rem;
        min-width: 0;
      }
      .person .who p {
        margin: 0;
      }
      .person .unit {
        font-weight: 600;
      }
      .code-kind {
        margin-top: 0;
      }
      .never {
        margin: 1rem 0 0;
      }
      .person .button {
        min-height: var(--yishi-tap);
        font-size: 1rem;
      }
    `,
  ];

  @property() compoundId = '';
  @property({ attribute: false }) buildings: ActivationStatus['buildings'] = [];
  @state() private query = '';
  @state() private show: Show = 'all';
  @state() private building = 'all';
  @state() private issuing = '';
  @state() private issued: IssuedCode | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly write = new WriteController(this);
  private readonly households = new PagedController<ActivationHousehold, ActivationHouseholds>(
    this,
    (after, signal) =>
      api.call(activationEndpoints.households, {
        params: { compoundId: this.compoundId },
        query: { after, q: this.query || undefined, show: this.show, buildingId: this.building === 'all' ? undefined : this.building },
        signal,
      }),
    () => [this.compoundId, this.query, this.show, this.building],
  );

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  override render() {
    return html`<h2 id="people-heading">${t('admin.activation.peopleHeading')}</h2>
      <p class="muted">${t('admin.activation.peopleIntro')}</p>
      ${this.renderFilters()} ${this.renderList()} ${this.renderIssued()}`;
  }

  private renderFilters() {
    return html`<div class="filters">
      <div class="search">
        ${nativeField(
          'household-search',
          t('admin.activation.search'),
          html`<input
            class="input"
            id="household-search"
            type="search"
            autocomplete="off"
            placeholder=${t('admin.activation.searchPlaceholder')}
            @input=${(ev: Event) => this.typed((ev.target as HTMLInputElement).value)}
          />`,
        )}
      </div>
      ${
        this.buildings.length > 1
          ? nativeField(
              'household-building',
              t('admin.activation.buildingFilter'),
              html`<select class="input" id="household-building" @change=${(ev: Event) => (this.building = (ev.target as HTMLSelectElement).value)}>
                <option value="all" .selected=${this.building === 'all'}>${t('admin.activation.allBuildings')}</option>
                ${this.buildings.map((b) => html`<option value=${b.id} .selected=${this.building === b.id}>${buildingLabel(b.name)}</option>`)}
              </select>`,
            )
          : nothing
      }
      ${nativeField(
        'household-show',
        t('admin.activation.showFilter'),
        html`<select class="input" id="household-show" @change=${(ev: Event) => (this.show = (ev.target as HTMLSelectElement).value as Show)}>
          <option value="all" .selected=${this.show === 'all'}>${t('admin.activation.showAll')}</option>
          <option value="waiting" .selected=${this.show === 'waiting'}>${t('admin.activation.showWaiting')}</option>
          <option value="activated" .selected=${this.show === 'activated'}>${t('admin.activation.showActivated')}</option>
        </select>`,
      )}
    </div>`;
  }

  private renderList() {
    const list = this.households;
    if (list.status === 'error' && list.error) return renderError(list.error.message, () => void list.reload());
    if (list.status !== 'ready') return renderLoading();
    return html`<p class="muted" role="status">${t('admin.activation.found', { count: list.first?.total ?? 0 })}</p>
      ${
        list.items.length === 0
          ? html`<p class="state state-empty">${t('admin.activation.noMatch')}</p>`
          : html`<ul class="people" aria-labelledby="people-heading">
              ${list.items.map((p) => this.renderPerson(p))}
            </ul>`
      }
      ${renderMore(list)}`;
  }

  private renderPerson(p: ActivationHousehold) {
    const relation = p.relation === 'owner' ? t('admin.activation.owner') : t('admin.activation.resident');
    return html`<li class="person" data-person=${p.personId}>
      <div class="who">
        <p><span class="unit">${p.unitLabel}</span> · ${p.name}（${relation}）</p>
        <p class="muted">
          ${p.phone ?? t('admin.activation.noPhone')} ·
          <span class=${p.activated ? 'tag ok' : 'tag waiting'}>${p.activated ? t('admin.activation.activated') : t('admin.activation.notActivated')}</span>
        </p>
      </div>
      <button
        type="button"
        class="button issue"
        ?disabled=${this.issuing !== ''}
        aria-busy=${this.issuing === `${p.unitId}:${p.personId}` ? 'true' : 'false'}
        @click=${() => this.issue(p)}
      >
        ${t('admin.activation.issue')}<span class="visually-hidden"> · ${p.unitLabel} ${p.name}</span>
      </button>
    </li>`;
  }

  /** The server is asked once typing pauses, not on every keystroke. */
  private typed(value: string) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.query = value.replace(/\s+/g, '')), 250);
  }

  private async issue(p: ActivationHousehold): Promise<void> {
    if (this.issuing) return;
    this.issuing = `${p.unitId}:${p.personId}`;
    const issued = await this.write.run(() => api.call(activationEndpoints.issueCode, { params: { unitId: p.unitId }, body: { personId: p.personId } }));
    this.issuing = '';
    if (issued) this.issued = issued;
  }

  private renderIssued() {
    const c = this.issued;
    // The code is shown once: a tap beside the dialog does not close it (a native modal closes only on Esc or its button).
    return html`<dialog class="dialog issued" id="issued-dialog" aria-labelledby="issued-title" @close=${() => (this.issued = null)}>
      <h2 id="issued-title">${c ? t('admin.activation.codeTitle', { name: c.name }) : ''}</h2>
      ${
        c
          ? html`<p class="code-kind">
                <span class=${c.kind === 'activate' ? 'tag waiting' : 'tag neutral'}
                  >${c.kind === 'activate' ? t('admin.activation.kindActivate') : t('admin.activation.kindReset')}</span
                >
                ${c.kind === 'activate' ? t('admin.activation.kindActivateHelp', { name: c.name }) : t('admin.activation.kindResetHelp', { name: c.name })}
              </p>
              <yishi-code-handover
                .code=${c.code}
                .link=${c.link}
                .expiresAt=${c.expiresAt}
                .say=${t('admin.activation.say', { url: `${new URL(c.link).host}/activate` })}
                .qrLabel=${t('admin.activation.qrAlt', { name: c.name })}
              ></yishi-code-handover>
              <p class="never muted">${t('admin.activation.neverPassword')}</p>`
          : nothing
      }
      <div class="actions">
        <button type="button" class="button primary" @click=${() => (this.issued = null)}>${t('admin.activation.codeDone')}</button>
      </div>
    </dialog>`;
  }

  protected override updated(): void {
    syncModal(this.renderRoot, 'issued-dialog', this.issued !== null);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-activation-households': ActivationHouseholdsList;
  }
}

/**
 * The households on the activation page, a page at a time (the households endpoint's keyset pages, more
 * as the end scrolls into view): every owner and resident can be found by building, by whether they
 * have an account, and by unit, name or phone — the server filters, so a 10,000-unit compound is never
 * loaded whole — and given a one-time code in person (activation, or a forgotten password), shown
 * large with its QR code.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
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
import { optionLabel } from '../forms/option-label.js';
import { formStyles } from '../../styles/form-styles.js';

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
    formStyles,
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
      <sl-input
        class="search"
        type="search"
        label=${t('admin.activation.search')}
        placeholder=${t('admin.activation.searchPlaceholder')}
        clearable
        @sl-input=${(ev: Event) => this.typed((ev.target as HTMLInputElement).value)}
      ></sl-input>
      ${
        this.buildings.length > 1
          ? html`<sl-select
              label=${t('admin.activation.buildingFilter')}
              value=${this.building}
              @sl-change=${(ev: Event) => (this.building = (ev.target as HTMLSelectElement).value)}
            >
              <sl-option value="all">${optionLabel(t('admin.activation.allBuildings'))}</sl-option>
              ${this.buildings.map((b) => html`<sl-option value=${b.id}>${optionLabel(buildingLabel(b.name))}</sl-option>`)}
            </sl-select>`
          : nothing
      }
      <sl-select
        label=${t('admin.activation.showFilter')}
        value=${this.show}
        @sl-change=${(ev: Event) => (this.show = (ev.target as HTMLSelectElement).value as Show)}
      >
        <sl-option value="all">${optionLabel(t('admin.activation.showAll'))}</sl-option>
        <sl-option value="waiting">${optionLabel(t('admin.activation.showWaiting'))}</sl-option>
        <sl-option value="activated">${optionLabel(t('admin.activation.showActivated'))}</sl-option>
      </sl-select>
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
      <sl-button class="issue" ?loading=${this.issuing === `${p.unitId}:${p.personId}`} @click=${() => this.issue(p)}
        >${t('admin.activation.issue')}<span class="visually-hidden"> · ${p.unitLabel} ${p.name}</span></sl-button
      >
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
    return html`<sl-dialog
      class="issued"
      label=${c ? t('admin.activation.codeTitle', { name: c.name }) : ''}
      ?open=${c !== null}
      @sl-request-close=${(ev: CustomEvent<{ source: string }>) => {
        // The code is shown once: a stray tap beside the dialog must not lose it.
        if (ev.detail.source === 'overlay') ev.preventDefault();
      }}
      @sl-after-hide=${(ev: Event) => {
        if (ev.target === ev.currentTarget) this.issued = null;
      }}
    >
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
      <sl-button slot="footer" variant="primary" @click=${() => (this.issued = null)}>${t('admin.activation.codeDone')}</sl-button>
    </sl-dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-activation-households': ActivationHouseholdsList;
  }
}

/**
 * Account activation (账号激活) for a compound: per building, a bar that shows at a glance how many
 * people have set up their account, how many have a letter but have not used it, and how many have
 * no letter yet — each with its number in words beside it, never colour alone. Staff print the
 * activation letters (PDF, two per A4 page) per building or for the whole compound after a
 * confirmation that says earlier letters of these people stop working; a building head prints their
 * own building. Below, the households a page at a time (yishi-activation-households): found by unit,
 * name or phone and given a one-time code in person.
 */
import { buildingLabel } from '../../components/accounts/activation-households.js';
import { COMPOUND_STAFF, activationEndpoints, endpointUrl, type ActivationStatus, type LettersPreview } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { api } from '../../api/client.js';
import { postForFile, saveFile } from '../../api/file-download.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { syncModal } from '../../components/common/modal.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { currentMe, holdsRoleAt, loadMe } from '../../state/session.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { tagStyles } from '../../styles/tag-styles.js';
import { renderPrintConfirmBody } from './print-confirm.js';

type Building = ActivationStatus['buildings'][number];

/** What a batch of letters is for: one building, or (id null) the whole compound. */
interface Batch {
  buildingId: string | null;
  label: string;
  /** Who gets a letter, whose earlier letter stops working, who keeps another building's (asked of the server). */
  preview: LettersPreview;
}

type Printing =
  | { state: 'idle' }
  | { state: 'working'; batch: Batch }
  | { state: 'done'; batch: Batch; letters: number; fileName: string }
  | { state: 'failed'; message: string };

interface Counts {
  households: number;
  activated: number;
  lettersOutstanding: number;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}

@customElement('yishi-activation-page')
export class ActivationPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    tagStyles,
    css`
      .summary {
        display: grid;
        gap: 0.5rem;
      }
      .summary h2 {
        margin: 0;
      }
      .buildings {
        display: grid;
        gap: var(--yishi-gap);
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 17rem), 1fr));
      }
      .buildings > .card {
        margin-bottom: 0;
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
      }
      .building h3 {
        margin: 0;
        font-size: 1.2rem;
      }
      .building .actions {
        margin-top: auto;
        padding-top: 0.25rem;
      }
      /* The bar: activated solid, letter out hatched, no letter empty; a border outlines the whole. */
      .bar {
        display: flex;
        height: 1.25rem;
        border: 2px solid var(--yishi-text);
        border-radius: 999px;
        overflow: hidden;
        background: var(--yishi-surface);
      }
      .bar span {
        display: block;
        height: 100%;
      }
      .seg-activated {
        background: var(--yishi-ok-text);
      }
      .seg-letter {
        background: repeating-linear-gradient(135deg, var(--yishi-warning-text) 0 3px, var(--yishi-surface) 3px 7px);
      }
      .seg-activated + .seg-letter {
        border-left: 2px solid var(--yishi-surface);
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        list-style: none;
        margin: 0;
        padding: 0;
        font-size: 0.9375rem;
        color: var(--yishi-muted);
      }
      .legend li {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
      }
      .swatch {
        display: inline-block;
        width: 1.1rem;
        height: 0.8rem;
        border: 2px solid var(--yishi-text);
        border-radius: 3px;
      }
      .counts {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .counts li {
        margin: 0;
      }
      .headline {
        font-size: 1.1rem;
        font-weight: 600;
      }
      .printed {
        font-size: 0.9375rem;
      }
      .printing {
        margin: 1rem 0;
      }
      .working {
        display: flex;
        align-items: center;
        gap: 0.75rem;
      }
      /* Letters being made: a turning ring beside the words (still with reduced motion: the words say it). */
      .working .spinner {
        flex: none;
        width: 1.5rem;
        height: 1.5rem;
        border: 3px solid var(--yishi-brand);
        border-right-color: transparent;
        border-radius: 50%;
        animation: button-spin 1s linear infinite;
      }
      @media (prefers-reduced-motion: reduce) {
        .working .spinner {
          animation-duration: 3s;
        }
      }
      .dialog p {
        margin: 0 0 0.75rem;
      }
      .dialog .named {
        margin: -0.25rem 0 0.75rem;
        padding-left: 1.25rem;
        max-height: 12rem;
        overflow-y: auto;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private confirming: Batch | null = null;
  @state() private printing: Printing = { state: 'idle' };
  private readonly write = new WriteController(this);
  private readonly status = new LoadController(
    this,
    async (signal) => {
      // A compound added since this tab loaded my session: my roles there decide what I may print.
      if (!currentMe()?.compounds.some((c) => c.id === this.compoundId)) await loadMe({ force: true }).catch(() => null);
      return api.call(activationEndpoints.status, { params: { compoundId: this.compoundId }, signal });
    },
    () => [this.params.compoundId],
  );

  private get compoundId(): string {
    return this.params.compoundId ?? '';
  }

  override render() {
    const compound = currentMe()?.compounds.find((c) => c.id === this.compoundId);
    return html`<h1>${t('admin.activation.heading')}${compound ? html` · ${compound.name}` : nothing}</h1>
      <p class="lead">${t('admin.activation.intro')}</p>
      ${renderLoad(this.status, (s) => this.renderStatus(s))} ${this.renderConfirm()}`;
  }

  private renderStatus(s: ActivationStatus) {
    if (s.buildings.length === 0) {
      const mayImport = holdsRoleAt(this.compoundId, COMPOUND_STAFF);
      return html`<p class="state state-empty">${t('admin.activation.noRoster')}</p>
        ${
          mayImport
            ? html`<div class="actions">
                <a class="link-button primary" href=${`/compounds/${encodeURIComponent(this.compoundId)}/roster`}>${t('admin.activation.toRoster')}</a>
              </div>`
            : nothing
        }`;
    }
    // Counted by the server: an owner of flats in two buildings is one person (one letter, one account), not two.
    const total = s.total;
    const wholeCompound = holdsRoleAt(this.compoundId, COMPOUND_STAFF);
    return html`
      <section class="card summary" aria-labelledby="summary-heading">
        <h2 id="summary-heading">${wholeCompound ? t('admin.activation.wholeCompound') : t('admin.activation.myBuildings')}</h2>
        ${this.renderBar(total)} ${this.renderCounts(total)} ${this.renderLegend()}
        ${
          wholeCompound && total.households > total.activated
            ? html`<div class="actions">
                <button
                  type="button"
                  class="button primary print-all"
                  ?disabled=${this.printing.state === 'working'}
                  @click=${() => void this.askToPrint(null, t('admin.activation.wholeCompoundShort'))}
                >
                  ${t('admin.activation.printAll')}
                </button>
              </div>`
            : nothing
        }
      </section>
      ${this.renderPrinting()}
      <h2 id="buildings-heading">${t('admin.activation.buildingsHeading')}</h2>
      <div class="buildings" role="list" aria-labelledby="buildings-heading">${s.buildings.map((b) => this.renderBuilding(b))}</div>
      <yishi-activation-households .compoundId=${this.compoundId} .buildings=${s.buildings}></yishi-activation-households>
    `;
  }

  /** The picture: widths in percent, hidden from screen readers (the words beside it say the same). */
  private renderBar(c: Counts) {
    const activated = percent(c.activated, c.households);
    const letter = Math.min(100 - activated, percent(c.lettersOutstanding, c.households));
    return html`<div class="bar" aria-hidden="true">
      ${activated > 0 ? html`<span class="seg-activated" style=${styleMap({ width: `${activated}%` })}></span>` : nothing}
      ${letter > 0 ? html`<span class="seg-letter" style=${styleMap({ width: `${letter}%` })}></span>` : nothing}
    </div>`;
  }

  private renderCounts(c: Counts) {
    const noLetter = Math.max(0, c.households - c.activated - c.lettersOutstanding);
    return html`<ul class="counts">
      <li class="headline">
        ${t('admin.activation.activatedOf', { activated: c.activated, total: c.households, percent: percent(c.activated, c.households) })}
      </li>
      <li>${t('admin.activation.lettersOut', { count: c.lettersOutstanding })}</li>
      <li>${t('admin.activation.noLetter', { count: noLetter })}</li>
    </ul>`;
  }

  private renderLegend() {
    return html`<ul class="legend" aria-label=${t('admin.activation.legend')}>
      <li><span class="swatch seg-activated" aria-hidden="true"></span>${t('admin.activation.legendActivated')}</li>
      <li><span class="swatch seg-letter" aria-hidden="true"></span>${t('admin.activation.legendLetter')}</li>
      <li><span class="swatch" aria-hidden="true"></span>${t('admin.activation.legendNone')}</li>
    </ul>`;
  }

  private renderBuilding(b: Building) {
    const label = buildingLabel(b.name);
    const waiting = b.households - b.activated;
    return html`<section class="card building" role="listitem" aria-labelledby=${`b-${b.id}`} data-building=${b.name}>
      <h3 id=${`b-${b.id}`}>${label}</h3>
      ${this.renderBar(b)} ${this.renderCounts(b)}
      <p class="printed muted">
        ${b.lastPrintedAt ? t('admin.activation.lastPrinted', { at: formatDateTime(b.lastPrintedAt) }) : t('admin.activation.neverPrinted')}
      </p>
      <div class="actions">
        ${
          waiting > 0
            ? html`<button type="button" class="button print" ?disabled=${this.printing.state === 'working'} @click=${() => void this.askToPrint(b.id, label)}>
                ${t('admin.activation.print')}<span class="visually-hidden"> · ${label}</span>
              </button>`
            : html`<span class="tag ok">${t('admin.activation.allActivated')}</span>`
        }
      </div>
    </section>`;
  }

  // Printing letters

  private async askToPrint(buildingId: string | null, label: string): Promise<void> {
    const preview = await this.write.run(
      () => api.call(activationEndpoints.previewLetters, { params: { compoundId: this.compoundId }, query: buildingId ? { buildingId } : {} }),
      { errorAs: 'inline' },
    );
    if (!preview) {
      this.printing = { state: 'failed', message: this.write.error ?? '' };
      return;
    }
    this.confirming = { buildingId, label, preview };
  }

  private renderConfirm() {
    const b = this.confirming;
    return html`<dialog class="dialog confirm-print" id="print-dialog" aria-labelledby="print-title" @close=${() => (this.confirming = null)}>
      <h2 id="print-title">${b ? t('admin.activation.confirmTitle', { label: b.label }) : ''}</h2>
      ${b ? renderPrintConfirmBody(b.label, b.preview) : nothing}
      <div class="actions">
        <button type="button" class="button" @click=${() => (this.confirming = null)}>${t('admin.cancel')}</button>
        ${
          b && b.preview.count > 0
            ? html`<button type="button" class="button primary confirm" @click=${this.print}>${t('admin.activation.confirmPrint')}</button>`
            : nothing
        }
      </div>
    </dialog>`;
  }

  protected override updated(): void {
    syncModal(this.renderRoot, 'print-dialog', this.confirming !== null);
  }

  private async print(): Promise<void> {
    const batch = this.confirming;
    if (!batch || this.printing.state === 'working') return;
    this.confirming = null;
    this.printing = { state: 'working', batch };
    const fallbackName = `${t('admin.activation.fileName')}-${batch.label}.pdf`;
    const url = endpointUrl(activationEndpoints.printLetters, { params: { compoundId: this.compoundId } });
    // What came out is said on the page (a live region), so no toast besides.
    const file = await this.write.run(() => postForFile(url, { buildingId: batch.buildingId, includeActivated: false }, fallbackName), { errorAs: 'inline' });
    if (!file) {
      this.printing = { state: 'failed', message: this.write.error ?? '' };
      return;
    }
    const letters = Number(file.headers.get('X-Letter-Count') ?? batch.preview.count);
    saveFile(file.blob, file.fileName);
    this.printing = { state: 'done', batch, letters, fileName: file.fileName };
    void this.status.refresh();
  }

  private renderPrinting() {
    const p = this.printing;
    return html`<div class="printing" aria-live="polite">
      ${
        p.state === 'working'
          ? html`<div class="card working" role="status">
              <span class="spinner" aria-hidden="true"></span
              ><span>${t('admin.activation.working', { label: p.batch.label, count: p.batch.preview.count })}</span>
            </div>`
          : p.state === 'done'
            ? html`<div class="alert success printed-alert">
                <strong>${t('admin.activation.printed', { label: p.batch.label, count: p.letters })}</strong>
                <p>${t('admin.activation.printedHelp', { file: p.fileName })}</p>
              </div>`
            : p.state === 'failed'
              ? html`<div class="alert danger"><p role="alert">${p.message}</p></div>`
              : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-activation-page': ActivationPage;
  }
}

/**
 * 名册核对: the vote's frozen roll as published — each unit, its area and how it counts as owner
 * heads, no names — with the signed-in owner's own units highlighted (their names shown) and a
 * "我要更正" form for each, while the roll check lasts; their requests and the answers below, and
 * the corrections made to the roll for everyone. Its search field, checkbox, buttons and the form's
 * dialog are native: an owner checks the roll on a phone, and the page loads no Shoelace.
 */
import { ROLL_OBJECTION_KINDS, objectionEndpoints, type PublicRollEntry, type RollCheck, type RollObjectionKind } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { objectionStyles, rollObjectionItem } from '../../components/votes/objection-items.js';
import { renderMore } from '../../components/common/load-more.js';
import { syncModal } from '../../components/common/modal.js';
import { fieldProblem, nativeField } from '../../components/forms/native-field.js';
import { textField } from '../../components/forms/text-field.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatArea, formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { currentMe } from '../../state/session.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';

@customElement('yishi-roll-check-page')
export class RollCheckPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    objectionStyles,
    css`
      ul.roll {
        list-style: none;
        margin: 1rem 0 0;
        padding: 0;
        border: 1px solid var(--yishi-border);
        border-radius: var(--yishi-radius);
        background: var(--yishi-surface);
      }
      ul.roll > li {
        padding: 0.5rem 0.75rem;
        border-top: 1px solid var(--yishi-border);
        overflow-wrap: anywhere;
      }
      ul.roll > li:first-child {
        border-top: none;
      }
      ul.roll p {
        margin: 0.125rem 0;
      }
      ul.roll > li.mine {
        background: var(--yishi-background);
        border-left: 4px solid var(--yishi-brand);
      }
      ul.roll .button {
        margin: 0.5rem 0 0.25rem;
      }
      .mine-tag {
        display: inline-block;
        font-weight: 600;
        color: var(--yishi-brand);
      }
      .filters {
        display: grid;
        gap: 0.5rem;
        max-width: 28rem;
      }
      textarea.input {
        min-height: 5.5rem;
      }
      h2 {
        margin-top: 1.5rem;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  /** What the search box holds, and what the roll was last asked for (a pause in typing later). */
  @state() private filter = '';
  @state() private query = '';
  private typing: ReturnType<typeof setTimeout> | undefined;
  @state() private onlyMine = false;
  @state() private asking: PublicRollEntry | null = null;
  @state() private kind: RollObjectionKind = 'area_wrong';
  private readonly write = new WriteController<'text' | 'claimedAreaCenti'>(this);
  /** The roll a page at a time (a compound may have 10,000 units), narrowed on the server to the labels typed. */
  private readonly load = new PagedController<PublicRollEntry, RollCheck & { items: PublicRollEntry[] }>(
    this,
    async (after, signal) => {
      const r = await api.call(objectionEndpoints.rollCheck, {
        params: { voteId: this.params.voteId ?? '' },
        query: { after, q: this.query || undefined },
        signal,
      });
      return { ...r, items: r.entries };
    },
    () => [this.params.voteId, currentMe()?.userId, this.query],
  );

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.typing);
  }

  override render() {
    return renderLoad(this.load, (r) => this.renderRoll(r));
  }

  private search(text: string) {
    this.filter = text;
    clearTimeout(this.typing);
    this.typing = setTimeout(() => (this.query = text.trim()), 250);
  }

  private renderRoll(r: RollCheck) {
    const mine = r.mine;
    const query = this.filter.trim();
    const shown = this.onlyMine ? mine.filter((e) => !query || e.label.includes(query)) : this.load.items;
    const period = !r.rollCheckEndsAt
      ? t('objections.rollNotYet')
      : r.accepting
        ? t('objections.rollOpenUntil', { time: formatDateTime(r.rollCheckEndsAt) })
        : t('objections.rollClosed', { time: formatDateTime(r.rollCheckEndsAt) });
    return html`<h1>${t('objections.rollHeading')}</h1>
      <p class="lead">${r.title}</p>
      <p>${t('objections.rollIntro')}</p>
      <p class="card" role="note"><strong>${period}</strong></p>
      <p class="card" role="note">${pick(r.headRulesText)}</p>
      <p><strong>${t('objections.totals', { units: r.totals.units, heads: r.totals.heads, area: formatArea(r.totals.areaCenti) })}</strong></p>
      ${currentMe() ? (mine.length === 0 ? html`<p role="note">${t('objections.noneOfMine')}</p>` : nothing) : html`<p class="muted">${t('objections.signInToCheck')}</p>`}
      <div class="filters">
        ${textField({ name: 'roll-filter', label: t('objections.filter'), value: this.filter, onInput: (value) => this.search(value) })}
        ${
          mine.length
            ? html`<label class="check"
                ><input type="checkbox" .checked=${this.onlyMine} @change=${(e: Event) => (this.onlyMine = (e.target as HTMLInputElement).checked)} />${t(
                  'objections.onlyMine',
                )}</label
              >`
            : nothing
        }
      </div>
      ${this.query && !this.onlyMine ? html`<p class="muted" role="status">${t('objections.found', { count: r.matching })}</p>` : nothing}
      <ul class="roll" aria-label=${t('objections.rollHeading')}>
        ${shown.map((e) => this.renderEntry(e, r.accepting))}
      </ul>
      ${this.onlyMine ? nothing : renderMore(this.load)}
      ${
        r.myObjections.length
          ? html`<h2>${t('objections.myRequests')}</h2>
              <ul class="objections">
                ${r.myObjections.map((o) => rollObjectionItem(o))}
              </ul>`
          : nothing
      }
      ${
        r.corrections.length
          ? html`<h2>${t('objections.corrections')}</h2>
              <ul class="objections">
                ${r.corrections.map((o) => rollObjectionItem(o))}
              </ul>`
          : nothing
      }
      ${this.renderDialog(r)}`;
  }

  private renderEntry(e: PublicRollEntry, accepting: boolean) {
    return html`<li class=${e.mine ? 'mine' : ''}>
      <p><strong class="unit">${e.label}</strong> ${e.mine ? html`<span class="mine-tag">★ ${t('objections.mine')}</span>` : nothing}</p>
      <p>${formatArea(e.areaCenti)} · ${pick(e.headText)}</p>
      ${e.mine && e.ownerNames?.length ? html`<p class="muted">${t('objections.owners', { names: e.ownerNames.join('、') })}</p>` : nothing}
      ${e.mine && accepting ? html`<button type="button" class="button primary" @click=${() => this.ask(e)}>${t('objections.askCorrection')}</button>` : nothing}
    </li>`;
  }

  private ask(entry: PublicRollEntry) {
    this.write.clear();
    this.kind = 'area_wrong';
    this.asking = entry;
  }

  private renderDialog(r: RollCheck) {
    const entry = this.asking;
    const errors = this.write.fieldErrors;
    return html`<dialog class="dialog" id="objection-dialog" aria-labelledby="objection-title" @close=${() => (this.asking = null)}>
      <h2 id="objection-title">${entry ? t('objections.formHeading', { unit: entry.label }) : ''}</h2>
      ${
        entry
          ? html`<form class="fields" novalidate @submit=${(e: Event) => this.submit(e, r, entry)}>
              ${nativeField(
                'kind',
                t('objections.kind'),
                html`<select
                  class="input"
                  id="kind"
                  name="kind"
                  @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as RollObjectionKind)}
                >
                  ${ROLL_OBJECTION_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${t(`objections.kind.${k}`)}</option>`)}
                </select>`,
              )}
              ${
                this.kind === 'area_wrong'
                  ? nativeField(
                      'area',
                      t('objections.claimedArea'),
                      html`<input
                        class="input"
                        id="area"
                        name="area"
                        type="number"
                        inputmode="decimal"
                        step="0.01"
                        min="0.01"
                        ${fieldProblem('area', errors.claimedAreaCenti)}
                      />`,
                      errors.claimedAreaCenti,
                    )
                  : nothing
              }
              ${nativeField(
                'text',
                t('objections.text'),
                html`<textarea class="input" id="text" name="text" required maxlength="1000" rows="3" ${fieldProblem('text', errors.text)}></textarea>`,
                errors.text,
              )}
              ${this.write.error ? html`<p class="form-error" role="alert">${this.write.error}</p>` : nothing}
              <div class="actions">
                <button type="button" class="button" @click=${() => (this.asking = null)}>${t('objections.cancel')}</button>
                <button type="submit" class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>
                  ${t('objections.submit')}
                </button>
              </div>
            </form>`
          : nothing
      }
    </dialog>`;
  }

  /** The dialog is open while an entry is being questioned: shown modal, focus kept in it, Esc closes it. */
  protected override updated(): void {
    syncModal(this.renderRoot, 'objection-dialog', this.asking !== null);
  }

  private async submit(event: Event, r: RollCheck, entry: PublicRollEntry) {
    event.preventDefault();
    if (this.write.busy) return;
    const form = event.target as HTMLFormElement;
    const text = form.querySelector<HTMLTextAreaElement>('[name=text]')?.value ?? '';
    const area = form.querySelector<HTMLInputElement>('[name=area]')?.value ?? '';
    const claimedAreaCenti = area ? Math.round(Number(area) * 100) : null;
    const saved = await this.write.run(
      () =>
        api.call(objectionEndpoints.raiseRollObjection, {
          params: { voteId: r.voteId },
          body: { voterKey: entry.voterKey, kind: this.kind, text, claimedAreaCenti },
        }),
      { success: t('objections.submitted'), errorAs: 'inline', fields: ['text', 'claimedAreaCenti'] },
    );
    if (!saved) return;
    this.asking = null;
    await this.load.reload({ quiet: true });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-roll-check-page': RollCheckPage;
  }
}

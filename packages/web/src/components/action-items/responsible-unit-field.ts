/**
 * The responsible unit (责任单位) as a choice: one of the four parties or a named government
 * department, the same codes the server accepts everywhere an item gets one (core
 * responsibleUnitSchema). Used by the action-item form and by listing an evening-talk question, so
 * "物业企业" is one code, never "物业" here and "property_manager" there.
 */
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../../i18n.js';
import { formStyles } from '../../styles/form-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { optionLabel } from '../forms/option-label.js';

const UNITS = ['property_manager', 'community', 'owners_committee', 'grid', 'department'] as const;
type Unit = (typeof UNITS)[number] | 'none';

@customElement('yishi-responsible-unit-field')
export class ResponsibleUnitField extends YishiElement {
  static override styles = [YishiElement.styles, formStyles];

  /** Offers "not assigned yet" first (a question listed before anyone is named). */
  @property({ type: Boolean }) optional = false;
  /** The server's or the form's words about the field. */
  @property() error = '';
  @state() private unit: Unit | null = null;

  private get chosen(): Unit {
    return this.unit ?? (this.optional ? 'none' : 'property_manager');
  }

  private departmentName(): string {
    return String(this.renderRoot.querySelector<HTMLElement & { value?: unknown }>('[name="department"]')?.value ?? '').trim();
  }

  /** A department was chosen and not named. */
  get departmentMissing(): boolean {
    return this.chosen === 'department' && this.departmentName() === '';
  }

  /** The code to send ('property_manager', 'department:区住建局'), or '' for none. */
  get value(): string {
    const unit = this.chosen;
    if (unit === 'none') return '';
    return unit === 'department' ? (this.departmentName() ? `department:${this.departmentName()}` : '') : unit;
  }

  override render() {
    const units: readonly Unit[] = this.optional ? ['none', ...UNITS] : UNITS;
    const unit = this.chosen;
    return html`<div class="fields">
      <sl-select
        name="unit"
        label=${t('ai.colUnit')}
        value=${unit}
        class=${this.error && unit !== 'department' ? 'invalid' : ''}
        help-text=${unit !== 'department' ? this.error : ''}
        @sl-change=${(ev: Event) => (this.unit = units.find((u) => u === (ev.target as HTMLSelectElement).value) ?? unit)}
      >
        ${units.map((u) => html`<sl-option value=${u}>${optionLabel(t(`ai.unit.${u}`))}</sl-option>`)}
      </sl-select>
      ${
        unit === 'department'
          ? html`<sl-input
              name="department"
              label=${t('ai.departmentName')}
              required
              maxlength="40"
              class=${this.error ? 'invalid' : ''}
              help-text=${this.error}
            ></sl-input>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-responsible-unit-field': ResponsibleUnitField;
  }
}

/**
 * The responsible unit (责任单位) as a choice: one of the four parties or a named government
 * department, the same codes the server accepts everywhere an item gets one (core
 * responsibleUnitSchema). Used by the action-item form and by listing an evening-talk question, so
 * "物业企业" is one code, never "物业" here and "property_manager" there.
 *
 * Native fields (native-field-styles.ts), no Shoelace for the evening talk's questions panel, which
 * staff use on a phone in the hall: the five or six parties as radio rows (components/forms/choice-field.ts),
 * each read whole in elder mode where a closed select cut "职能部门（填写名称）" off.
 */
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../../i18n.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { choiceField } from '../forms/choice-field.js';
import { fieldProblem, nativeField } from '../forms/native-field.js';

const UNITS = ['property_manager', 'community', 'owners_committee', 'grid', 'department'] as const;
type Unit = (typeof UNITS)[number] | 'none';

@customElement('yishi-responsible-unit-field')
export class ResponsibleUnitField extends YishiElement {
  static override styles = [
    YishiElement.styles,
    nativeFieldStyles,
    css`
      .fields {
        display: grid;
        gap: 1rem;
      }
    `,
  ];

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
    // The problem goes under the department's name when that is what is missing, else under the unit.
    const unitError = unit !== 'department' ? this.error : '';
    return html`<div class="fields">
      ${choiceField({
        name: 'unit',
        legend: t('ai.colUnit'),
        choices: units.map((u) => ({ value: u, label: t(`ai.unit.${u}`) })),
        initial: unit,
        error: unitError || undefined,
        onChange: (value) => (this.unit = units.find((u) => u === value) ?? unit),
      })}
      ${
        unit === 'department'
          ? nativeField(
              'department',
              t('ai.departmentName'),
              html`<input class="input" id="department" name="department" required maxlength="40" ${fieldProblem('department', this.error)} />`,
              this.error,
            )
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

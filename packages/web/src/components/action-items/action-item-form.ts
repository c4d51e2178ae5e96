/**
 * Listing an action item by hand (a passed proposal, a council outcome recorded elsewhere): title,
 * description, responsible unit (a party or a named department), measures and the working-day
 * deadline. Fires `yishi-action-item-created` with the new item's id. Native fields in a native
 * disclosure (no Shoelace): a community worker lists an item from a phone.
 */
import { DEFAULT_DEADLINE_WORKDAYS, actionItemEndpoints, type ActionItemSourceKind } from '@yishi/core';
import { css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { FieldErrors } from '../../api/field-errors.js';
import { YishiElement } from '../base/yishi-element.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t, type MessageKey } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { choiceField } from '../forms/choice-field.js';
import { focusControl } from '../forms/form-errors.js';
import { fieldProblem, nativeField } from '../forms/native-field.js';
import { textareaField } from '../forms/form-field.js';
import { missingFields } from './action-item-badges.js';
import './responsible-unit-field.js';
import './deadline-field.js';

/** Items listed by hand come from a passed proposal or a council outcome recorded elsewhere. */
const SOURCE_KINDS = ['proposal', 'council_outcome'] as const satisfies readonly ActionItemSourceKind[];
type Source = (typeof SOURCE_KINDS)[number];
const SOURCES = { proposal: 'ai.sourceProposal', council_outcome: 'ai.sourceCouncil' } as const satisfies Record<Source, MessageKey>;
type Field = 'title' | 'department' | 'description' | 'measures' | 'deadlineWorkdays' | 'responsibleUnit';

@customElement('yishi-action-item-form')
export class ActionItemForm extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    css`
      details {
        margin: 1rem 0 1.25rem;
        border: 1px solid var(--yishi-border);
        border-radius: var(--yishi-radius);
        background: var(--yishi-surface);
      }
      summary {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        min-height: var(--yishi-tap);
        padding: 0.5rem 1rem;
        font-weight: 600;
        cursor: pointer;
      }
      /* Open or closed, shown as a turned triangle (display: flex drops the browser's own marker). */
      summary::before {
        content: '▸';
        flex: none;
        color: var(--yishi-brand);
      }
      details[open] > summary::before {
        content: '▾';
      }
      summary:focus-visible {
        outline: 3px solid var(--yishi-brand);
        outline-offset: 2px;
      }
      form.fields {
        padding: 0 1rem 1rem;
      }
    `,
  ];

  @property() compoundId = '';
  @state() private source: Source = 'proposal';
  @state() private errors: FieldErrors<Field> = {};
  private readonly write = new WriteController<Field>(this);

  override render() {
    const e = this.errors;
    return html`<details>
      <summary>${t('ai.newItem')}</summary>
      <form class="fields" @submit=${(ev: Event) => void this.submit(ev)} novalidate>
        ${choiceField({
          name: 'sourceKind',
          legend: t('ai.source'),
          choices: SOURCE_KINDS.map((kind) => ({ value: kind, label: t(SOURCES[kind]) })),
          initial: this.source,
          onChange: (value) => (this.source = SOURCE_KINDS.find((k) => k === value) ?? this.source),
        })}
        ${nativeField(
          'title',
          t('ai.colTitle'),
          html`<input class="input" id="title" name="title" maxlength="120" @input=${() => this.forget('title')} ${fieldProblem('title', e.title)} />`,
          e.title,
        )}
        ${this.textarea('description', t('ai.description'), 4000)}
        <yishi-responsible-unit-field error=${e.department ?? e.responsibleUnit ?? ''}></yishi-responsible-unit-field>
        ${this.textarea('measures', t('ai.measures'), 4000)}
        <yishi-deadline-field error=${e.deadlineWorkdays ?? ''} @input=${() => this.forget('deadlineWorkdays')}></yishi-deadline-field>
        <div>
          <button type="submit" class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>${t('ai.create')}</button>
        </div>
      </form>
    </details>`;
  }

  private textarea(name: 'description' | 'measures', label: string, maxlength: number) {
    return textareaField({ name, label, rows: 2, maxlength, error: this.errors[name], onInput: () => this.forget(name) });
  }

  private forget(name: Field): void {
    if (this.errors[name]) this.errors = { ...this.errors, [name]: undefined };
  }

  /** Focus on the first field with a problem (the department's name is inside the unit's element). */
  private focusFirstProblem(): void {
    const first = (['title', 'description', 'department', 'responsibleUnit', 'measures', 'deadlineWorkdays'] as const).find((f) => this.errors[f]);
    if (first === 'department' || first === 'responsibleUnit') {
      const unit = this.renderRoot.querySelector('yishi-responsible-unit-field');
      if (unit) void focusControl(unit, first === 'department' ? 'department' : 'unit');
    } else if (first === 'deadlineWorkdays') {
      const deadline = this.renderRoot.querySelector('yishi-deadline-field');
      if (deadline) void focusControl(deadline, 'deadlineWorkdays');
    } else if (first) void focusControl(this, first);
  }

  private value(name: string): string {
    return String(this.renderRoot.querySelector<HTMLElement & { value?: unknown }>(`[name="${name}"]`)?.value ?? '').trim();
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const unit = this.renderRoot.querySelector('yishi-responsible-unit-field');
    const deadline = this.renderRoot.querySelector('yishi-deadline-field');
    const values = { title: this.value('title'), department: unit?.departmentMissing ? '' : '-' };
    // Working days that are not a whole number from 1 to 60 are said under the field (they used to become 5 unseen).
    this.errors = { ...missingFields(values, ['title', 'department']), ...(deadline?.problem ? { deadlineWorkdays: deadline.problem } : {}) };
    if (Object.keys(this.errors).length > 0) {
      this.focusFirstProblem();
      return;
    }
    const created = await this.write.run(
      () =>
        api.call(actionItemEndpoints.create, {
          params: { compoundId: this.compoundId },
          body: {
            title: values.title,
            description: this.value('description'),
            measures: this.value('measures'),
            responsibleUnit: unit?.value || null,
            deadlineWorkdays: deadline?.workdays ?? DEFAULT_DEADLINE_WORKDAYS,
            // Listed from a record Yishi does not hold (a council on paper): the server gives the source its id.
            source: { kind: this.source },
          },
        }),
      { fields: ['title', 'description', 'measures', 'deadlineWorkdays', 'responsibleUnit'] },
    );
    this.errors = this.write.fieldErrors;
    if (!created) this.focusFirstProblem();
    if (created) this.dispatchEvent(new CustomEvent('yishi-action-item-created', { detail: { id: created.id }, bubbles: true, composed: true }));
  }
}

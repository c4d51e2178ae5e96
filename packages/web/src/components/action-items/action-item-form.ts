/**
 * Listing an action item by hand (a passed proposal, a council outcome recorded elsewhere): title,
 * description, responsible unit (a party or a named department), measures and the working-day
 * deadline. Fires `yishi-action-item-created` with the new item's id.
 */
import '@shoelace-style/shoelace/dist/components/input/input.js';
import { optionLabel } from '../../components/forms/option-label.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/details/details.js';
import { DEFAULT_DEADLINE_WORKDAYS, actionItemEndpoints, type ActionItemSourceKind } from '@yishi/core';
import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { FieldErrors } from '../../api/field-errors.js';
import { YishiElement } from '../base/yishi-element.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t, type MessageKey } from '../../i18n.js';
import { formStyles } from '../../styles/form-styles.js';
import { mediumNativeFields } from '../../styles/native-field-styles.js';
import { missingFields } from './action-item-badges.js';
import './responsible-unit-field.js';

/** Items listed by hand come from a passed proposal or a council outcome recorded elsewhere. */
const SOURCE_KINDS = ['proposal', 'council_outcome'] as const satisfies readonly ActionItemSourceKind[];
type Source = (typeof SOURCE_KINDS)[number];
const SOURCES = { proposal: 'ai.sourceProposal', council_outcome: 'ai.sourceCouncil' } as const satisfies Record<Source, MessageKey>;
type Field = 'title' | 'department' | 'description' | 'measures' | 'deadlineWorkdays' | 'responsibleUnit';

@customElement('yishi-action-item-form')
export class ActionItemForm extends YishiElement {
  static override styles = [YishiElement.styles, formStyles, mediumNativeFields];

  @property() compoundId = '';
  @state() private source: Source = 'proposal';
  @state() private errors: FieldErrors<Field> = {};
  private readonly write = new WriteController<Field>(this);

  override render() {
    const e = this.errors;
    return html`<sl-details summary=${t('ai.newItem')}>
      <form class="fields" @submit=${(ev: Event) => void this.submit(ev)} novalidate>
        ${html`<sl-select
          name="sourceKind"
          label=${t('ai.source')}
          value=${this.source}
          @sl-change=${(ev: Event) => (this.source = SOURCE_KINDS.find((k) => k === (ev.target as HTMLSelectElement).value) ?? this.source)}
        >
          ${SOURCE_KINDS.map((kind) => html`<sl-option value=${kind}>${optionLabel(t(SOURCES[kind]))}</sl-option>`)}
        </sl-select>`}
        <sl-input name="title" label=${t('ai.colTitle')} required maxlength="120" class=${e.title ? 'invalid' : ''} help-text=${e.title ?? ''}></sl-input>
        <sl-textarea
          name="description"
          label=${t('ai.description')}
          rows="2"
          class=${e.description ? 'invalid' : ''}
          help-text=${e.description ?? ''}
        ></sl-textarea>
        <yishi-responsible-unit-field error=${e.department ?? e.responsibleUnit ?? ''}></yishi-responsible-unit-field>
        <sl-textarea name="measures" label=${t('ai.measures')} rows="2" class=${e.measures ? 'invalid' : ''} help-text=${e.measures ?? ''}></sl-textarea>
        <sl-input
          name="workdays"
          type="number"
          min="1"
          max="60"
          value=${DEFAULT_DEADLINE_WORKDAYS}
          label=${t('ai.workdays')}
          class=${e.deadlineWorkdays ? 'invalid' : ''}
          help-text=${e.deadlineWorkdays ?? ''}
        ></sl-input>
        <div><sl-button type="submit" variant="primary" ?loading=${this.write.busy}>${t('ai.create')}</sl-button></div>
      </form>
    </sl-details>`;
  }

  private value(name: string): string {
    return String(this.renderRoot.querySelector<HTMLElement & { value?: unknown }>(`[name="${name}"]`)?.value ?? '').trim();
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const unit = this.renderRoot.querySelector('yishi-responsible-unit-field');
    const values = { title: this.value('title'), department: unit?.departmentMissing ? '' : '-' };
    this.errors = missingFields(values, ['title', 'department']);
    if (Object.keys(this.errors).length > 0) return;
    const created = await this.write.run(
      () =>
        api.call(actionItemEndpoints.create, {
          params: { compoundId: this.compoundId },
          body: {
            title: values.title,
            description: this.value('description'),
            measures: this.value('measures'),
            responsibleUnit: unit?.value || null,
            deadlineWorkdays: Number(this.value('workdays')) || DEFAULT_DEADLINE_WORKDAYS,
            // Listed from a record Yishi does not hold (a council on paper): the server gives the source its id.
            source: { kind: this.source },
          },
        }),
      { fields: ['title', 'description', 'measures', 'deadlineWorkdays', 'responsibleUnit'] },
    );
    this.errors = this.write.fieldErrors;
    if (created) this.dispatchEvent(new CustomEvent('yishi-action-item-created', { detail: { id: created.id }, bubbles: true, composed: true }));
  }
}

/**
 * Listing an action item by hand (a passed proposal, a council outcome recorded elsewhere): title,
 * description, responsible unit (a party or a named department), measures and the working-day
 * deadline. Fires `yishi-action-item-created` with the new item's id.
 */
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/details/details.js';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, isApiError } from '../../api/client.js';
import { notify } from '../../app/notify.js';
import { t } from '../../i18n.js';
import { pageStyles } from '../../styles/page-styles.js';

const UNITS = ['property_manager', 'community', 'owners_committee', 'grid', 'department'] as const;

@customElement('yishi-action-item-form')
export class ActionItemForm extends LitElement {
  static override styles = [
    pageStyles,
    css`
      form {
        display: grid;
        gap: 0.75rem;
      }
    `,
  ];

  @property() compoundId = '';
  @state() private unit: (typeof UNITS)[number] = 'property_manager';
  @state() private busy = false;

  override render() {
    return html`<sl-details summary=${t('ai.newItem')}>
      <form @submit=${(e: Event) => void this.submit(e)}>
        <sl-select name="sourceKind" label=${t('ai.source')} value="proposal">
          <sl-option value="proposal">${t('ai.sourceProposal')}</sl-option>
          <sl-option value="council_outcome">${t('ai.sourceCouncil')}</sl-option>
        </sl-select>
        <sl-input name="title" label=${t('ai.colTitle')} required maxlength="120"></sl-input>
        <sl-textarea name="description" label=${t('ai.description')} rows="2"></sl-textarea>
        <sl-select name="unit" label=${t('ai.colUnit')} value=${this.unit} @sl-change=${(e: Event) => (this.unit = (e.target as HTMLSelectElement).value as (typeof UNITS)[number])}>
          ${UNITS.map((u) => html`<sl-option value=${u}>${t(`ai.unit.${u}`)}</sl-option>`)}
        </sl-select>
        ${this.unit === 'department' ? html`<sl-input name="department" label=${t('ai.departmentName')} required maxlength="40"></sl-input>` : ''}
        <sl-textarea name="measures" label=${t('ai.measures')} rows="2"></sl-textarea>
        <sl-input name="workdays" type="number" min="1" max="60" value="5" label=${t('ai.workdays')}></sl-input>
        <sl-button type="submit" variant="primary" ?loading=${this.busy}>${t('ai.create')}</sl-button>
      </form>
    </sl-details>`;
  }

  private value(name: string): string {
    return String(this.renderRoot.querySelector<HTMLElement & { value?: unknown }>(`[name="${name}"]`)?.value ?? '').trim();
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const title = this.value('title');
    const department = this.value('department');
    if (!title || (this.unit === 'department' && !department)) {
      notify(t('ai.required'), 'warning');
      return;
    }
    this.busy = true;
    try {
      const created = await api.post<{ id: string }>(`/api/compounds/${encodeURIComponent(this.compoundId)}/action-items`, {
        title,
        description: this.value('description'),
        measures: this.value('measures'),
        responsibleUnit: this.unit === 'department' ? `department:${department}` : this.unit,
        deadlineWorkdays: Number(this.value('workdays')) || 5,
        source: { kind: this.value('sourceKind') || 'proposal', id: `manual-${Date.now()}` },
      });
      this.dispatchEvent(new CustomEvent('yishi-action-item-created', { detail: { id: created.id }, bubbles: true, composed: true }));
    } catch (error) {
      notify(isApiError(error) ? error.message : String(error), 'danger');
    } finally {
      this.busy = false;
    }
  }
}

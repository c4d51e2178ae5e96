/**
 * A resident reports a concern online (码上反映), reached from the board's QR code or link, and sees
 * the concerns they reported with progress, deadline and sign-off number — and rates them there.
 */
import '@shoelace-style/shoelace/dist/components/input/input.js';
import { optionLabel } from '../../components/forms/option-label.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import { RESPONSE_LEVELS, RESPONSE_LEVEL_LABELS, actionItemEndpoints } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { FieldErrors } from '../../api/field-errors.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderEmpty, renderLoad } from '../../components/common/load-state.js';
import { badgeStyles, dueText, labelled, missingFields, overdueBadge, statusBadge } from '../../components/action-items/action-item-badges.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDate } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { formStyles } from '../../styles/form-styles.js';

type Field = 'title' | 'description' | 'location' | 'urgency';

@customElement('yishi-concern-page')
export class ConcernPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    formStyles,
    badgeStyles,
    css`
      ul.mine {
        list-style: none;
        padding: 0 1rem;
        margin: 0;
      }
      ul.mine li {
        padding: 0.75rem 0;
        border-top: 1px solid var(--yishi-border);
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  /** The due date of the concern just reported (said in words above the form). */
  @state() private submittedDue: string | null = null;
  @state() private errors: FieldErrors<Field> = {};
  private readonly write = new WriteController<Field>(this);
  private readonly mine = new LoadController(
    this,
    (signal) => api.call(actionItemEndpoints.myConcerns, { params: { compoundId: this.compoundId }, signal }),
    () => [this.compoundId],
  );

  private get compoundId(): string {
    return this.params.compoundId ?? '';
  }

  override render() {
    const e = this.errors;
    return html`<h1>${t('concern.heading')}</h1>
      <p class="lead">${t('concern.intro')}</p>
      ${this.write.error ? html`<sl-alert variant="danger" open><p role="alert">${this.write.error}</p></sl-alert>` : nothing}
      ${
        this.submittedDue && !this.write.error
          ? html`<sl-alert variant="success" open><p role="status">${t('concern.submitted', { date: formatDate(this.submittedDue) })}</p></sl-alert>`
          : nothing
      }
      <form class="card fields" @submit=${(ev: Event) => void this.submit(ev)} novalidate>
        <sl-input name="title" label=${t('concern.title')} required maxlength="120" class=${e.title ? 'invalid' : ''} help-text=${e.title ?? ''}></sl-input>
        <sl-textarea
          name="description"
          label=${t('concern.description')}
          required
          rows="4"
          maxlength="4000"
          class=${e.description ? 'invalid' : ''}
          help-text=${e.description ?? ''}
        ></sl-textarea>
        <sl-input name="location" label=${t('concern.location')} maxlength="120" class=${e.location ? 'invalid' : ''} help-text=${e.location ?? ''}></sl-input>
        ${html`<sl-select name="urgency" label=${t('concern.urgency')} value="none">
          <sl-option value="none">${t('concern.notUrgent')}</sl-option>
          ${RESPONSE_LEVELS.map((l) => html`<sl-option value=${l}>${optionLabel(pick(RESPONSE_LEVEL_LABELS[l]))}</sl-option>`)}
        </sl-select>`}
        <sl-button type="submit" variant="primary" size="large" ?loading=${this.write.busy}>${t('concern.submit')}</sl-button>
      </form>
      <h2>${t('concern.mine')}</h2>
      ${renderLoad(this.mine, (v) =>
        v.items.length === 0
          ? renderEmpty(t('concern.noneYet'))
          : html`<ul class="mine card">
              ${v.items.map(
                (i) =>
                  html`<li class=${i.overdue ? 'is-overdue' : ''}>
                    <a href=${`/action-items/${i.id}`}>${i.title}</a><br />
                    ${statusBadge(i.status)} ${overdueBadge(i.overdue)} ${labelled(t('ai.colDue'), dueText(i))}
                    ${i.signOffNumber ? html` · <span class="number">${i.signOffNumber}</span>` : nothing}
                  </li>`,
              )}
            </ul>`,
      )}`;
  }

  private control(name: string): (HTMLElement & { value?: unknown }) | null {
    return this.renderRoot.querySelector<HTMLElement & { value?: unknown }>(`[name="${name}"]`);
  }

  private value(name: string): string {
    return String(this.control(name)?.value ?? '').trim();
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    // Taken now: once the event has been dispatched, its target (in a shadow root) is cleared.
    const form = event.target as HTMLFormElement;
    this.submittedDue = null;
    const values = { title: this.value('title'), description: this.value('description') };
    this.errors = missingFields(values, ['title', 'description']);
    if (Object.keys(this.errors).length > 0) return;
    const created = await this.write.run(
      () =>
        api.call(actionItemEndpoints.reportConcern, {
          params: { compoundId: this.compoundId },
          body: { ...values, location: this.value('location'), urgency: RESPONSE_LEVELS.find((l) => l === this.value('urgency')) ?? null },
        }),
      { fields: ['title', 'description', 'location', 'urgency'], errorAs: 'inline' },
    );
    this.errors = this.write.fieldErrors;
    if (!created) return;
    this.submittedDue = created.dueDate;
    form.reset();
    for (const name of ['title', 'description', 'location']) {
      const control = this.control(name);
      if (control) control.value = '';
    }
    await this.mine.reload();
  }
}

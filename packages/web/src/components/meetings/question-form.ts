/**
 * Raising an evening-talk question: text, category, building, anonymous; staff recording a question
 * from the floor also note who asked. The category is the asker's choice: nothing is chosen for
 * them, and sending without one says so under the field. Once the question is in, a toast gives its
 * number ("问题已提交，编号 12", as it will be read out in the hall) and `question-submitted` fires
 * with the answer. It goes through the outbox (offline/outbox.ts): with no network the question is
 * kept on the device, the toast says it will be sent, and the list shows it as 待发送.
 */
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/checkbox/checkbox.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import { QUESTION_CATEGORIES, QUESTION_CATEGORY_LABELS, meetingEndpoints, meetingMessages } from '@yishi/core';
import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { pick, t } from '../../i18n.js';
import { enqueue } from '../../offline/outbox.js';
import { currentLocale } from '../../state/preferences.js';
import { formStyles } from '../../styles/form-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { buildingLabel } from './meeting-ui.js';
import { focusControl } from '../forms/form-errors.js';
import { optionLabel } from '../forms/option-label.js';

type Field = 'text' | 'category' | 'buildingId' | 'askerName' | 'anonymous';
const FIELDS: readonly Field[] = ['text', 'category', 'buildingId', 'askerName', 'anonymous'];

@customElement('yishi-question-form')
export class QuestionForm extends YishiElement {
  static override styles = [YishiElement.styles, formStyles];

  @property() meetingId = '';
  /** Staff recording from the floor: ask who raised it. */
  @property({ type: Boolean }) staff = false;
  private readonly write = new WriteController<Field>(this);
  private readonly buildings = new LoadController(
    this,
    (signal) => api.call(meetingEndpoints.buildings, { params: { meetingId: this.meetingId }, signal }),
    () => [this.meetingId],
  );

  private value(name: Field): string {
    return String(this.renderRoot.querySelector<HTMLElement & { value?: unknown }>(`[name="${name}"]`)?.value ?? '').trim();
  }

  private async submit(event: Event) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const askerName = this.value('askerName');
    const category = QUESTION_CATEGORIES.find((c) => c === this.value('category'));
    if (!category) {
      this.write.clear();
      // Core's words for it, the same the server gives when a question comes without one: from the meetings' own
      // table, not every feature's (core's errorMessage), which would load every error's words with the page.
      this.write.fieldErrors = { category: meetingMessages.question_category_required[currentLocale()] };
      await focusControl(this, 'category');
      return;
    }
    const anonymous = this.renderRoot.querySelector<HTMLInputElement>('sl-checkbox[name="anonymous"]')?.checked ?? false;
    const result = await this.write.run(
      () =>
        enqueue('record', this.meetingId, {
          text: this.value('text'),
          category,
          buildingId: this.value('buildingId') || null,
          anonymous,
          ...(this.staff && askerName ? { askerName } : {}),
        }),
      {
        fields: FIELDS,
        errorAs: 'inline',
        success: (queued) => (queued.sent ? t('questions.recorded', { number: queued.answer.number }) : t('questions.outbox.queued')),
      },
    );
    if (!result) return;
    form.reset();
    // Shoelace selects keep their value through a form reset: the next question starts unchosen too.
    for (const select of this.renderRoot.querySelectorAll<HTMLElement & { value: unknown }>('sl-select')) select.value = '';
    // Sent: `question-submitted` with the server's answer (its number); kept for later: `question-queued`.
    const [type, detail] = result.sent ? ['question-submitted', result.answer] : ['question-queued', result.entry];
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  override render() {
    const errors = this.write.fieldErrors;
    const field = (name: Field) => ({ class: errors[name] ? 'invalid' : '', help: errors[name] ?? '' });
    const buildings = this.buildings.value?.buildings ?? [];
    return html`<form class="fields" @submit=${this.submit} novalidate>
      <sl-textarea
        name="text"
        label=${t('questions.text')}
        rows="4"
        minlength="2"
        maxlength="1000"
        class=${field('text').class}
        help-text=${field('text').help}
      ></sl-textarea>
      <sl-select
        name="category"
        label=${t('questions.category')}
        placeholder=${t('questions.categoryPlaceholder')}
        required
        class=${field('category').class}
        help-text=${field('category').help}
      >
        ${QUESTION_CATEGORIES.map((c) => html`<sl-option value=${c}>${optionLabel(pick(QUESTION_CATEGORY_LABELS[c]))}</sl-option>`)}
      </sl-select>
      ${
        buildings.length
          ? html`<sl-select
              name="buildingId"
              label=${t('questions.building')}
              placeholder=${t('questions.noBuilding')}
              clearable
              class=${field('buildingId').class}
              help-text=${field('buildingId').help}
            >
              ${buildings.map((b) => html`<sl-option value=${b.id}>${optionLabel(buildingLabel(b.name))}</sl-option>`)}
            </sl-select>`
          : nothing
      }
      ${
        this.staff
          ? html`<sl-input
              name="askerName"
              label=${t('questions.asker')}
              maxlength="40"
              autocomplete="off"
              class=${field('askerName').class}
              help-text=${field('askerName').help}
            ></sl-input>`
          : nothing
      }
      <sl-checkbox name="anonymous">${t('questions.anonymous')}</sl-checkbox>
      ${this.write.error ? html`<sl-alert class="form-error" variant="danger" open><p role="alert">${this.write.error}</p></sl-alert>` : nothing}
      <div class="actions"><sl-button type="submit" variant="primary" ?loading=${this.write.busy}>${t('questions.submit')}</sl-button></div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-question-form': QuestionForm;
  }
}

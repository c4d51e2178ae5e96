/**
 * Raising an evening-talk question: text, category, building, anonymous; staff recording a question
 * from the floor also note who asked. Fires `question-submitted` with the new question's number.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import { QUESTION_CATEGORIES, QUESTION_CATEGORY_LABELS, type QuestionCategory } from '@yishi/core';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, isApiError } from '../../api/client.js';
import { pick, t } from '../../i18n.js';
import { pageStyles } from '../../styles/page-styles.js';

@customElement('yishi-question-form')
export class QuestionForm extends LitElement {
  static override styles = [
    pageStyles,
    css`
      label {
        display: block;
        font-weight: 600;
        margin: 0.75rem 0 0.25rem;
      }
      label.inline {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: 400;
        min-height: var(--yishi-tap);
      }
      textarea,
      select,
      input[type='text'] {
        box-sizing: border-box;
        width: 100%;
        font: inherit;
        min-height: var(--yishi-tap);
        padding: 0.5rem;
        border: 1px solid #6b6b6b;
        border-radius: 6px;
        background: var(--yishi-surface);
        color: inherit;
      }
      textarea {
        min-height: 6rem;
      }
      .error {
        color: var(--yishi-danger-text);
      }
    `,
  ];

  @property() meetingId = '';
  @property({ attribute: false }) buildings: Array<{ id: string; name: string }> = [];
  /** Staff recording from the floor: ask who raised it. */
  @property({ type: Boolean }) staff = false;
  @state() private error = '';
  @state() private busy = false;

  private async submit(event: Event) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const askerName = String(data.get('askerName') ?? '').trim();
    this.busy = true;
    this.error = '';
    try {
      const result = await api.post<{ id: string }>(`/api/meetings/${this.meetingId}/questions`, {
        text: String(data.get('text') ?? ''),
        category: String(data.get('category') ?? 'other') as QuestionCategory,
        buildingId: String(data.get('buildingId') ?? '') || null,
        anonymous: data.get('anonymous') === 'on',
        ...(this.staff && askerName ? { askerName } : {}),
      });
      form.reset();
      this.dispatchEvent(new CustomEvent('question-submitted', { detail: result, bubbles: true, composed: true }));
    } catch (error) {
      this.error = isApiError(error) ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form @submit=${this.submit}>
      <label for="q-text">${t('questions.text')}</label>
      <textarea id="q-text" name="text" required minlength="2" maxlength="1000"></textarea>
      <label for="q-category">${t('questions.category')}</label>
      <select id="q-category" name="category">
        ${QUESTION_CATEGORIES.map((c) => html`<option value=${c}>${pick(QUESTION_CATEGORY_LABELS[c])}</option>`)}
      </select>
      ${this.buildings.length
        ? html`<label for="q-building">${t('questions.building')}</label>
            <select id="q-building" name="buildingId">
              <option value="">${t('questions.noBuilding')}</option>
              ${this.buildings.map((b) => html`<option value=${b.id}>${/^\d+$/.test(b.name) ? `${b.name}栋` : b.name}</option>`)}
            </select>`
        : nothing}
      ${this.staff ? html`<label for="q-asker">${t('questions.asker')}</label><input id="q-asker" type="text" name="askerName" maxlength="40" />` : nothing}
      <label class="inline"><input type="checkbox" name="anonymous" />${t('questions.anonymous')}</label>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="actions"><sl-button type="submit" variant="primary" ?loading=${this.busy}>${t('questions.submit')}</sl-button></div>
    </form>`;
  }
}

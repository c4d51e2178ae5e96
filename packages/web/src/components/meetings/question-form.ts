/**
 * Raising an evening-talk question: text, category, building, anonymous; staff recording a question
 * from the floor also note who asked. The category is the asker's choice: nothing is chosen for
 * them, and sending without one says so under the field. Once the question is in, a toast gives its
 * number ("问题已提交，编号 12", as it will be read out in the hall) and `question-submitted` fires
 * with the answer. It goes through the outbox (offline/outbox.ts): with no network the question is
 * kept on the device, the toast says it will be sent, and the list shows it as 待发送.
 *
 * A resident opens it from the QR code at the evening talk, on a phone and often one bar of signal:
 * native fields (native-field-styles.ts), so the page loads no Shoelace, and the phone's own picker
 * for the category and the building.
 */
import { QUESTION_CATEGORIES, QUESTION_CATEGORY_LABELS, meetingEndpoints, meetingMessages } from '@yishi/core';
import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { pick, t } from '../../i18n.js';
import { enqueue } from '../../offline/outbox.js';
import { currentLocale } from '../../state/preferences.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { buildingLabel } from './meeting-ui.js';
import { focusControl } from '../forms/form-errors.js';
import { fieldProblem, nativeField } from '../forms/native-field.js';

type Field = 'text' | 'category' | 'buildingId' | 'askerName' | 'anonymous';
const FIELDS: readonly Field[] = ['text', 'category', 'buildingId', 'askerName', 'anonymous'];

@customElement('yishi-question-form')
export class QuestionForm extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    css`
      form {
        display: grid;
        gap: 1rem;
        max-width: 36rem;
      }
      textarea.input {
        min-height: 7rem;
      }
    `,
  ];

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
    // Both said at once, before anything is sent or kept for later (offline, an empty question would wait in the
    // outbox only to be refused). Core's words, the same the server gives: from the meetings' own table, not every
    // feature's (core's errorMessage), which would load every error's words with the page.
    const missing: Partial<Record<Field, string>> = {};
    if (this.value('text').length < 2) missing.text = meetingMessages.question_text_required[currentLocale()];
    if (!category) missing.category = meetingMessages.question_category_required[currentLocale()];
    if (!category || missing.text) {
      this.write.clear();
      this.write.fieldErrors = missing;
      await focusControl(this, missing.text ? 'text' : 'category');
      return;
    }
    const anonymous = this.renderRoot.querySelector<HTMLInputElement>('input[name="anonymous"]')?.checked ?? false;
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
    // The next question starts empty and unchosen (each select's first option, "choose…").
    form.reset();
    // Sent: `question-submitted` with the server's answer (its number); kept for later: `question-queued`.
    const [type, detail] = result.sent ? ['question-submitted', result.answer] : ['question-queued', result.entry];
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  override render() {
    const buildings = this.buildings.value?.buildings ?? [];
    return html`<form @submit=${this.submit} novalidate>
      <fieldset class="sending" ?disabled=${this.write.busy}>
        ${this.field(
          'text',
          t('questions.text'),
          html`<textarea class="input" id="question-text" name="text" rows="4" minlength="2" maxlength="1000" ${this.problem('text')}></textarea>`,
        )}
        ${this.field(
          'category',
          t('questions.category'),
          html`<select class="input" id="question-category" name="category" required ${this.problem('category')}>
            <option value="">${t('questions.categoryPlaceholder')}</option>
            ${QUESTION_CATEGORIES.map((c) => html`<option value=${c}>${pick(QUESTION_CATEGORY_LABELS[c])}</option>`)}
          </select>`,
        )}
        ${
          buildings.length
            ? this.field(
                'buildingId',
                t('questions.building'),
                html`<select class="input" id="question-buildingId" name="buildingId" ${this.problem('buildingId')}>
                  <option value="">${t('questions.noBuilding')}</option>
                  ${buildings.map((b) => html`<option value=${b.id}>${buildingLabel(b.name)}</option>`)}
                </select>`,
              )
            : nothing
        }
        ${
          this.staff
            ? this.field(
                'askerName',
                t('questions.asker'),
                html`<input class="input" id="question-askerName" name="askerName" maxlength="40" autocomplete="off" ${this.problem('askerName')} />`,
              )
            : nothing
        }
        <label class="check"><input type="checkbox" name="anonymous" />${t('questions.anonymous')}</label>
        ${this.write.error ? html`<p class="form-error" role="alert">${this.write.error}</p>` : nothing}
        <div>
          <button class="button primary" type="submit" ?disabled=${this.write.busy} aria-busy=${this.write.busy}>${t('questions.submit')}</button>
        </div>
      </fieldset>
    </form>`;
  }

  /** A field: its label tied to its control (`question-<name>`), and its problem under it. */
  private field(name: Field, label: string, control: TemplateResult) {
    return nativeField(`question-${name}`, label, control, this.write.fieldErrors[name]);
  }

  /** On a field's control: invalid while it has a problem, described by it. */
  private problem(name: Field) {
    return fieldProblem(`question-${name}`, this.write.fieldErrors[name]);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-question-form': QuestionForm;
  }
}

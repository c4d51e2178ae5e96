/**
 * The working days an item is due in (办理时限), as a number field: 5 unless the worker gives another,
 * a whole number from 1 to 60 (core's bounds, which the server holds too). Under it, the date that
 * makes, counted on the official calendar from today (workday-due.ts, fetched when the field is first
 * drawn; until then, or with no signal, the date is simply not shown). Used when an evening-talk
 * question is put on the question list (questions-panel.ts) and when an item is listed by hand
 * (action-item-form.ts).
 *
 * The form reads `workdays` (null when what is typed is not such a number) and, for its refusal,
 * `problem`; it passes its words about the field back in `error` and focuses the control named
 * `deadlineWorkdays` (focusControl). Native, no Shoelace: staff list questions on a phone in the hall.
 */
import { DEFAULT_DEADLINE_WORKDAYS, MAX_DEADLINE_WORKDAYS, MIN_DEADLINE_WORKDAYS, type WorkdayDeadline } from '@yishi/core';
import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDate } from '../../format/format.js';
import { t } from '../../i18n.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { fieldProblem, nativeField } from '../forms/native-field.js';

const ID = 'deadlineWorkdays';

@customElement('yishi-deadline-field')
export class DeadlineField extends YishiElement {
  static override styles = [YishiElement.styles, nativeFieldStyles];

  /** The form's or the server's words about the field. */
  @property() error = '';
  @state() private typed = String(DEFAULT_DEADLINE_WORKDAYS);
  /** Counts the date, once its code has come. */
  @state() private dueFromToday: ((workdays: number) => WorkdayDeadline) | null = null;

  /** The working days typed, or null when they are not a whole number from 1 to 60. */
  get workdays(): number | null {
    const days = Number(this.typed);
    const whole = this.typed.trim() !== '' && Number.isInteger(days);
    return whole && days >= MIN_DEADLINE_WORKDAYS && days <= MAX_DEADLINE_WORKDAYS ? days : null;
  }

  /** What is wrong with what is typed, in words; '' when nothing. */
  get problem(): string {
    return this.workdays === null ? t('ai.workdaysRange', { min: MIN_DEADLINE_WORKDAYS, max: MAX_DEADLINE_WORKDAYS }) : '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The date helps; the field works without it (its code did not come: no signal, nothing cached).
    import('./workday-due.js').then(
      (module) => (this.dueFromToday = module.dueFromToday),
      () => undefined,
    );
  }

  override render() {
    const days = this.workdays;
    const due = days !== null ? this.dueFromToday?.(days) : undefined;
    const hint = due ? `${t('ai.workdaysDue', { date: formatDate(due.dueDate) })}${due.calendarMissing ? t('ai.provisional') : ''}` : undefined;
    return nativeField(
      ID,
      t('ai.workdays'),
      html`<input
        class="input"
        id=${ID}
        name=${ID}
        type="number"
        inputmode="numeric"
        min=${MIN_DEADLINE_WORKDAYS}
        max=${MAX_DEADLINE_WORKDAYS}
        step="1"
        .value=${this.typed}
        @input=${(e: Event) => (this.typed = (e.target as HTMLInputElement).value)}
        ${fieldProblem(ID, this.error || undefined, hint)}
      />`,
      this.error || undefined,
      hint,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-deadline-field': DeadlineField;
  }
}

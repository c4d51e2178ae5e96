/**
 * A native field whose value the form reads when it is sent (not kept by the page, unlike
 * text-field.ts): a one-line input or a text area, with its label, its problem and hint read with it
 * (native-field.ts), its first value from `value`, and `onInput` to forget the problem once edited.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fieldProblem, nativeField } from './native-field.js';

interface FormField {
  /** The control's id and name. */
  name: string;
  label: string;
  error?: string;
  hint?: string;
  maxlength?: number;
  placeholder?: string;
  onInput?: () => void;
}

export interface InputField extends FormField {
  type?: 'text' | 'tel' | 'number' | 'datetime-local';
  inputmode?: 'text' | 'numeric';
  autocomplete?: string;
  value?: string;
  min?: number;
  max?: number;
}

export function inputField(f: InputField) {
  return nativeField(
    f.name,
    f.label,
    html`<input
      class="input"
      id=${f.name}
      name=${f.name}
      type=${f.type ?? 'text'}
      inputmode=${ifDefined(f.inputmode ?? (f.type === 'number' ? 'numeric' : undefined))}
      autocomplete=${f.autocomplete ?? 'off'}
      value=${f.value ?? ''}
      maxlength=${ifDefined(f.maxlength)}
      min=${ifDefined(f.min)}
      max=${ifDefined(f.max)}
      placeholder=${ifDefined(f.placeholder)}
      @input=${() => f.onInput?.()}
      ${fieldProblem(f.name, f.error, f.hint)}
    />`,
    f.error,
    f.hint,
  );
}

export function textareaField(f: FormField & { rows: number }) {
  return nativeField(
    f.name,
    f.label,
    html`<textarea
      class="input"
      id=${f.name}
      name=${f.name}
      rows=${f.rows}
      maxlength=${ifDefined(f.maxlength)}
      placeholder=${ifDefined(f.placeholder)}
      @input=${() => f.onInput?.()}
      ${fieldProblem(f.name, f.error, f.hint)}
    ></textarea>`,
    f.error,
    f.hint,
  );
}

/**
 * A native one-line text field (native-field.ts) the page keeps the value of: its label, its
 * problem and its hint, and the keyboard and autofill a phone should offer for it. Lit cannot spread
 * attributes, so the few that differ between fields are options here.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { fieldProblem, nativeField } from './native-field.js';

export interface TextField {
  /** The control's id and name. */
  name: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  type?: 'text' | 'tel' | 'email' | 'url';
  inputmode?: 'text' | 'numeric' | 'email' | 'url';
  autocomplete?: string;
  autocapitalize?: 'off' | 'characters';
  maxlength?: number;
  /** Extra classes of the control (beside `input`). */
  className?: string;
  onInput: (value: string) => void;
}

export function textField(f: TextField) {
  return nativeField(
    f.name,
    f.label,
    html`<input
      class="input ${f.className ?? ''}"
      id=${f.name}
      name=${f.name}
      type=${f.type ?? 'text'}
      inputmode=${ifDefined(f.inputmode)}
      autocomplete=${f.autocomplete ?? 'off'}
      autocapitalize=${ifDefined(f.autocapitalize)}
      spellcheck=${f.autocapitalize ? 'false' : 'true'}
      maxlength=${ifDefined(f.maxlength)}
      .value=${live(f.value)}
      @input=${(e: Event) => f.onInput((e.target as HTMLInputElement).value)}
      ${fieldProblem(f.name, f.error, f.hint)}
    />`,
    f.error,
    f.hint,
  );
}

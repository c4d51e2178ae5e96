/**
 * A native choice of one among a few (radio buttons in a fieldset), for choices whose words must be
 * read whole: a closed select cuts a long option off on a phone, and an elderly owner should see
 * every choice without opening a picker. Each choice is a row as tall as a tap target; the group's
 * problem, if any, is said under it and read with it (aria-describedby on the group), above its
 * standing hint. The form reads the chosen value by name (FormData, or the checked radio).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

export interface Choice {
  value: string;
  label: string | TemplateResult;
}

export interface ChoiceField {
  /** The radios' name; the problem's id is `${name}-problem`, the hint's `${name}-hint`. */
  name: string;
  legend: string;
  choices: readonly Choice[];
  /** The choice ticked when the form is drawn (none when absent). */
  initial?: string;
  error?: string;
  hint?: string;
  onChange?: (value: string) => void;
}

export function choiceField(f: ChoiceField): TemplateResult {
  const describedBy = [f.error && `${f.name}-problem`, f.hint && `${f.name}-hint`].filter(Boolean).join(' ');
  return html`<fieldset
    class="choices"
    aria-describedby=${ifDefined(describedBy || undefined)}
    @change=${(e: Event) => f.onChange?.((e.target as HTMLInputElement).value)}
  >
    <legend class="label">${f.legend}</legend>
    ${f.choices.map(
      (c) =>
        html`<label class="check choice"
          ><input type="radio" name=${f.name} value=${c.value} ?checked=${c.value === f.initial} aria-invalid=${f.error ? 'true' : 'false'} />${c.label}</label
        >`,
    )}
    ${f.error ? html`<p class="help invalid" id=${`${f.name}-problem`}>${f.error}</p>` : nothing}
    ${f.hint ? html`<p class="help" id=${`${f.name}-hint`}>${f.hint}</p>` : nothing}
  </fieldset>`;
}

/**
 * A native field (styles/native-field-styles.ts): its label tied to its control by id, and its
 * problem, if any, under it in words, read with it (the control's `aria-describedby`). Lit cannot
 * spread attributes, so the control carries its own: `aria-invalid=${invalid(error)}` and
 * `aria-describedby=${problemId(id, error)}`.
 */
import { html, nothing, type TemplateResult } from 'lit';

export function nativeField(id: string, label: string, control: TemplateResult, error?: string): TemplateResult {
  return html`<div class="field">
    <label class="label" for=${id}>${label}</label>
    ${control} ${error ? html`<p class="help invalid" id=${`${id}-problem`}>${error}</p>` : nothing}
  </div>`;
}

export function invalid(error?: string): 'true' | 'false' {
  return error ? 'true' : 'false';
}

export function problemId(id: string, error?: string): string | typeof nothing {
  return error ? `${id}-problem` : nothing;
}

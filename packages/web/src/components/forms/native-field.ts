/**
 * A native field (styles/native-field-styles.ts): its label tied to its control by id, and its
 * problem, if any, under it in words, read with it. The control carries `${fieldProblem(id, error)}`,
 * which marks it invalid and points its `aria-describedby` at the problem (Lit cannot spread
 * attributes, so one directive sets both).
 */
import { html, nothing, noChange, type TemplateResult } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

export function nativeField(id: string, label: string, control: TemplateResult, error?: string): TemplateResult {
  return html`<div class="field">
    <label class="label" for=${id}>${label}</label>
    ${control} ${error ? html`<p class="help invalid" id=${`${id}-problem`}>${error}</p>` : nothing}
  </div>`;
}

class FieldProblem extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('fieldProblem() belongs on a form control');
  }

  override update(part: ElementPart, [id, error]: [string, string | undefined]): unknown {
    const control = part.element;
    control.setAttribute('aria-invalid', error ? 'true' : 'false');
    if (error) control.setAttribute('aria-describedby', `${id}-problem`);
    else control.removeAttribute('aria-describedby');
    return noChange;
  }

  render(_id: string, _error: string | undefined): unknown {
    return noChange;
  }
}

/** On the control of `nativeField(id, …, error)`: invalid while there is an error, described by it. */
export const fieldProblem = directive(FieldProblem);

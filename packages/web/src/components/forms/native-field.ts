/**
 * A native field (styles/native-field-styles.ts): its label tied to its control by id, and its
 * problem, if any, under it in words, read with it, above its standing hint, if it has one. The
 * control carries `${fieldProblem(id, error, hint)}`, which marks it invalid and points its
 * `aria-describedby` at the problem and the hint (Lit cannot spread attributes, so one directive
 * sets both).
 */
import { html, nothing, noChange, type TemplateResult } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

export function nativeField(id: string, label: string, control: TemplateResult, error?: string, hint?: string): TemplateResult {
  return html`<div class="field">
    <label class="label" for=${id}>${label}</label>
    ${control} ${error ? html`<p class="help invalid" id=${`${id}-problem`}>${error}</p>` : nothing}
    ${hint ? html`<p class="help" id=${`${id}-hint`}>${hint}</p>` : nothing}
  </div>`;
}

class FieldProblem extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('fieldProblem() belongs on a form control');
  }

  override update(part: ElementPart, [id, error, hint]: [string, string | undefined, string | undefined]): unknown {
    const control = part.element;
    control.setAttribute('aria-invalid', error ? 'true' : 'false');
    const describedBy = [error && `${id}-problem`, hint && `${id}-hint`].filter(Boolean).join(' ');
    if (describedBy) control.setAttribute('aria-describedby', describedBy);
    else control.removeAttribute('aria-describedby');
    return noChange;
  }

  render(_id: string, _error: string | undefined, _hint?: string): unknown {
    return noChange;
  }
}

/** On the control of `nativeField(id, …, error, hint)`: invalid while there is an error, described by it and the hint. */
export const fieldProblem = directive(FieldProblem);

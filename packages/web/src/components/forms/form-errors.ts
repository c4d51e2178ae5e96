/**
 * Errors next to the field they are about, for every form: the help-text slot that shows a field's
 * problem above its standing hint, the control marked invalid for the browser and Shoelace, focus
 * moved to it, and their styles. Which field a problem belongs to is api/field-errors.ts's job.
 * The words are the server's, in the reader's language; the field's red border is only a second cue.
 */
import { css, html, nothing, type LitElement, type TemplateResult } from 'lit';

/** The help-text slot of a Shoelace control: the error (if any) above the standing hint (if any). */
export function helpText(error: string | undefined, hint?: string): TemplateResult | typeof nothing {
  if (!error && !hint) return nothing;
  return html`<div slot="help-text">
    ${error ? html`<span class="field-error">${error}</span>` : nothing}${hint ? html`<span class="field-hint">${hint}</span>` : nothing}
  </div>`;
}

type ShoelaceControl = HTMLElement & { setCustomValidity?: (message: string) => void; hasUpdated?: boolean; updateComplete?: Promise<unknown> };

/** A form control by name (not a tab panel or anything else that has a name). */
function controlSelector(name: string): string {
  return `:is(sl-input, sl-checkbox, sl-radio-group, sl-select, sl-textarea, input, select, textarea)[name="${name}"]`;
}

/**
 * Marks the named controls invalid (or valid again) for the browser and Shoelace's styling; call
 * from `updated()`. The message itself is shown by helpText.
 */
export function syncValidity(root: ParentNode, errors: Record<string, string | undefined>, names: readonly string[]): void {
  for (const name of names) {
    const control = root.querySelector<ShoelaceControl>(controlSelector(name));
    if (!control?.setCustomValidity) continue;
    const message = errors[name] ?? '';
    // A control created in this very render has no inner input until its own first render.
    if (control.hasUpdated === false) void control.updateComplete?.then(() => control.setCustomValidity?.(message));
    else control.setCustomValidity(message);
  }
}

/** Moves focus to the named control once the page has rendered (the error is read with it). */
export async function focusControl(host: LitElement, name: string): Promise<void> {
  await host.updateComplete;
  const control = host.renderRoot.querySelector<HTMLElement>(controlSelector(name));
  if (!control) return;
  // A Shoelace control may still be rendering, and a tab panel just created shows itself a moment
  // later (the tab group activates it asynchronously): focus() on something hidden does nothing.
  await (control as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  for (let frame = 0; frame < 30 && !control.checkVisibility(); frame++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  control.focus();
}

export const formErrorStyles = css`
  .field-error {
    display: block;
    color: var(--yishi-danger-text);
    font-weight: 600;
  }
  .field-hint {
    display: block;
    color: var(--yishi-muted);
  }
  sl-input[data-invalid]::part(base),
  sl-checkbox[data-invalid]::part(control) {
    border-color: var(--yishi-danger-text);
  }
  sl-input::part(form-control-help-text),
  sl-checkbox::part(form-control-help-text),
  sl-radio-group::part(form-control-help-text) {
    font-size: 0.9375rem;
    line-height: 1.5;
    margin-top: 0.25rem;
  }
  sl-input::part(form-control-label),
  sl-radio-group::part(form-control-label) {
    font-weight: 600;
  }
`;

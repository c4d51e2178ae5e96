/**
 * The standard loading, error and empty states, so every page says the same thing the same way:
 * a spinner with words while loading, the server's own message with a retry button on failure.
 * Drawn without Shoelace: the shell shows them before any page (and its components) has loaded.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LoadController } from '../../controllers/load-controller.js';
import { t } from '../../i18n.js';

export function renderLoading(text: string = t('state.loading')): TemplateResult {
  return html`<div class="state state-loading" role="status" aria-live="polite"><span class="spinner" aria-hidden="true"></span><span>${text}</span></div>`;
}

export function renderError(message: string, retry?: () => void): TemplateResult {
  return html`<div class="state state-error" role="alert">
    <strong>${t('state.errorTitle')}</strong>
    <p>${message}</p>
    ${retry ? html`<button type="button" class="link-button" @click=${retry}>${t('state.retry')}</button>` : nothing}
  </div>`;
}

export function renderEmpty(text: string = t('state.empty')): TemplateResult {
  return html`<p class="state state-empty">${text}</p>`;
}

/** Renders a LoadController (or a PagedController's first page): loading → spinner, error → message + retry, ready → `ready(value)`. */
export function renderLoad<T>(load: Pick<LoadController<T>, 'status' | 'error' | 'value' | 'reload'>, ready: (value: T) => unknown): unknown {
  if (load.status === 'error' && load.error) return renderError(load.error.message, () => void load.reload());
  if (load.status === 'ready' && load.value !== undefined) return ready(load.value);
  return renderLoading();
}

/**
 * The standard loading, error and empty states, so every page says the same thing the same way:
 * a spinner with words while loading, the server's own message with a retry button on failure.
 */
import '@shoelace-style/shoelace/dist/components/spinner/spinner.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { LoadController } from '../../controllers/load-controller.js';
import { t } from '../../i18n.js';

export function renderLoading(text: string = t('state.loading')): TemplateResult {
  return html`<div class="state state-loading" role="status" aria-live="polite"><sl-spinner aria-hidden="true"></sl-spinner><span>${text}</span></div>`;
}

export function renderError(message: string, retry?: () => void): TemplateResult {
  return html`<sl-alert class="state state-error" variant="danger" open>
    <strong>${t('state.errorTitle')}</strong>
    <p>${message}</p>
    ${retry ? html`<sl-button variant="default" @click=${retry}>${t('state.retry')}</sl-button>` : nothing}
  </sl-alert>`;
}

export function renderEmpty(text: string = t('state.empty')): TemplateResult {
  return html`<p class="state state-empty">${text}</p>`;
}

/** Renders a LoadController: loading → spinner, error → message + retry, ready → `ready(value)`. */
export function renderLoad<T>(load: LoadController<T>, ready: (value: T) => unknown): unknown {
  if (load.status === 'error' && load.error) return renderError(load.error.message, () => void load.reload());
  if (load.status === 'ready' && load.value !== undefined) return ready(load.value);
  return renderLoading();
}

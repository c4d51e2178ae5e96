/**
 * The confirmation before an item is marked resolved (办结) on its page (action-item-page.ts): the
 * item then goes to the service station, which checks the work and signs it off with a number (or
 * sends it back), so the worker sees what goes with it — the evidence text and the photos — and may
 * still go back to the form. A native modal <dialog> that the page keeps open while its state says
 * so (components/common/modal.ts), like the sign-off's and the meeting steps' confirmations.
 */
import { html, nothing } from 'lit';
import { labelled } from '../../components/action-items/action-item-badges.js';
import { t } from '../../i18n.js';

/** What the resolve form sends once confirmed. */
export interface PendingResolution {
  form: HTMLFormElement;
  evidence: string;
  photoIds: string[];
  /** The chosen photos' previews, in the same order. */
  previews: string[];
}

export const RESOLVE_DIALOG = 'resolve-dialog';

export function renderResolveDialog(pending: PendingResolution | null, options: { busy: boolean; cancel: () => void; confirm: () => void }) {
  return html`<dialog class="dialog" id=${RESOLVE_DIALOG} aria-labelledby="resolve-title" aria-describedby="resolve-what" @close=${options.cancel}>
    <h2 id="resolve-title">${t('ai.resolveConfirmTitle')}</h2>
    <p id="resolve-what">${t('ai.resolveConfirm')}</p>
    ${
      pending
        ? html`<p class="typed">${labelled(html`<strong>${t('ai.evidence')}</strong>`, pending.evidence)}</p>
            ${
              pending.previews.length > 0
                ? html`<ul class="photo-grid">
                    ${pending.previews.map((url, i) => html`<li><img src=${url} alt=${t('ai.evidencePhotoAlt', { n: i + 1 })} /></li>`)}
                  </ul>`
                : html`<p class="muted">${t('ai.resolveNoPhotos')}</p>`
            }`
        : nothing
    }
    <div class="actions">
      <button type="button" class="button" @click=${options.cancel}>${t('ai.cancel')}</button>
      <button type="button" class="button primary" ?disabled=${options.busy} aria-busy=${options.busy ? 'true' : 'false'} @click=${options.confirm}>
        ${t('ai.resolveConfirmButton')}
      </button>
    </div>
  </dialog>`;
}

/**
 * The words a page shows above an answer kept on this device (LoadController's `stale`, issue 19): offline, and
 * when what is shown was saved. Drawn without Shoelace, like the load states. Add `staleNoteStyles` to the page's styles.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Staleness } from '../../controllers/load-controller.js';
import { formatDate, formatDateTime, formatTime } from '../../format/format.js';
import { t } from '../../i18n.js';

/** HH:mm when the copy is from today (Beijing time), the date too when older. */
export function savedTime(savedAt: Date): string {
  return formatDate(savedAt) === formatDate(new Date()) ? formatTime(savedAt) : formatDateTime(savedAt);
}

export function renderStaleNote(stale: Staleness | null): TemplateResult | typeof nothing {
  if (!stale) return nothing;
  return html`<p class="offline-note" role="status">${t('offline.savedAt', { time: savedTime(stale.savedAt) })}</p>`;
}

export const staleNoteStyles = css`
  .offline-note {
    margin: 0 0 1rem;
    padding: 0.5rem 0.75rem;
    border-left: 4px solid var(--sl-color-warning-600, #d97706);
    background: var(--sl-color-warning-50, #fffbeb);
    color: var(--yishi-text);
    font-weight: 600;
  }
`;

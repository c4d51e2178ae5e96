/**
 * Publishing a correction of published minutes: its reason, its button, and the confirmation it asks
 * for first (version N+1 is as permanent as the first; the first publication asks, so does this).
 */
import type { MinutesHeaderFields } from '@yishi/core';
import { html, nothing } from 'lit';
import { renderFormError } from '../accounts/account-form.js';
import { textField } from '../forms/text-field.js';
import { t } from '../../i18n.js';

export interface CorrectionForm {
  /** Versions published so far: the correction is the next. */
  versions: number;
  /**
   * The draft's text and heading are those of the latest published version (its number): nothing to
   * correct, so the button stays disabled and says why (the server refuses it too).
   */
  unchangedFrom: number | null;
  reason: string;
  reasonError: string | undefined;
  formError: string | null;
  busy: boolean;
  online: boolean;
  /** The confirmation is open. */
  asking: boolean;
  onReason: (value: string) => void;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}

/** The dialog's id, for the page to open and close it as `asking` says (components/common/modal.ts). */
export const CORRECTION_DIALOG = 'correct-dialog';

/** The draft says what the latest published version says: its text (trimmed, as the server compares) and heading. */
export function sameAsLatest(
  versions: readonly { version: number; body: string; header: MinutesHeaderFields }[],
  body: string,
  header: MinutesHeaderFields,
): number | null {
  if (versions.length === 0) return null;
  const latest = versions.reduce((a, b) => (b.version > a.version ? b : a));
  const fields = ['recorder', 'issuer', 'convener', 'place'] as const;
  const same = latest.body.trim() === body.trim() && fields.every((k) => latest.header[k] === header[k]);
  return same ? latest.version : null;
}

export function correctionSection(f: CorrectionForm) {
  const next = f.versions + 1;
  return html`<h2>${t('minutes.correct')}</h2>
    <p class="muted">${t('minutes.correctHelp')}</p>
    <div class="correction">
      ${textField({ name: 'reason', label: t('minutes.reason'), value: f.reason, maxlength: 500, error: f.reasonError, onInput: f.onReason })}
    </div>
    <div class="actions">
      <button
        type="button"
        class="button primary"
        ?disabled=${f.busy || f.reason.trim().length < 2 || !f.online || f.unchangedFrom !== null}
        aria-busy=${f.busy ? 'true' : 'false'}
        aria-describedby=${f.unchangedFrom !== null ? 'correction-unchanged' : nothing}
        @click=${f.onAsk}
      >
        ${t('minutes.correct')}
      </button>
      ${
        f.unchangedFrom !== null
          ? html`<p class="muted correction-unchanged" id="correction-unchanged" role="status">
              ${t('minutes.correctionUnchanged', { version: f.unchangedFrom })}
            </p>`
          : nothing
      }
      ${f.online ? nothing : html`<p class="muted offline-publish" role="status">${t('minutes.publishOffline')}</p>`}
    </div>
    ${renderFormError(f.formError)}
    <dialog class="dialog" id=${CORRECTION_DIALOG} aria-labelledby="correct-title" @close=${f.onCancel}>
      <h2 id="correct-title">${t('minutes.correctConfirmTitle', { version: next })}</h2>
      <p>${t('minutes.correctConfirmBody', { version: next, previous: f.versions, reason: f.reason.trim() })}</p>
      <div class="actions">
        <button type="button" class="button" @click=${f.onCancel}>${t('minutes.cancel')}</button>
        <button type="button" class="button primary" ?disabled=${!f.online} @click=${f.onConfirm}>${t('minutes.correctConfirm', { version: next })}</button>
      </div>
    </dialog>`;
}

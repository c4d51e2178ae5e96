/**
 * Where members sign the minutes in the app (an owners' committee meeting): each attending member's
 * signature of the draft as it stands, who is still to sign, and my button with the confirmation it
 * asks for first (the page opens and closes the dialog, `sign-dialog`, as its state says).
 */
import type { StaffMinutes } from '@yishi/core';
import { html, nothing } from 'lit';
import { t } from '../../i18n.js';
import './minutes-signatures.js';

export interface SignaturesSection {
  minutes: StaffMinutes;
  busy: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onSign: () => void;
}

export function signaturesSection({ minutes: m, busy, onAsk, onCancel, onSign }: SignaturesSection) {
  const s = m.signatures;
  if (!s || !m.draft) return nothing;
  const missing = s.signers.filter((x) => x.signedAt === null).map((x) => x.name);
  return html`<section aria-labelledby="signatures">
    <h2 id="signatures">${t('committee.signatures')}</h2>
    <p class="muted">${t('committee.signaturesHelp')}</p>
    <yishi-minutes-signatures .signers=${s.signers}></yishi-minutes-signatures>
    ${
      m.versions.length === 0 && missing.length > 0
        ? html`<p role="status">${t('committee.waitingSignatures', { names: missing.join(t('meetings.listSeparator')) })}</p>`
        : nothing
    }
    ${
      m.may.sign
        ? html`<div class="actions">
            <button type="button" class="button primary" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'} @click=${onAsk}>${t('committee.sign')}</button>
          </div>`
        : nothing
    }
    <dialog class="dialog sign" id="sign-dialog" aria-labelledby="sign-title" @close=${onCancel}>
      <h2 id="sign-title">${t('committee.signTitle')}</h2>
      <p>${t('committee.signConfirm')}</p>
      <div class="actions">
        <button type="button" class="button" @click=${onCancel}>${t('minutes.cancel')}</button>
        <button type="button" class="button primary" @click=${onSign}>${t('committee.sign')}</button>
      </div>
    </dialog>
  </section>`;
}

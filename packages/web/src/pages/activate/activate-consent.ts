/**
 * Step 2 of activating an account (activate-page.ts): the privacy notice in full, and its required
 * "我已阅读并同意". An owner or resident reads the residents' notice; a staff member or four-party
 * representative with no flat reads the staff notice (their grants and their actions, not a flat);
 * a building head who owns a flat reads both, each under its heading. The server records the same.
 */
import { PRIVACY_NOTICE, PRIVACY_NOTICE_STAFF, type PrivacyNoticeAudience } from '@yishi/core';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { fieldProblem } from '../../components/forms/native-field.js';
import { t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';

export interface ConsentStep {
  audience: PrivacyNoticeAudience;
  consent: boolean;
  /** The server's words when the consent is missing. */
  error: string | undefined;
  onConsent: (checked: boolean) => void;
  onBack: () => void;
  onSubmit: (event: Event) => void;
}

export function renderConsentStep(s: ConsentStep) {
  return html`<form class="fields" @submit=${s.onSubmit} novalidate>
    <p>${t('activate.privacyIntro')}</p>
    ${s.audience === 'both' ? html`<h3>${t('activate.noticeResident')}</h3>` : nothing}
    ${s.audience === 'staff' ? nothing : notice(PRIVACY_NOTICE[currentLocale()], t('activate.step2'))}
    ${s.audience === 'both' ? html`<h3>${t('activate.noticeStaff')}</h3>` : nothing}
    ${s.audience === 'resident' ? nothing : notice(PRIVACY_NOTICE_STAFF[currentLocale()], s.audience === 'both' ? t('activate.noticeStaff') : t('activate.step2'))}
    <div class="field">
      <label class="check consent"
        ><input
          type="checkbox"
          id="consent"
          name="consent"
          .checked=${live(s.consent)}
          @change=${(e: Event) => s.onConsent((e.target as HTMLInputElement).checked)}
          ${fieldProblem('consent', s.error)}
        />${t('activate.agree')}</label
      >
      ${s.error ? html`<p class="help invalid" id="consent-problem">${s.error}</p>` : nothing}
    </div>
    <div class="nav">
      <button type="button" class="button" @click=${s.onBack}>${t('accounts.back')}</button>
      <button type="submit" class="button primary">${t('accounts.next')}</button>
    </div>
  </form>`;
}

function notice(paragraphs: readonly string[], label: string) {
  return html`<section class="card notice" aria-label=${label}>${paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}</section>`;
}

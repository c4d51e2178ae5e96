/** Step 2 of activating an account (activate-page.ts): the privacy notice in full, and its required "我已阅读并同意". */
import { PRIVACY_NOTICE } from '@yishi/core';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { fieldProblem } from '../../components/forms/native-field.js';
import { t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';

export interface ConsentStep {
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
    <section class="card notice" aria-label=${t('activate.step2')}>${PRIVACY_NOTICE[currentLocale()].map((paragraph) => html`<p>${paragraph}</p>`)}</section>
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

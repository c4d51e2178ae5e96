/** Step 2 of activating an account (activate-page.ts): the privacy notice in full, and its required "我已阅读并同意". */
import { PRIVACY_NOTICE } from '@yishi/core';
import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import { helpText } from '../../components/forms/form-errors.js';
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
    <sl-checkbox
      name="consent"
      size="large"
      class="consent"
      .checked=${live(s.consent)}
      @sl-change=${(e: Event) => s.onConsent((e.target as HTMLInputElement).checked)}
      >${t('activate.agree')}${helpText(s.error)}</sl-checkbox
    >
    <div class="nav">
      <sl-button size="large" @click=${s.onBack}>${t('accounts.back')}</sl-button>
      <sl-button type="submit" variant="primary" size="large">${t('accounts.next')}</sl-button>
    </div>
  </form>`;
}

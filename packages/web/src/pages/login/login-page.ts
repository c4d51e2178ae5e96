/**
 * Login with phone number or username and password. The elder-mode switch sits on this first
 * screen too (MIIT asks for it where people first land); a wrong password is said in words.
 */
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/switch/switch.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { isApiError } from '../../api/client.js';
import { navigate, safeNext } from '../../app/router.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { t } from '../../i18n.js';
import { isElderMode, setElderMode } from '../../state/preferences.js';
import { logIn } from '../../state/session.js';
import { pageStyles } from '../../styles/page-styles.js';

@customElement('yishi-login-page')
export class LoginPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .panel {
        max-width: 28rem;
        margin: 0 auto;
      }
      .elder {
        display: flex;
        flex-direction: column;
        gap: 0.25rem;
        background: #fffbeb;
        border: 2px solid #b45309;
        border-radius: var(--yishi-radius);
        padding: 0.75rem 1rem;
        margin-bottom: 1.25rem;
      }
      .elder sl-switch::part(label) {
        font-size: 1.15rem;
        font-weight: 700;
      }
      form {
        display: grid;
        gap: 1rem;
      }
      sl-button[type='submit'] {
        width: 100%;
      }
      .public-hint {
        margin-top: 1.5rem;
      }
      sl-alert p {
        margin: 0.25rem 0 0;
      }
    `,
  ];

  @state() private busy = false;
  @state() private error: string | null = null;

  private readonly prefs = new PreferencesController(this);

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const login = String(data.get('login') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (login === '' || password === '') {
      this.error = t('login.required');
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      await logIn(login, password);
      navigate(safeNext(new URLSearchParams(location.search).get('next')), { replace: true });
    } catch (error) {
      this.error = isApiError(error) ? error.message : String(error);
      const field = this.renderRoot.querySelector<HTMLElement>('sl-input[name="password"]');
      field?.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<div class="panel">
      <h1>${t('login.heading')}</h1>
      <div class="elder">
        <sl-switch
          ?checked=${isElderMode()}
          @sl-change=${(e: Event) => setElderMode((e.target as HTMLInputElement).checked)}
          >${t('shell.elder')}</sl-switch
        >
        <span class="muted">${t('login.elderHint')}</span>
      </div>
      <p class="lead">${t('login.intro')}</p>
      ${this.error
        ? html`<sl-alert class="login-error" variant="danger" open>
            <strong>${t('login.failed')}</strong>
            <p>${this.error}</p>
          </sl-alert>`
        : nothing}
      <form @submit=${this.submit} novalidate>
        <sl-input
          name="login"
          label=${t('login.login')}
          autocomplete="username"
          inputmode="text"
          autocapitalize="off"
          spellcheck="false"
        ></sl-input>
        <sl-input name="password" type="password" label=${t('login.password')} autocomplete="current-password" password-toggle></sl-input>
        <sl-button type="submit" variant="primary" size="large" ?loading=${this.busy}>${t('login.submit')}</sl-button>
      </form>
      <p class="muted public-hint">${t('login.publicHint')}</p>
    </div>`;
  }
}

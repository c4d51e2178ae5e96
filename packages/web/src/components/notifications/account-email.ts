/**
 * The e-mail address for notices, on "My account": optional, seen by the person alone (never by
 * staff), removed by saving it empty. Links to the notification settings.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import { notificationEndpoints } from '@yishi/core';
import { css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { api } from '../../api/client.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { formStyles } from '../../styles/form-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { formErrorStyles, helpText, syncValidity } from '../forms/form-errors.js';

type Field = 'email';
const FIELDS: readonly Field[] = ['email'];

@customElement('yishi-account-email')
export class AccountEmail extends YishiElement {
  static override styles = [
    YishiElement.styles,
    formStyles,
    formErrorStyles,
    css`
      form.fields {
        margin-bottom: 0.5rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
      }
      .actions a {
        display: inline-flex;
        align-items: center;
        min-height: var(--yishi-tap);
      }
    `,
  ];

  @state() private value: string | null = null;
  private readonly write = new WriteController<Field>(this);
  private readonly load = new LoadController(this, (signal) => api.call(notificationEndpoints.email, { signal }));

  protected override updated(): void {
    syncValidity(this.renderRoot, this.write.fieldErrors, FIELDS);
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const email = (this.value ?? this.load.value?.email ?? '').trim();
    const saved = await this.write.run(() => api.call(notificationEndpoints.setEmail, { body: { email } }), {
      fields: FIELDS,
      fieldOfCode: { email_invalid: 'email' },
      errorAs: 'inline',
      success: (answer) => (answer.email ? t('notify.emailSaved') : t('notify.emailRemoved')),
    });
    if (saved) {
      this.load.value = saved;
      this.value = null;
    }
  }

  override render() {
    const current = this.value ?? this.load.value?.email ?? '';
    return html`<h2 id="email-heading">${t('notify.emailHeading')}</h2>
      <p class="muted">${t('notify.emailIntro')}</p>
      <form class="fields" aria-labelledby="email-heading" @submit=${this.save} novalidate>
        <sl-input
          name="email"
          type="email"
          inputmode="email"
          autocomplete="email"
          label=${t('notify.emailLabel')}
          .value=${live(current)}
          @sl-input=${(e: Event) => {
            this.value = (e.target as HTMLInputElement).value;
            this.write.clear();
          }}
          >${helpText(this.write.fieldErrors.email, t('notify.emailHint'))}</sl-input
        >
        <div class="actions">
          <sl-button type="submit" size="large" ?loading=${this.write.busy}>${t('notify.emailSave')}</sl-button>
          <a href="/account/notifications">${t('notify.settingsLink')}</a>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-account-email': AccountEmail;
  }
}

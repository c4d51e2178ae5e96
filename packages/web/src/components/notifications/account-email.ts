/**
 * The e-mail address for notices, on "My account": optional, seen by the person alone (never by
 * staff), removed by saving it empty. Links to the notification settings.
 */
import { notificationEndpoints } from '@yishi/core';
import { css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { focusFirstProblem } from '../accounts/account-form.js';
import { YishiElement } from '../base/yishi-element.js';
import { textField } from '../forms/text-field.js';

type Field = 'email';
const FIELDS: readonly Field[] = ['email'];

@customElement('yishi-account-email')
export class AccountEmail extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
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

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const typed = this.value;
    const email = (typed ?? this.load.value?.email ?? '').trim();
    const saved = await this.write.run(() => api.call(notificationEndpoints.setEmail, { body: { email } }), {
      fields: FIELDS,
      fieldOfCode: { email_invalid: 'email' },
      errorAs: 'inline',
      success: (answer) => (answer.email ? t('notify.emailSaved') : t('notify.emailRemoved')),
    });
    if (!saved) {
      focusFirstProblem(this, this.write, FIELDS);
      return;
    }
    this.load.value = saved;
    // Typed on while it was being saved: that stays in the field, to be saved next.
    if (this.value === typed) this.value = null;
  }

  override render() {
    const current = this.value ?? this.load.value?.email ?? '';
    return html`<h2 id="email-heading">${t('notify.emailHeading')}</h2>
      <p class="muted">${t('notify.emailIntro')}</p>
      <form class="fields" aria-labelledby="email-heading" @submit=${this.save} novalidate>
        ${textField({
          name: 'email',
          label: t('notify.emailLabel'),
          type: 'email',
          inputmode: 'email',
          autocomplete: 'email',
          autocapitalize: 'off',
          value: current,
          error: this.write.fieldErrors.email,
          hint: t('notify.emailHint'),
          onInput: (value) => {
            this.value = value;
            this.write.clear();
          },
        })}
        <div class="actions">
          <button type="submit" class="button" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>${t('notify.emailSave')}</button>
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

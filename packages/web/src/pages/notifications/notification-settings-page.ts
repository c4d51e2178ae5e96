/**
 * My notification settings (/account/notifications): for each kind of news, by group, whether it
 * reaches me in the app, by SMS (only where a kind has one) and by e-mail; quiet hours; where SMS and
 * e-mail go (my phone masked, my e-mail, or why none can), and whether this server sends e-mail at all.
 * Native checkboxes, switch and button: an owner sets these on a phone; no Shoelace.
 */
import { NOTIFICATION_GROUPS, PERSONAL_CHANNELS, notificationEndpoints, type Answer, type NotificationKind, type PersonalChannel } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { pick, t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { switchStyles } from '../../styles/switch-styles.js';

type Settings = Answer<typeof notificationEndpoints.settings>;
type Channels = Record<PersonalChannel, boolean>;

@customElement('yishi-notification-settings-page')
export class NotificationSettingsPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    switchStyles,
    css`
      .panel {
        max-width: 44rem;
      }
      fieldset {
        margin: 0 0 1rem;
        padding: 0.75rem 1rem;
        border: 1px solid var(--yishi-border);
        border-radius: var(--yishi-radius);
        background: var(--yishi-surface);
      }
      legend {
        font-weight: 700;
        font-size: 1.1rem;
        padding: 0 0.25rem;
      }
      .kind {
        padding: 0.5rem 0;
        border-top: 1px solid var(--yishi-border);
      }
      .kind:first-of-type {
        border-top: none;
      }
      .kind p {
        margin: 0;
        font-weight: 600;
      }
      .channels {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1.25rem;
      }
      .no-sms {
        display: flex;
        align-items: center;
        min-height: var(--yishi-tap);
        color: var(--yishi-muted);
      }
      .where {
        margin: 0 0 1rem;
      }
      .where p {
        margin: 0 0 0.25rem;
      }
      .quiet {
        margin: 0 0 1rem;
      }
    `,
  ];

  @state() private draft: Record<string, Channels> = {};
  @state() private quietHours = true;
  private readonly write = new WriteController(this);
  private readonly load = new LoadController(this, async (signal) => {
    const settings = await api.call(notificationEndpoints.settings, { signal });
    this.adopt(settings);
    return settings;
  });

  private adopt(settings: Settings): void {
    this.draft = Object.fromEntries(settings.kinds.map((k) => [k.kind, { ...k.channels }]));
    this.quietHours = settings.quietHours;
  }

  private toggle(kind: NotificationKind, channel: PersonalChannel, on: boolean): void {
    this.draft = { ...this.draft, [kind]: { ...this.draft[kind]!, [channel]: on } };
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const { draft, quietHours } = this;
    const saved = await this.write.run(() => api.call(notificationEndpoints.saveSettings, { body: { quietHours, kinds: draft } }), {
      success: t('notify.saved'),
    });
    if (!saved) return;
    this.load.value = saved;
    // Switches turned while it was being saved stay as turned (to be saved next), not put back.
    if (this.draft === draft && this.quietHours === quietHours) this.adopt(saved);
  }

  override render() {
    return html`<div class="panel">
      <h1>${t('notify.settingsHeading')}</h1>
      <p class="lead">${t('notify.settingsIntro')}</p>
      ${renderLoad(this.load, (settings) => this.renderForm(settings))}
    </div>`;
  }

  private renderForm(settings: Settings) {
    return html`<div class="where">
        <p>${settings.phone ? t('notify.phoneOnRecord', { phone: settings.phone }) : t('notify.noPhone')}</p>
        <p>
          ${settings.email ? t('notify.emailOnRecord', { email: settings.email }) : t('notify.noEmail')}
          <a href="/account">${settings.email ? t('notify.changeEmail') : t('notify.setEmail')}</a>
        </p>
        ${settings.emailAvailable ? nothing : html`<div class="alert warning email-off"><p>${t('notify.emailUnavailable')}</p></div>`}
      </div>
      <form @submit=${this.save} novalidate>
        <label class="switch quiet"
          ><input
            type="checkbox"
            role="switch"
            .checked=${this.quietHours}
            @change=${(e: Event) => (this.quietHours = (e.target as HTMLInputElement).checked)}
          />${t('notify.quietHours')}</label
        >
        ${NOTIFICATION_GROUPS.map((group) => {
          const kinds = settings.kinds.filter((k) => k.group === group);
          if (kinds.length === 0) return nothing;
          return html`<fieldset>
            <legend>${t(`notify.group.${group}`)}</legend>
            ${kinds.map(
              (k) =>
                html`<div class="kind">
                  <p id=${`kind-${k.kind}`}>${pick(k.label)}</p>
                  <div class="channels" role="group" aria-labelledby=${`kind-${k.kind}`}>
                    ${PERSONAL_CHANNELS.map((channel) =>
                      channel === 'sms' && !k.smsPossible
                        ? html`<span class="no-sms">${t('notify.noSms')}</span>`
                        : channel === 'email' && !settings.emailAvailable
                          ? // No e-mail goes out from this install (said above): no box that looks as if it would.
                            html`<span class="no-sms">${t('notify.noEmailHere')}</span>`
                          : html`<label class="check"
                              ><input
                                type="checkbox"
                                name=${`${k.kind}.${channel}`}
                                .checked=${this.draft[k.kind]?.[channel] ?? false}
                                @change=${(e: Event) => this.toggle(k.kind, channel, (e.target as HTMLInputElement).checked)}
                              /><span class="visually-hidden">${pick(k.label)}：</span>${t(`notify.channel.${channel}`)}</label
                            >`,
                    )}
                  </div>
                </div>`,
            )}
          </fieldset>`;
        })}
        <button type="submit" class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>${t('notify.save')}</button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-notification-settings-page': NotificationSettingsPage;
  }
}

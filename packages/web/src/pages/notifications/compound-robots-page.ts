/**
 * A compound's staff group robots (/compounds/:compoundId/notifications): the WeCom and DingTalk
 * group robots that get the 08:30 digest of overdue and due-today items and meeting and vote
 * notices; add one (https address on an allowed host; DingTalk may be signed), switch one off, send a
 * test message, remove one. Each shows how its last message went. A refused address is said in
 * words under its field.
 */
import { ROBOT_KINDS, notificationEndpoints, type Answer, type NotificationKind, type RobotKind } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { syncModal } from '../../components/common/modal.js';
import { focusFirstProblem } from '../../components/accounts/account-form.js';
import { choiceField } from '../../components/forms/choice-field.js';
import { textField } from '../../components/forms/text-field.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { pick, t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { switchStyles } from '../../styles/switch-styles.js';
import { robotLastWords } from '../../components/notifications/robot-last.js';

type Robots = Answer<typeof notificationEndpoints.robots>;
type Robot = Robots['robots'][number];
type Field = 'name' | 'url' | 'secret';
const FIELDS: readonly Field[] = ['name', 'url', 'secret'];
const FIELD_OF_CODE: Partial<Record<string, Field>> = {
  robot_name_invalid: 'name',
  robot_url_invalid: 'url',
  robot_url_not_https: 'url',
  robot_url_host: 'url',
  robot_secret_wecom: 'secret',
};

@customElement('yishi-compound-robots-page')
export class CompoundRobotsPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    switchStyles,
    css`
      ul.robots {
        list-style: none;
        margin: 0 0 1.5rem;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }
      li.card {
        margin: 0;
        display: grid;
        gap: 0.5rem;
      }
      .robot-name {
        margin: 0;
        font-size: 1.1rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .tag {
        display: inline-block;
        padding: 0 0.5em;
        border: 1px solid var(--yishi-border);
        border-radius: 999px;
        font-size: 0.875rem;
        font-weight: 600;
      }
      .url {
        margin: 0;
        font-family: ui-monospace, monospace;
        font-size: 0.875rem;
        overflow-wrap: anywhere;
        color: var(--yishi-muted);
      }
      .events,
      .last {
        margin: 0;
      }
      .last.failed {
        color: var(--yishi-danger-text);
        font-weight: 600;
      }
      .last.retrying {
        color: var(--yishi-warning-text);
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .buttons .button {
        min-height: var(--yishi-tap);
        font-size: 1rem;
      }
      .button.remove {
        color: var(--sl-color-danger-700);
        border-color: var(--sl-color-danger-600);
      }
      fieldset.events {
        border: none;
        margin: 0;
        padding: 0;
        min-width: 0;
      }
      fieldset.events legend {
        font-weight: 600;
        padding: 0;
        margin-bottom: 0.25rem;
      }
    `,
  ];

  @property({ attribute: false }) params: { compoundId?: string } = {};
  @state() private kind: RobotKind = 'wecom';
  /** The robot whose removal waits for a yes. */
  @state() private removing: Robot | null = null;
  @state() private values: Record<Field, string> = { name: '', url: '', secret: '' };
  @state() private events: NotificationKind[] = ['staff_digest', 'meeting_scheduled', 'vote_opened'];
  private readonly add = new WriteController<Field>(this);
  private readonly change = new WriteController(this);
  private readonly load = new LoadController(
    this,
    (signal) => api.call(notificationEndpoints.robots, { params: { compoundId: this.params.compoundId ?? '' }, signal }),
    () => [this.params.compoundId],
  );

  private get compoundId(): string {
    return this.params.compoundId ?? '';
  }

  private set(field: Field, value: string): void {
    this.values = { ...this.values, [field]: value };
    this.add.clearField(field);
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const body = {
      kind: this.kind,
      name: this.values.name,
      url: this.values.url,
      ...(this.kind === 'dingtalk' && this.values.secret ? { secret: this.values.secret } : {}),
      events: this.events,
    };
    const added = await this.add.run(() => api.call(notificationEndpoints.addRobot, { params: { compoundId: this.compoundId }, body }), {
      fields: FIELDS,
      fieldOfCode: FIELD_OF_CODE,
      errorAs: 'inline',
      success: t('robots.added'),
    });
    if (!added) {
      focusFirstProblem(this, this.add, FIELDS);
      return;
    }
    this.values = { name: '', url: '', secret: '' };
    await this.load.refresh();
  }

  private async setEnabled(robot: Robot, enabled: boolean): Promise<void> {
    await this.change.run(
      () => api.call(notificationEndpoints.changeRobot, { params: { compoundId: this.compoundId, robotId: robot.id }, body: { enabled } }),
      {
        success: t('robots.updated'),
      },
    );
    await this.load.refresh();
  }

  private async test(robot: Robot): Promise<void> {
    await this.change.run(() => api.call(notificationEndpoints.testRobot, { params: { compoundId: this.compoundId, robotId: robot.id } }), {
      success: t('robots.testQueued'),
    });
  }

  private async removeRobot(): Promise<void> {
    const robot = this.removing;
    if (!robot) return;
    await this.change.run(() => api.call(notificationEndpoints.removeRobot, { params: { compoundId: this.compoundId, robotId: robot.id } }), {
      success: t('robots.removed'),
    });
    this.removing = null;
    if (!this.change.error) await this.load.refresh();
  }

  /** Before a robot goes: its address (the key pasted from the group's settings) would have to be found and pasted again. */
  private renderRemove() {
    const robot = this.removing;
    return html`<dialog class="dialog" id="remove-dialog" aria-labelledby="remove-title" @close=${() => (this.removing = null)}>
      <h2 id="remove-title">${robot ? t('robots.removeLabel', { name: robot.name }) : nothing}</h2>
      <p>${t('robots.removeBody')}</p>
      <div class="actions">
        <button type="button" class="button" @click=${() => (this.removing = null)}>${t('robots.keep')}</button>
        <button
          type="button"
          class="button danger confirm-remove"
          ?disabled=${this.change.busy}
          aria-busy=${this.change.busy ? 'true' : 'false'}
          @click=${() => void this.removeRobot()}
        >
          ${t('robots.remove')}
        </button>
      </div>
    </dialog>`;
  }

  protected override updated(): void {
    syncModal(this.renderRoot, 'remove-dialog', this.removing !== null);
  }

  override render() {
    return html`<h1>${t('robots.heading')}</h1>
      <p class="lead">${t('robots.intro')}</p>
      ${renderLoad(this.load, (value) => html`${this.renderRobots(value)} ${this.renderForm(value)}`)} ${this.renderRemove()}`;
  }

  private renderRobots(value: Robots) {
    if (value.robots.length === 0) return html`<p class="state state-empty">${t('robots.none')}</p>`;
    const labelOf = new Map(value.events.map((e) => [e.kind, pick(e.label)]));
    return html`<ul class="robots">
      ${value.robots.map(
        (robot) =>
          html`<li class="card robot">
            <h2 class="robot-name">
              ${robot.name}
              <span class="tag">${t(`robots.kind.${robot.kind}`)}</span>${robot.signed ? html`<span class="tag">${t('robots.signed')}</span>` : nothing}
            </h2>
            <p class="url">${robot.url}</p>
            <p class="events">${robot.events.map((k) => labelOf.get(k) ?? k).join('、')}</p>
            ${robot.last ? html`<p class="last ${robot.last.status} ${robot.last.retryAt ? 'retrying' : ''}">${robotLastWords(robot.last)}</p>` : nothing}
            <div class="buttons">
              <label class="switch"
                ><input
                  type="checkbox"
                  role="switch"
                  .checked=${robot.enabled}
                  ?disabled=${this.change.busy}
                  @change=${(e: Event) => void this.setEnabled(robot, (e.target as HTMLInputElement).checked)}
                />${t('robots.enabled')}<span class="visually-hidden"> ${robot.name}</span></label
              >
              <button type="button" class="button" ?disabled=${this.change.busy} @click=${() => void this.test(robot)}>${t('robots.test')}</button>
              <button type="button" class="button remove" ?disabled=${this.change.busy} @click=${() => (this.removing = robot)}>
                ${t('robots.remove')}<span class="visually-hidden"> ${robot.name}</span>
              </button>
            </div>
          </li>`,
      )}
    </ul>`;
  }

  private renderForm(value: Robots) {
    return html`<h2 id="add-heading">${t('robots.add')}</h2>
      <form class="fields" aria-labelledby="add-heading" @submit=${this.submit} novalidate>
        ${choiceField({
          name: 'kind',
          legend: t('robots.kind'),
          choices: ROBOT_KINDS.map((kind) => ({ value: kind, label: t(`robots.kind.${kind}`) })),
          initial: this.kind,
          onChange: (kind) => (this.kind = ROBOT_KINDS.find((k) => k === kind) ?? this.kind),
        })}
        ${textField({
          name: 'name',
          label: t('robots.name'),
          value: this.values.name,
          error: this.add.fieldErrors.name,
          hint: t('robots.nameHint'),
          onInput: (v) => this.set('name', v),
        })}
        ${textField({
          name: 'url',
          label: t('robots.url'),
          type: 'url',
          inputmode: 'url',
          autocapitalize: 'off',
          value: this.values.url,
          error: this.add.fieldErrors.url,
          hint: t('robots.urlHint', { hosts: value.hosts.join('、') }),
          onInput: (v) => this.set('url', v),
        })}
        ${
          this.kind === 'dingtalk'
            ? textField({
                name: 'secret',
                label: t('robots.secret'),
                autocapitalize: 'off',
                value: this.values.secret,
                error: this.add.fieldErrors.secret,
                hint: t('robots.secretHint'),
                onInput: (v) => this.set('secret', v),
              })
            : nothing
        }
        <fieldset class="events">
          <legend>${t('robots.events')}</legend>
          ${value.events.map(
            (e) =>
              html`<label class="check"
                ><input
                  type="checkbox"
                  name=${`event.${e.kind}`}
                  .checked=${this.events.includes(e.kind)}
                  @change=${(ev: Event) =>
                    (this.events = (ev.target as HTMLInputElement).checked ? [...this.events, e.kind] : this.events.filter((k) => k !== e.kind))}
                />${pick(e.label)}</label
              >`,
          )}
        </fieldset>
        ${this.add.error ? html`<p class="form-error" role="alert">${this.add.error}</p>` : nothing}
        <button type="submit" class="button primary" ?disabled=${this.add.busy} aria-busy=${this.add.busy ? 'true' : 'false'}>${t('robots.save')}</button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-compound-robots-page': CompoundRobotsPage;
  }
}

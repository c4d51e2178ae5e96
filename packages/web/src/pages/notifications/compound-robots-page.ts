/**
 * A compound's staff group robots (/compounds/:compoundId/notifications): the WeCom and DingTalk
 * group robots that get the 08:30 digest of overdue and due-today items and meeting and vote
 * notices; add one (https address on an allowed host; DingTalk may be signed), switch one off, send a
 * test message, remove one. Each shows how its last message went. A refused address is said in
 * words under its field.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/checkbox/checkbox.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/radio/radio.js';
import '@shoelace-style/shoelace/dist/components/radio-group/radio-group.js';
import '@shoelace-style/shoelace/dist/components/switch/switch.js';
import { ROBOT_KINDS, notificationEndpoints, type Answer, type NotificationKind, type RobotKind } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { formErrorStyles, helpText, syncValidity } from '../../components/forms/form-errors.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { formStyles } from '../../styles/form-styles.js';

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
    formStyles,
    formErrorStyles,
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
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      sl-switch::part(base) {
        min-height: var(--yishi-tap);
      }
      fieldset {
        border: none;
        margin: 0;
        padding: 0;
      }
      legend {
        font-weight: 600;
        padding: 0;
        margin-bottom: 0.25rem;
      }
    `,
  ];

  @property({ attribute: false }) params: { compoundId?: string } = {};
  @state() private kind: RobotKind = 'wecom';
  @state() private values: Record<Field, string> = { name: '', url: '', secret: '' };
  @state() private events: NotificationKind[] = ['staff_digest', 'meeting_scheduled', 'vote_opened'];
  private readonly add = new WriteController<Field>(this);
  private readonly change = new WriteController(this);
  private readonly load = new LoadController(
    this,
    (signal) => api.call(notificationEndpoints.robots, { params: { compoundId: this.params.compoundId ?? '' }, signal }),
    () => [this.params.compoundId],
  );

  protected override updated(): void {
    syncValidity(this.renderRoot, this.add.fieldErrors, FIELDS);
  }

  private get compoundId(): string {
    return this.params.compoundId ?? '';
  }

  private set(field: Field, value: string): void {
    this.values = { ...this.values, [field]: value };
    this.add.clear();
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
    if (!added) return;
    this.values = { name: '', url: '', secret: '' };
    await this.load.reload();
  }

  private async setEnabled(robot: Robot, enabled: boolean): Promise<void> {
    await this.change.run(
      () => api.call(notificationEndpoints.changeRobot, { params: { compoundId: this.compoundId, robotId: robot.id }, body: { enabled } }),
      {
        success: t('robots.updated'),
      },
    );
    await this.load.reload();
  }

  private async test(robot: Robot): Promise<void> {
    await this.change.run(() => api.call(notificationEndpoints.testRobot, { params: { compoundId: this.compoundId, robotId: robot.id } }), {
      success: t('robots.testQueued'),
    });
  }

  private async removeRobot(robot: Robot): Promise<void> {
    await this.change.run(() => api.call(notificationEndpoints.removeRobot, { params: { compoundId: this.compoundId, robotId: robot.id } }), {
      success: t('robots.removed'),
    });
    await this.load.reload();
  }

  override render() {
    return html`<h1>${t('robots.heading')}</h1>
      <p class="lead">${t('robots.intro')}</p>
      ${renderLoad(this.load, (value) => html`${this.renderRobots(value)} ${this.renderForm(value)}`)}`;
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
            ${
              robot.last
                ? html`<p class="last ${robot.last.status}">
                    ${t('robots.last', { status: t(`robots.status.${robot.last.status}`), when: formatDateTime(robot.last.at) })}${robot.last.reason ? ` (${robot.last.reason})` : ''}
                  </p>`
                : nothing
            }
            <div class="buttons">
              <sl-switch ?checked=${robot.enabled} @sl-change=${(e: Event) => void this.setEnabled(robot, (e.target as HTMLInputElement).checked)}
                >${t('robots.enabled')}<span class="visually-hidden"> ${robot.name}</span></sl-switch
              >
              <sl-button size="medium" ?disabled=${this.change.busy} @click=${() => void this.test(robot)}>${t('robots.test')}</sl-button>
              <sl-button size="medium" variant="danger" outline ?disabled=${this.change.busy} @click=${() => void this.removeRobot(robot)}
                >${t('robots.remove')}<span class="visually-hidden"> ${robot.name}</span></sl-button
              >
            </div>
          </li>`,
      )}
    </ul>`;
  }

  private renderForm(value: Robots) {
    return html`<h2 id="add-heading">${t('robots.add')}</h2>
      <form class="fields" aria-labelledby="add-heading" @submit=${this.submit} novalidate>
        <sl-radio-group
          name="kind"
          label=${t('robots.kind')}
          .value=${this.kind}
          @sl-change=${(e: Event) => (this.kind = (e.target as HTMLInputElement).value as RobotKind)}
        >
          ${ROBOT_KINDS.map((kind) => html`<sl-radio value=${kind}>${t(`robots.kind.${kind}`)}</sl-radio>`)}
        </sl-radio-group>
        <sl-input
          name="name"
          label=${t('robots.name')}
          .value=${live(this.values.name)}
          @sl-input=${(e: Event) => this.set('name', (e.target as HTMLInputElement).value)}
          >${helpText(this.add.fieldErrors.name, t('robots.nameHint'))}</sl-input
        >
        <sl-input
          name="url"
          type="url"
          inputmode="url"
          label=${t('robots.url')}
          .value=${live(this.values.url)}
          @sl-input=${(e: Event) => this.set('url', (e.target as HTMLInputElement).value)}
          >${helpText(this.add.fieldErrors.url, t('robots.urlHint', { hosts: value.hosts.join('、') }))}</sl-input
        >
        ${
          this.kind === 'dingtalk'
            ? html`<sl-input
                name="secret"
                label=${t('robots.secret')}
                .value=${live(this.values.secret)}
                @sl-input=${(e: Event) => this.set('secret', (e.target as HTMLInputElement).value)}
                >${helpText(this.add.fieldErrors.secret, t('robots.secretHint'))}</sl-input
              >`
            : nothing
        }
        <fieldset>
          <legend>${t('robots.events')}</legend>
          ${value.events.map(
            (e) =>
              html`<sl-checkbox
                name=${`event.${e.kind}`}
                ?checked=${this.events.includes(e.kind)}
                @sl-change=${(ev: Event) =>
                  (this.events = (ev.target as HTMLInputElement).checked ? [...this.events, e.kind] : this.events.filter((k) => k !== e.kind))}
                >${pick(e.label)}</sl-checkbox
              >`,
          )}
        </fieldset>
        ${this.add.error ? html`<p class="form-error" role="alert">${this.add.error}</p>` : nothing}
        <sl-button type="submit" variant="primary" size="large" ?loading=${this.add.busy}>${t('robots.save')}</sl-button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-compound-robots-page': CompoundRobotsPage;
  }
}

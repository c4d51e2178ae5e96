/**
 * A compound's meetings (/compounds/:compoundId/meetings), newest first a page at a time, and — for those who run
 * meetings — a form to create one as a draft, or to enter one already held (补录: a box on the form, its start
 * in the past). Links the iCalendar feed for phone calendars. The form's fields and button are native (no
 * Shoelace): residents open the list from their phones.
 */
import {
  MEETING_KINDS,
  MEETING_RECORD_DAYS,
  earliestMeetingDate,
  endpointUrl,
  meetingEndpoints,
  meetingKind,
  publicMeetingEndpoints,
  runsMeeting,
  type MeetingKind,
  type MeetingSummary,
} from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { api } from '../../api/client.js';
import { navigate } from '../../app/router.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderMore } from '../../components/common/load-more.js';
import { renderLoad } from '../../components/common/load-state.js';
import { SCROLLABLE_TABLE } from '../../components/common/table-wrap.js';
import '../../components/meetings/meeting-status-badge.js';
import { meetingWhen } from '../../components/meetings/meeting-ui.js';
import { focusFirstProblem, renderFormError } from '../../components/accounts/account-form.js';
import { choiceField } from '../../components/forms/choice-field.js';
import { fieldProblem, nativeField } from '../../components/forms/native-field.js';
import { inputField } from '../../components/forms/form-field.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDate } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { meetingHatsAt } from '../../state/session.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';

type Field = 'kind' | 'title' | 'startsAt' | 'durationMinutes' | 'place';
const FIELDS: readonly Field[] = ['kind', 'title', 'startsAt', 'durationMinutes', 'place'];
/** The refusals about when the meeting starts, said under that field. */
const START_PROBLEMS: Partial<Record<string, Field>> = {
  meeting_starts_in_past: 'startsAt',
  meeting_notice_too_short: 'startsAt',
  meeting_recorded_in_future: 'startsAt',
  meeting_recorded_too_old: 'startsAt',
};

@customElement('yishi-meetings-list-page')
export class MeetingsListPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    css`
      /* Two columns that share a phone's width: the meeting (title, kind, status) and when and where. */
      tbody th {
        white-space: normal;
      }
      tbody td {
        min-width: 8rem;
      }
      yishi-meeting-status {
        margin-top: 0.25rem;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  /** The meetings a page at a time (加载更多, or on scrolling to the end). */
  private readonly list = new PagedController<MeetingSummary>(
    this,
    (after, signal) => api.call(meetingEndpoints.list, { params: { compoundId: this.params.compoundId ?? '' }, query: { after }, signal }),
    () => [this.params.compoundId],
  );
  private readonly write = new WriteController<Field>(this);
  /** The kind chosen in the form (its spec proposes the duration); the first the caller runs until then. */
  @state() private chosenKind: MeetingKind | null = null;
  /** The duration typed; until then (and after choosing another kind) the kind's usual length. */
  @state() private duration: string | null = null;
  /** The meeting was held already and is entered afterwards (补录): its start is in the past, and no notice goes out. */
  @state() private recorded = false;

  private kindsIRun(): MeetingKind[] {
    const hats = meetingHatsAt(this.params.compoundId ?? '');
    return MEETING_KINDS.filter((k) => runsMeeting(meetingKind(k), hats));
  }

  /** A kind with a notice period: how far ahead, and the earliest day if the notice went out today. */
  private noticeRule(kind: MeetingKind) {
    const spec = meetingKind(kind);
    const earliest = earliestMeetingDate(spec, new Date());
    if (!earliest) return nothing;
    return html`<p class="muted" role="note">
      ${t('committee.noticeRule', { kind: pick(spec.label), days: spec.noticeDays ?? 0, date: formatDate(`${earliest}T04:00:00.000Z`) })}
    </p>`;
  }

  private formKind(kinds: readonly MeetingKind[]): MeetingKind | undefined {
    return kinds.find((k) => k === this.chosenKind) ?? kinds[0];
  }

  private value(name: Field): string {
    return String(this.renderRoot.querySelector<HTMLElement & { value?: unknown }>(`form [name="${name}"]`)?.value ?? '').trim();
  }

  private async create(event: Event) {
    event.preventDefault();
    const local = this.value('startsAt');
    const kind = this.formKind(this.kindsIRun());
    if (!kind) return;
    const view = await this.write.run(
      () =>
        api.call(meetingEndpoints.create, {
          params: { compoundId: this.params.compoundId ?? '' },
          body: {
            kind,
            title: this.value('title'),
            // The form is in China time whatever the device says.
            startsAt: local ? `${local}:00+08:00` : '',
            durationMinutes: Number(this.value('durationMinutes') || meetingKind(kind).defaultDurationMinutes),
            place: this.value('place'),
            recorded: this.recorded,
          },
        }),
      { success: t('meetings.created'), fields: FIELDS, fieldOfCode: START_PROBLEMS, errorAs: 'inline' },
    );
    if (!view) focusFirstProblem(this, this.write, FIELDS);
    // To the new meeting, unless the visitor has left this page while it was being created.
    else if (this.isConnected) navigate(`/meetings/${view.meeting.id}`);
  }

  private chooseKind(value: string): void {
    this.chosenKind = MEETING_KINDS.find((k) => k === value) ?? null;
    this.duration = null;
    this.write.clearField('kind');
  }

  private field(name: Field, label: string, attributes: { type?: 'datetime-local' } = {}) {
    return inputField({
      name,
      label,
      type: attributes.type,
      maxlength: attributes.type ? undefined : 100,
      error: this.write.fieldErrors[name],
      onInput: () => this.write.clearField(name),
    });
  }

  private durationField(kind: MeetingKind) {
    const error = this.write.fieldErrors.durationMinutes;
    return nativeField(
      'durationMinutes',
      t('meetings.duration'),
      html`<input
        class="input"
        id="durationMinutes"
        name="durationMinutes"
        type="number"
        inputmode="numeric"
        min="15"
        max="600"
        .value=${live(this.duration ?? String(meetingKind(kind).defaultDurationMinutes))}
        @input=${(e: Event) => {
          this.duration = (e.target as HTMLInputElement).value;
          this.write.clearField('durationMinutes');
        }}
        ${fieldProblem('durationMinutes', error)}
      />`,
      error,
    );
  }

  /** The box for a meeting already held, with what ticking it means once ticked. */
  private recordedBox() {
    return html`<label class="check"
        ><input
          type="checkbox"
          name="recorded"
          .checked=${this.recorded}
          aria-describedby=${this.recorded ? 'recorded-hint' : nothing}
          @change=${(e: Event) => {
            this.recorded = (e.target as HTMLInputElement).checked;
            this.write.clearField('startsAt');
          }}
        />${t('meetings.recorded')}</label
      >${this.recorded ? html`<p class="help" id="recorded-hint">${t('meetings.recordedHint', { days: MEETING_RECORD_DAYS })}</p>` : nothing}`;
  }

  override render() {
    const kinds = this.kindsIRun();
    const formKind = this.formKind(kinds);
    const compoundId = this.params.compoundId ?? '';
    return html`
      <h1>${t('meetings.title')}</h1>
      <p class="lead">${t('meetings.intro')}</p>
      <div class="actions">
        <a class="link-button" href=${endpointUrl(publicMeetingEndpoints.calendar, { params: { compoundId } })}>${t('meetings.calendar')}</a>
      </div>
      ${renderLoad(this.list, () =>
        this.list.items.length === 0
          ? html`<p class="state-empty">${t('meetings.none')}</p>`
          : html`<div class="table-wrap" role="region" tabindex="0" aria-label=${pick(SCROLLABLE_TABLE)}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t('meetings.titleField')}</th>
                    <th scope="col">${t('meetings.when')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.list.items.map(
                    (m) =>
                      html`<tr>
                        <th scope="row">
                          <a href=${`/meetings/${m.id}`}>${m.title}</a><br /><span class="muted">${pick(meetingKind(m.kind).label)}</span
                          ><br /><yishi-meeting-status .status=${m.status} ?recorded=${m.recorded}></yishi-meeting-status>
                        </th>
                        <td>${meetingWhen(m)}<br /><span class="muted">${m.place}</span></td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`,
      )}
      ${renderMore(this.list)}
      ${
        formKind
          ? html`<h2>${t('meetings.new')}</h2>
              <form class="card fields" @submit=${this.create} novalidate>
                ${choiceField({
                  name: 'kind',
                  legend: t('meetings.kind'),
                  choices: kinds.map((k) => ({ value: k, label: pick(meetingKind(k).label) })),
                  initial: formKind,
                  error: this.write.fieldErrors.kind,
                  onChange: (value) => this.chooseKind(value),
                })}
                ${this.recordedBox()} ${this.recorded ? nothing : this.noticeRule(formKind)} ${this.field('title', t('meetings.titleField'))}
                ${this.field('startsAt', this.recorded ? t('meetings.recordedStartsAt') : t('meetings.startsAt'), { type: 'datetime-local' })}
                ${this.durationField(formKind)} ${this.field('place', t('meetings.place'))} ${renderFormError(this.write.error)}
                <div class="actions">
                  <button type="submit" class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>
                    ${t('meetings.create')}
                  </button>
                </div>
              </form>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-meetings-list-page': MeetingsListPage;
  }
}

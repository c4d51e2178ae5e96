/**
 * A compound's meetings (/compounds/:compoundId/meetings), newest first, and — for those who run
 * meetings — a form to create one as a draft. Links the iCalendar feed for phone calendars.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import { MEETING_KINDS, MEETING_KIND_LABELS, MEETING_RUNNERS, type MeetingKind } from '@yishi/core';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, isApiError } from '../../api/client.js';
import { navigate } from '../../app/router.js';
import { notify } from '../../app/notify.js';
import { renderLoad } from '../../components/common/load-state.js';
import '../../components/meetings/meeting-status-badge.js';
import { LoadController } from '../../controllers/load-controller.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { SCROLLABLE_TABLE } from '../../components/common/table-wrap.js';
import { rolesAt } from '../../state/session.js';
import { pageStyles } from '../../styles/page-styles.js';
import type { MeetingSummary, MeetingView } from './meeting-types.js';

@customElement('yishi-meetings-list-page')
export class MeetingsListPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      label {
        display: block;
        font-weight: 600;
        margin: 0.75rem 0 0.25rem;
      }
      input,
      select {
        box-sizing: border-box;
        width: 100%;
        font: inherit;
        min-height: var(--yishi-tap);
        padding: 0.4rem 0.6rem;
        border: 1px solid #6b6b6b;
        border-radius: 6px;
        background: var(--yishi-surface);
        color: inherit;
      }
      .error {
        color: var(--yishi-danger-text);
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private error = '';
  private readonly list = new LoadController<{ meetings: MeetingSummary[] }>(
    this,
    (signal) => api.get(`/api/compounds/${encodeURIComponent(this.params.compoundId ?? '')}/meetings`, signal),
    () => [this.params.compoundId],
  );

  private kindsIRun(): MeetingKind[] {
    const roles = rolesAt(this.params.compoundId ?? '');
    return MEETING_KINDS.filter((k) => MEETING_RUNNERS[k].some((r) => roles.includes(r)));
  }

  private async create(event: Event) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const local = String(data.get('startsAt') ?? '');
    this.error = '';
    try {
      const view = await api.post<MeetingView>(`/api/compounds/${this.params.compoundId}/meetings`, {
        kind: data.get('kind'),
        title: data.get('title'),
        // The form is in China time whatever the device says.
        startsAt: local ? `${local}:00+08:00` : '',
        durationMinutes: Number(data.get('durationMinutes') || 120),
        place: data.get('place'),
      });
      notify(t('meetings.created'), 'success');
      navigate(`/meetings/${view.meeting.id}`);
    } catch (error) {
      this.error = isApiError(error) ? error.message : String(error);
    }
  }

  override render() {
    const kinds = this.kindsIRun();
    return html`
      <h1>${t('meetings.title')}</h1>
      <p class="lead">${t('meetings.intro')}</p>
      <div class="actions"><a class="link-button" href=${`/api/public/compounds/${this.params.compoundId}/meetings.ics`}>${t('meetings.calendar')}</a></div>
      ${renderLoad(this.list, ({ meetings }) =>
        meetings.length === 0
          ? html`<p class="state-empty">${t('meetings.none')}</p>`
          : html`<div class="table-wrap" role="region" tabindex="0" aria-label=${pick(SCROLLABLE_TABLE)}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t('meetings.titleField')}</th>
                    <th scope="col">${t('meetings.when')}</th>
                    <th scope="col">${t('meetings.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${meetings.map(
                    (m) => html`<tr>
                      <th scope="row"><a href=${`/meetings/${m.id}`}>${m.title}</a><br /><span class="muted">${pick(MEETING_KIND_LABELS[m.kind])}</span></th>
                      <td>${formatDateTime(m.startsAt)}<br /><span class="muted">${m.place}</span></td>
                      <td><yishi-meeting-status .status=${m.status}></yishi-meeting-status></td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`,
      )}
      ${kinds.length
        ? html`<h2>${t('meetings.new')}</h2>
            <form class="card" @submit=${this.create}>
              <label for="m-kind">${t('meetings.kind')}</label>
              <select id="m-kind" name="kind">${kinds.map((k) => html`<option value=${k}>${pick(MEETING_KIND_LABELS[k])}</option>`)}</select>
              <label for="m-title">${t('meetings.titleField')}</label>
              <input id="m-title" name="title" required maxlength="100" />
              <label for="m-start">${t('meetings.startsAt')}</label>
              <input id="m-start" name="startsAt" type="datetime-local" required />
              <label for="m-duration">${t('meetings.duration')}</label>
              <input id="m-duration" name="durationMinutes" type="number" min="15" max="600" value="120" />
              <label for="m-place">${t('meetings.place')}</label>
              <input id="m-place" name="place" required maxlength="100" />
              ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
              <div class="actions"><sl-button type="submit" variant="primary">${t('meetings.create')}</sl-button></div>
            </form>`
        : nothing}
    `;
  }
}

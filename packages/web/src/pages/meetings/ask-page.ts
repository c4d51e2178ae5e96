/**
 * Where a resident raises a question for an evening talk (/meetings/:meetingId/ask), reached from
 * the link or QR code on the notice board. Owners and residents of the compound, logged in.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { renderLoad } from '../../components/common/load-state.js';
import '../../components/meetings/question-form.js';
import { LoadController } from '../../controllers/load-controller.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { pageStyles } from '../../styles/page-styles.js';
import type { MeetingView } from './meeting-types.js';

@customElement('yishi-meeting-ask-page')
export class MeetingAskPage extends LitElement {
  static override styles = [pageStyles];
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private submitted = false;
  private readonly view = new LoadController<MeetingView>(
    this,
    (signal) => api.get<MeetingView>(`/api/meetings/${encodeURIComponent(this.params.meetingId ?? '')}`, signal),
    () => [this.params.meetingId],
  );
  private readonly buildings = new LoadController<{ buildings: Array<{ id: string; name: string }> } | null>(
    this,
    async (signal) => (this.view.value ? api.get(`/api/compounds/${this.view.value.meeting.compoundId}`, signal) : null),
    () => [this.view.value?.meeting.compoundId],
  );

  override render() {
    return renderLoad(this.view, (v) => {
      const open = v.meeting.status === 'scheduled' || v.meeting.status === 'in_session';
      return html`
        <h1>${t('questions.ask')}</h1>
        <p class="lead"><a href=${`/meetings/${v.meeting.id}`}>${v.meeting.title}</a><br />${formatDateTime(v.meeting.startsAt)} · ${v.meeting.place}</p>
        ${this.submitted ? html`<p class="card" role="status">${t('questions.thanks')}</p>` : nothing}
        ${open
          ? html`<yishi-question-form
              .meetingId=${v.meeting.id}
              .buildings=${this.buildings.value?.buildings ?? []}
              @question-submitted=${() => (this.submitted = true)}
            ></yishi-question-form>`
          : html`<p class="state-empty">${t('questions.closed')}</p>`}
      `;
    });
  }
}

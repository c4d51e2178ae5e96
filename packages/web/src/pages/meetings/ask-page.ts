/**
 * Where a resident raises a question for an evening talk (/meetings/:meetingId/ask), reached from
 * the link or QR code on the notice board. Owners and residents of the compound, logged in.
 */
import { meetingEndpoints, questionsOpen } from '@yishi/core';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { meetingWhen } from '../../components/meetings/meeting-ui.js';
import '../../components/meetings/question-form.js';
import { LoadController } from '../../controllers/load-controller.js';
import { t } from '../../i18n.js';

@customElement('yishi-meeting-ask-page')
export class MeetingAskPage extends YishiElement {
  @property({ attribute: false }) params: Record<string, string> = {};
  /** The number of the question just submitted (as it will be read out in the hall). */
  @state() private submitted: number | null = null;
  private readonly view = new LoadController(
    this,
    (signal) => api.call(meetingEndpoints.get, { params: { meetingId: this.params.meetingId ?? '' }, signal }),
    () => [this.params.meetingId],
  );

  override render() {
    return renderLoad(this.view, (v) => {
      return html`
        <h1>${t('questions.ask')}</h1>
        <p class="lead"><a href=${`/meetings/${v.meeting.id}`}>${v.meeting.title}</a><br />${meetingWhen(v.meeting)} · ${v.meeting.place}</p>
        ${this.submitted !== null ? html`<p class="card" role="status">${t('questions.thanks', { number: this.submitted })}</p>` : nothing}
        ${
          questionsOpen(v.meeting.status)
            ? html`<yishi-question-form
                .meetingId=${v.meeting.id}
                @question-submitted=${(e: CustomEvent<{ number: number }>) => (this.submitted = e.detail.number)}
              ></yishi-question-form>`
            : html`<p class="state-empty">${t('questions.closed')}</p>`
        }
      `;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-meeting-ask-page': MeetingAskPage;
  }
}

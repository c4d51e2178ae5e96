/**
 * Meeting notices on the public board: upcoming meetings, soonest first, a page at a time, with time, place and topics (the notice
 * the issue calls for), a link for residents to submit questions where the meeting's kind takes
 * them (evening talks), the calendar feed, and the question figures of recent meetings, each at the
 * time it was held (and the time its notice gave, where that was another). Readable without logging in.
 */
import { meetingKind, publicMeetingEndpoints, type BoardMeeting, type PublicMeetings } from '@yishi/core';
import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { pick, t } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderBoardMore } from '../board/board-more.js';
import { boardStyles } from '../board/board-styles.js';
import { renderLoad } from '../common/load-state.js';
import './ask-qr-code.js';
import { meetingWhen } from './meeting-ui.js';

/**
 * The calendar's address as webcal://: phones and desktop calendar apps subscribe to it (and keep it
 * up to date) instead of importing a copy once. The https:// address stays beside it for apps that
 * take a pasted link.
 */
function webcalUrl(calendarUrl: string): string {
  return calendarUrl.replace(/^https?:/, 'webcal:');
}

function noticeTitle(m: BoardMeeting): string {
  return t('meetingsBoard.noticeTitle', { kind: pick(meetingKind(m.kind).label), title: m.title });
}

@customElement('yishi-board-meetings')
export class BoardMeetingsSection extends YishiElement {
  static override styles = [YishiElement.styles, boardStyles];
  @property() compoundId = '';
  /** The upcoming meetings a page at a time (a plain button loads more), the last held beside the first page. */
  private readonly data = new PagedController<BoardMeeting, PublicMeetings>(
    this,
    (after, signal) => api.call(publicMeetingEndpoints.board, { params: { compoundId: this.compoundId }, query: { after }, signal }),
    () => [this.compoundId],
  );

  override render() {
    return renderLoad(
      this.data,
      (d) => html`
        <h2>${t('meetingsBoard.meetings')}</h2>
        ${this.data.items.length === 0 ? html`<p class="state-empty">${t('meetingsBoard.noMeetings')}</p>` : nothing}
        <div class="cards">
          ${this.data.items.map(
            (m) =>
              html`<article class="card board-meeting">
                <h3>${noticeTitle(m)}</h3>
                ${m.status === 'cancelled' ? html`<p class="cancelled"><strong>${t('meetingsBoard.cancelled')}</strong></p>` : nothing}
                <p>${t('meetingsBoard.whenLine', { time: meetingWhen(m) })}<br />${t('meeting.whereLine', { place: m.place })}</p>
                ${
                  m.topics.length
                    ? html`<p>${t('meetingsBoard.topics')}</p>
                        <ol>
                          ${m.topics.map((topic) => html`<li>${topic}</li>`)}
                        </ol>`
                    : nothing
                }
                ${
                  meetingKind(m.kind).questions && m.status !== 'cancelled'
                    ? html`<p><a href=${`/meetings/${m.id}/ask`}>${t('meetingsBoard.askQuestion')}</a></p>
                        <yishi-ask-qr-code .meetingId=${m.id} fold-on-phone></yishi-ask-qr-code>`
                    : nothing
                }
              </article>`,
          )}
        </div>
        ${renderBoardMore(this.data, false)}
        <p class="calendar-links">
          <a href=${webcalUrl(d.calendarUrl)}>${t('meetingsBoard.subscribe')}</a><br />
          <a href=${d.calendarUrl}>${t('meetingsBoard.calendarHttps')}</a>
        </p>
        ${
          d.recent.length
            ? html`<h3>${t('meetingsBoard.recent')}</h3>
                <ul>
                  ${d.recent.map(
                    (m) =>
                      html`<li>
                        ${meetingWhen(m)} ${noticeTitle(m)}
                        ${
                          m.questionCounts
                            ? html`<br /><span class="muted"
                                  >${t('questions.counts', { raised: m.questionCounts.raised, answered: m.questionCounts.answered, listed: m.questionCounts.listed })}</span
                                >`
                            : nothing
                        }
                      </li>`,
                  )}
                </ul>`
            : nothing
        }
      `,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-board-meetings': BoardMeetingsSection;
  }
}

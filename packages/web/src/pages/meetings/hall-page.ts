/**
 * The hall screen (/hall/:meetingId) for the projector: the item or question being discussed and the
 * live counts, in very large type. No login (it is what everybody in the room sees anyway). It polls
 * a small public endpoint every 3 seconds — simpler and sturdier on a borrowed laptop than a
 * long-lived stream, and a missed poll just shows "retrying".
 */
import { publicMeetingEndpoints, type HallState } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { partyLabel } from '../../components/meetings/meeting-ui.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';

export const HALL_POLL_MS = 3000;

@customElement('yishi-hall-page')
export class HallPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      :host {
        font-size: clamp(1.1rem, 2.2vw, 2rem);
        line-height: 1.5;
      }
      h1 {
        font-size: 1.4em;
        margin: 0 0 0.3em;
      }
      .now {
        border: 4px solid var(--yishi-brand);
        border-radius: var(--yishi-radius);
        padding: 0.8em 1em;
        margin: 0.8em 0;
      }
      .now-label {
        font-weight: 700;
        color: var(--yishi-brand);
      }
      .now-text {
        font-size: 1.5em;
        font-weight: 700;
      }
      .counts {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 0.5em;
        text-align: center;
      }
      .count {
        border: 2px solid var(--yishi-border);
        border-radius: var(--yishi-radius);
        padding: 0.4em;
      }
      .count strong {
        display: block;
        font-size: 2.2em;
      }
      p {
        margin: 1em 0;
      }
      .muted {
        font-size: 0.8em;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private hall: HallState | null = null;
  @state() private failed = false;
  private timer: number | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.poll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private async poll() {
    try {
      this.hall = await api.call(publicMeetingEndpoints.hall, { params: { meetingId: this.params.meetingId ?? '' } });
      this.failed = false;
    } catch {
      this.failed = true;
    }
    if (this.isConnected) this.timer = window.setTimeout(() => void this.poll(), HALL_POLL_MS);
  }

  override render() {
    const h = this.hall;
    if (!h) return html`<p role="status">${this.failed ? t('meetingHall.offline') : t('state.loading')}</p>`;
    const c = h.current;
    const counts = h.questionCounts;
    return html`
      <p class="muted">${h.meeting.compoundName} · ${formatDateTime(h.meeting.startsAt)} · ${h.meeting.place}</p>
      <h1>${h.meeting.title}</h1>
      <section class="now" aria-live="polite">
        <div class="now-label">${t('meetingHall.now')}</div>
        ${
          c === null
            ? html`<div class="now-text">${h.meeting.status === 'closed' ? t('meetingHall.ended') : t('meetingHall.nothing')}</div>`
            : c.kind === 'agenda_item'
              ? html`<div class="now-text">${c.position}. ${c.title}</div>
                  <div>${[partyLabel(c.party), c.minutes ? t('meetings.durationMinutes', { minutes: c.minutes }) : ''].filter(Boolean).join(' · ')}</div>`
              : html`<div>${t('meetingHall.question', { number: c.number })} · ${t(`questions.status.${c.status}`)}</div>
                  <div class="now-text">${c.text}</div>
                  ${c.answer ? html`<div>${t('questions.answerBy', { name: c.answeredByName ?? '' })}${c.answer}</div>` : nothing}`
        }
      </section>
      ${
        counts
          ? html`<div
              class="counts"
              role="status"
              aria-label=${t('questions.counts', { raised: counts.raised, answered: counts.answered, listed: counts.listed })}
            >
              <div class="count"><strong class="raised">${counts.raised}</strong>${t('meetingHall.raised')}</div>
              <div class="count"><strong class="answered">${counts.answered}</strong>${t('meetingHall.answered')}</div>
              <div class="count"><strong class="listed">${counts.listed}</strong>${t('meetingHall.listed')}</div>
            </div>`
          : nothing
      }
      ${
        h.agenda.length
          ? html`<ol>
              ${h.agenda.map((a) => html`<li>${a.title}</li>`)}
            </ol>`
          : nothing
      }
      <p class="muted">${this.failed ? t('meetingHall.offline') : t('meetingHall.updated')}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-hall-page': HallPage;
  }
}

/**
 * The hall screen (/hall/:meetingId) for the projector: the whole window (the route is `bare`: no
 * app header), type large enough to read across a room, the item or question being discussed, the
 * live question counts and a QR code to ask from a phone where the meeting's kind takes questions,
 * the quorum where it has one, and the agenda. No login (it is what everybody in the room sees
 * anyway). It polls a small public endpoint every 3 seconds — simpler and sturdier on a borrowed
 * laptop than a long-lived stream, and a missed poll just shows "retrying".
 *
 * What it says with nothing put up depends on the meeting: when it begins, that it is in session
 * (never "please wait" once it has opened), or that it has ended.
 *
 * Offline (issue 19): each answer is kept on this device, so the screen opens without a network once shown there,
 * saying when what it shows was saved, and catches up at the next poll that gets through.
 */
import { MEETING_STATUS_LABELS, meetingKind, publicMeetingEndpoints, questionsOpen, type HallState } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { savedTime } from '../../components/common/stale-note.js';
import '../../components/meetings/ask-qr-code.js';
import { meetingWhen, partyLabel, partyList } from '../../components/meetings/meeting-ui.js';
import { formatDateTime } from '../../format/format.js';
import { pick, switchLocale, t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';
import { buttonStyles } from '../../styles/button-styles.js';

export const HALL_POLL_MS = 3000;
/** The hall screen needs no login: its offline copy is everybody's on this device (logging out still clears it). */
const HALL_COPY_OWNER = 'public';
const offlineCopies = () => import('../../offline/snapshots.js');

@customElement('yishi-hall-page')
export class HallPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    css`
      :host {
        display: block;
        box-sizing: border-box;
        min-height: 100vh;
        padding: clamp(0.75rem, 2vw, 2rem) clamp(0.75rem, 3vw, 3rem);
        font-size: clamp(1.125rem, 1.9vw, 2rem);
        line-height: 1.45;
        background: var(--yishi-surface);
      }
      .screen {
        display: grid;
        grid-template-rows: auto 1fr auto;
        gap: clamp(0.5rem, 1.5vh, 1.25rem);
        min-height: calc(100vh - 2 * clamp(0.75rem, 2vw, 2rem));
      }
      .meta {
        margin: 0;
        color: var(--yishi-muted);
        font-size: 0.8em;
      }
      h1 {
        font-size: clamp(1.5rem, 3.6vw, 3.5rem);
        line-height: 1.2;
        margin: 0.1em 0 0;
      }
      .status {
        display: inline-block;
        margin-left: 0.5em;
        border: 0.12em solid currentColor;
        border-radius: 999px;
        padding: 0 0.6em;
        font-size: 0.5em;
        font-weight: 700;
        vertical-align: middle;
        white-space: nowrap;
        color: var(--yishi-ok-text);
      }
      .status.scheduled {
        color: var(--yishi-brand);
      }
      .status.closed {
        color: var(--yishi-text);
      }
      .body {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
        gap: clamp(0.75rem, 2vw, 2rem);
        min-height: 0;
      }
      .main {
        display: grid;
        grid-template-rows: minmax(0, 1fr) auto;
        gap: clamp(0.5rem, 1.5vh, 1rem);
        min-height: 0;
      }
      .now {
        display: flex;
        flex-direction: column;
        justify-content: center;
        border: 0.2em solid var(--yishi-brand);
        border-radius: var(--yishi-radius);
        padding: 0.5em 0.8em;
      }
      .now-label {
        font-weight: 700;
        color: var(--yishi-brand);
        font-size: 0.85em;
      }
      .now-text {
        font-size: clamp(1.5rem, 3.4vw, 3.25rem);
        font-weight: 700;
        line-height: 1.25;
        overflow-wrap: anywhere;
      }
      .now-sub {
        margin: 0.3em 0 0;
      }
      .agenda {
        max-height: 40vh;
        overflow: auto;
      }
      .agenda h2,
      .side h2 {
        font-size: 0.9em;
        margin: 0 0 0.25em;
      }
      .agenda ol {
        margin: 0;
        padding-left: 1.6em;
      }
      .agenda li.current {
        font-weight: 700;
        color: var(--yishi-brand);
      }
      .decided {
        color: var(--yishi-ok-text);
        font-size: 0.8em;
        white-space: nowrap;
      }
      .side {
        display: flex;
        flex-direction: column;
        gap: clamp(0.5rem, 1.5vh, 1rem);
        min-height: 0;
      }
      .counts {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 0.4em;
        text-align: center;
        margin: 0;
      }
      .count {
        border: 0.1em solid var(--yishi-border);
        border-radius: var(--yishi-radius);
        padding: 0.2em 0.1em;
        font-size: 0.75em;
        line-height: 1.3;
      }
      .count strong {
        display: block;
        font-size: 2.4em;
        line-height: 1.1;
      }
      yishi-ask-qr-code {
        --yishi-qr-size: clamp(8rem, 17vw, 16rem);
        align-self: center;
        text-align: center;
        font-size: 0.8em;
      }
      .quorum {
        font-weight: 700;
        margin: 0;
      }
      .quorum.ok {
        color: var(--yishi-ok-text);
      }
      .quorum.no {
        color: var(--yishi-danger-text);
      }
      .foot {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem 1rem;
        font-size: 0.7em;
        color: var(--yishi-muted);
      }
      .foot p {
        margin: 0;
      }
      .foot .tools {
        display: flex;
        gap: 0.5rem;
      }
      /* Phones and portrait screens: one column. */
      @media (max-width: 48rem), (orientation: portrait) {
        .body {
          grid-template-columns: 1fr;
        }
        .screen {
          min-height: 0;
        }
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private hall: HallState | null = null;
  @state() private failed = false;
  /** When the state shown was saved, while it is the copy kept on this device. */
  @state() private savedAt: Date | null = null;
  @state() private fullscreen = false;
  private timer: number | undefined;
  private readonly onFullscreen = () => (this.fullscreen = document.fullscreenElement !== null);

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('fullscreenchange', this.onFullscreen);
    void this.poll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('fullscreenchange', this.onFullscreen);
    clearTimeout(this.timer);
  }

  private async poll() {
    const key = `hall/${this.params.meetingId ?? ''}`;
    try {
      const hall = await api.call(publicMeetingEndpoints.hall, { params: { meetingId: this.params.meetingId ?? '' } });
      this.hall = hall;
      this.failed = false;
      this.savedAt = null;
      void offlineCopies()
        .then((copies) => copies.saveSnapshot(HALL_COPY_OWNER, key, hall))
        .catch(() => undefined);
    } catch {
      this.failed = true;
      if (!this.hall) {
        const kept = await offlineCopies()
          .then((copies) => copies.readSnapshot<HallState>(HALL_COPY_OWNER, key))
          .catch(() => undefined);
        if (kept && !this.hall) {
          this.hall = kept.value;
          this.savedAt = new Date(kept.savedAt);
        }
      }
    }
    if (this.isConnected) this.timer = window.setTimeout(() => void this.poll(), HALL_POLL_MS);
  }

  private enterFullscreen(): void {
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }

  override render() {
    const h = this.hall;
    if (!h) return html`<p role="status">${this.failed ? t('meetingHall.offline') : t('state.loading')}</p>`;
    const m = h.meeting;
    const kind = meetingKind(m.kind);
    const asking = kind.questions && questionsOpen(m.status);
    return html`<div class="screen">
      <div>
        <p class="meta">${[m.compoundName, pick(kind.label), meetingWhen(m), m.place].filter(Boolean).join(' · ')}</p>
        <h1>${m.title}<span class="status ${m.status}">${pick(MEETING_STATUS_LABELS[m.status])}</span></h1>
      </div>
      <div class="body">
        <div class="main">${this.renderNow(h)} ${this.renderAgenda(h)}</div>
        ${
          h.questionCounts || h.quorum || asking
            ? html`<div class="side">
                ${this.renderCounts(h)}
                ${
                  asking
                    ? html`<yishi-ask-qr-code .meetingId=${m.id} .alt=${'meetingHall.qrAlt'} .caption=${'meetingHall.qrCaption'}></yishi-ask-qr-code>`
                    : nothing
                }
                ${
                  h.quorum
                    ? html`<p class="quorum ${h.quorum.reached ? 'ok' : 'no'}">
                        ${h.quorum.reached ? t('meeting.quorumReached') : t('meeting.quorumMissing', { parties: partyList(h.quorum.missing) })}
                      </p>`
                    : nothing
                }
              </div>`
            : nothing
        }
      </div>
      <div class="foot">
        <p role="status">
          ${this.savedAt ? t('offline.savedAt', { time: savedTime(this.savedAt) }) : this.failed ? t('meetingHall.offline') : t('meetingHall.updated')}
        </p>
        <div class="tools">
          <button
            type="button"
            class="button"
            lang=${currentLocale() === 'zh-CN' ? 'en' : 'zh-CN'}
            @click=${() => void switchLocale(currentLocale() === 'zh-CN' ? 'en' : 'zh-CN')}
          >
            ${t('shell.language')}
          </button>
          ${this.fullscreen ? nothing : html`<button type="button" class="button" @click=${() => this.enterFullscreen()}>${t('meetingHall.fullscreen')}</button>`}
        </div>
      </div>
    </div>`;
  }

  /** The item or question put up; with none, what the meeting's state says. */
  private renderNow(h: HallState) {
    const c = h.current;
    const m = h.meeting;
    let body;
    if (c?.kind === 'agenda_item') {
      body = html`<div class="now-text">${c.position}. ${c.title}</div>
        <p class="now-sub">${[partyLabel(c.party), c.minutes ? t('meetings.durationMinutes', { minutes: c.minutes }) : ''].filter(Boolean).join(' · ')}</p>`;
    } else if (c?.kind === 'question') {
      body = html`<p class="now-sub">${t('meetingHall.question', { number: c.number })} · ${t(`questions.status.${c.status}`)}</p>
        <div class="now-text">${c.text}</div>
        ${c.answer ? html`<p class="now-sub">${t('questions.answerBy', { name: c.answeredByName ?? '' })}${c.answer}</p>` : nothing}`;
    } else if (m.status === 'closed') {
      body = html`<div class="now-text">${t('meetingHall.ended')}</div>`;
    } else if (m.status === 'in_session') {
      const hint = meetingKind(m.kind).questions
        ? t('meetingHall.inSessionAsk')
        : h.agenda.length
          ? t('meetingHall.inSessionNext', { count: h.agenda.length })
          : '';
      body = html`<div class="now-text">${t('meetingHall.inSession')}</div>
        ${hint ? html`<p class="now-sub">${hint}</p>` : nothing}`;
    } else {
      body = html`<div class="now-text">${t('meetingHall.startsAt', { time: formatDateTime(m.startsAt) })}</div>`;
    }
    // "Now discussing" heads what is put up; with nothing put up the state speaks for itself.
    return c
      ? html`<section class="now" aria-live="polite" aria-labelledby="now-label">
          <div class="now-label" id="now-label">${t('meetingHall.now')}</div>
          ${body}
        </section>`
      : html`<section class="now" aria-live="polite" aria-label=${t('meetingHall.state')}>${body}</section>`;
  }

  private renderAgenda(h: HallState) {
    if (h.agenda.length === 0) return nothing;
    const current = h.current?.kind === 'agenda_item' ? h.current.position : null;
    return html`<section class="agenda" aria-labelledby="agenda-label">
      <h2 id="agenda-label">${t('meetingHall.agenda')}</h2>
      <ol>
        ${h.agenda.map(
          (a) =>
            html`<li class=${a.position === current ? 'current' : ''} aria-current=${a.position === current ? 'true' : 'false'}>
              ${a.title}${a.outcome ? html` <span class="decided">✓ ${t('meetingHall.decided')}</span>` : nothing}
            </li>`,
        )}
      </ol>
    </section>`;
  }

  private renderCounts(h: HallState) {
    const counts = h.questionCounts;
    if (!counts) return nothing;
    return html`<section aria-labelledby="counts-label">
      <h2 id="counts-label">${t('meetingHall.counts')}</h2>
      <div class="counts" role="status" aria-label=${t('questions.counts', { raised: counts.raised, answered: counts.answered, listed: counts.listed })}>
        <div class="count"><strong class="raised">${counts.raised}</strong>${t('meetingHall.raised')}</div>
        <div class="count"><strong class="answered">${counts.answered}</strong>${t('meetingHall.answered')}</div>
        <div class="count"><strong class="listed">${counts.listed}</strong>${t('meetingHall.listed')}</div>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-hall-page': HallPage;
  }
}

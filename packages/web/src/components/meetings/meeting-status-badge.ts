/** The status of a meeting in words (never colour alone), with a coloured border as a second cue. */
import { MEETING_STATUS_LABELS, type MeetingStatus } from '@yishi/core';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { pick } from '../../i18n.js';

@customElement('yishi-meeting-status')
export class MeetingStatusBadge extends LitElement {
  static override styles = css`
    span {
      display: inline-block;
      border: 2px solid currentColor;
      border-radius: 999px;
      padding: 0 0.6rem;
      font-size: 0.95rem;
      font-weight: 600;
      white-space: nowrap;
    }
    .draft {
      color: var(--yishi-muted, #4b5563);
    }
    .scheduled {
      color: var(--yishi-brand, #1d4ed8);
    }
    .in_session {
      color: var(--yishi-ok-text, #166534);
    }
    .closed {
      color: var(--yishi-text, #1f2328);
    }
  `;
  @property() status: MeetingStatus = 'draft';
  override render() {
    return html`<span class=${this.status}>${pick(MEETING_STATUS_LABELS[this.status])}</span>`;
  }
}

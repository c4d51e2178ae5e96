/** The status of a meeting in words (a meeting entered after it was held says so) (never colour alone), with a coloured border as a second cue. */
import { MEETING_STATUS_LABELS, RECORDED_STATUS_LABELS, type MeetingStatus } from '@yishi/core';
import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { pick } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';

@customElement('yishi-meeting-status')
export class MeetingStatusBadge extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      :host {
        display: inline-block;
      }
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
        color: var(--yishi-muted);
      }
      .scheduled {
        color: var(--yishi-brand);
      }
      .in_session {
        color: var(--yishi-ok-text);
      }
      .closed {
        color: var(--yishi-text);
      }
      .cancelled {
        color: var(--yishi-muted);
        text-decoration: line-through;
      }
    `,
  ];
  @property() status: MeetingStatus = 'draft';
  /** Entered after it was held (补录). */
  @property({ type: Boolean }) recorded = false;
  override render() {
    const label = (this.recorded ? RECORDED_STATUS_LABELS[this.status] : undefined) ?? MEETING_STATUS_LABELS[this.status];
    return html`<span class=${this.status}>${pick(label)}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-meeting-status': MeetingStatusBadge;
  }
}

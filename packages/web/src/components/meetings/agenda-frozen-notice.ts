/**
 * The notice an open agenda shows when another member starts the meeting: in words that the agenda
 * is frozen and no longer takes changes, and — when some of this member's edits had not reached the
 * server — each of them handed back, with what they typed, so nothing is lost without them knowing.
 * Shown by the live editor the moment the server says so, and by the meeting page after it reloads.
 */
import { partyOrNull, type AgendaHandBackEntry } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t, type MessageKey } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';
import { partyLabel } from './meeting-ui.js';

/** One hand-back line in the reader's language. */
export function describeHandBack(entry: AgendaHandBackEntry): string {
  const untitled = (title: string) => title || t('agenda.untitled');
  switch (entry.kind) {
    case 'added':
      return entry.notes
        ? t('agenda.handBack.addedNotes', { title: untitled(entry.title), notes: entry.notes })
        : t('agenda.handBack.added', { title: untitled(entry.title) });
    case 'removed':
      return t('agenda.handBack.removed', { n: entry.position, title: untitled(entry.title) });
    case 'moved':
      return t('agenda.handBack.moved', { n: entry.position, title: untitled(entry.title) });
    case 'changed': {
      const value = (v: string) => (entry.field === 'party' ? partyLabel(partyOrNull(v)) : v) || t('agenda.handBack.empty');
      return t('agenda.handBack.changed', {
        n: entry.position,
        field: t(`agenda.handBack.field.${entry.field}` satisfies MessageKey),
        mine: value(entry.mine),
        frozen: value(entry.frozen),
      });
    }
  }
}

@customElement('yishi-agenda-frozen-notice')
export class AgendaFrozenNotice extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      .notice,
      .hand-back {
        background: var(--yishi-surface);
        border: 1px solid var(--yishi-border);
        border-left: 6px solid var(--yishi-brand);
        border-radius: var(--yishi-radius);
        padding: 0.75rem 1rem;
        margin-bottom: var(--yishi-gap);
      }
      .hand-back {
        border-left-color: var(--yishi-warning-text);
      }
      .notice p:last-child,
      .hand-back ul {
        margin-bottom: 0;
      }
      .headline {
        font-weight: 700;
        font-size: 1.05rem;
        margin: 0 0 0.25rem;
      }
      h3 {
        color: var(--yishi-warning-text);
      }
      ul {
        margin: 0.5rem 0 0;
        padding-left: 1.25rem;
      }
      li {
        margin-bottom: 0.35rem;
        overflow-wrap: anywhere;
      }
    `,
  ];

  @property({ attribute: false }) handBack: readonly AgendaHandBackEntry[] = [];

  override render() {
    return html`
      <div class="notice" role="alert">
        <p class="headline">${t('agenda.frozenNotice')}</p>
        <p class="muted">${t('agenda.frozenNoticeDetail')}</p>
      </div>
      ${
        this.handBack.length > 0
          ? html`<section class="hand-back" aria-labelledby="hand-back-title">
              <h3 id="hand-back-title">${t('agenda.handBackTitle')}</h3>
              <p>${t('agenda.handBackIntro')}</p>
              <ul>
                ${this.handBack.map((entry) => html`<li>${describeHandBack(entry)}</li>`)}
              </ul>
            </section>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-agenda-frozen-notice': AgendaFrozenNotice;
  }
}

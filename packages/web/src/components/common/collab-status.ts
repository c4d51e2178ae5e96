/**
 * The one line a live document (agenda, minutes) shows about its connection, in words and a sign,
 * never colour alone: connected; offline, with edits kept on this device; connected again and
 * sending what waited ("正在同步…"); how many of my edits the server has not confirmed; and who else
 * has the document open. A polite live region, so a screen reader hears a change without being
 * interrupted. The page gives its own sentences for connected / connecting / disconnected / refused
 * (each page says what "connected" means for it); offline, unsent and syncing are worded here.
 */
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CollabStatus } from '../../controllers/yjs-doc-controller.js';
import { t } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';

type Tone = 'ok' | 'busy' | 'away' | 'bad';

/** The sign shown before the words (aria-hidden: the words say it). */
const SIGN: Record<Tone, string> = { ok: '✓', busy: '↻', away: '⚠', bad: '✕' };

@customElement('yishi-collab-status')
export class CollabStatusLine extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      :host {
        display: block;
        margin: 0.5rem 0;
      }
      p {
        margin: 0;
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--yishi-border);
        border-left-width: 6px;
        border-radius: var(--yishi-radius);
        background: var(--yishi-surface);
        font-size: 0.95rem;
        line-height: var(--yishi-line);
      }
      .state {
        font-weight: 600;
      }
      .sign {
        font-weight: 700;
        margin-inline-end: 0.4em;
        /* The symbol font's tall ascent must not make the line taller. */
        line-height: 1;
      }
      .unsent,
      .others {
        display: block;
      }
      .ok {
        border-left-color: var(--yishi-ok-text);
      }
      .ok .sign {
        color: var(--yishi-ok-text);
      }
      .busy,
      .away {
        border-left-color: var(--yishi-warning-text);
      }
      .busy .sign,
      .away .sign,
      .unsent {
        color: var(--yishi-warning-text);
      }
      .bad {
        border-left-color: var(--yishi-danger-text);
      }
      .bad .sign {
        color: var(--yishi-danger-text);
      }
      .others {
        color: var(--yishi-muted);
        overflow-wrap: anywhere;
      }
    `,
  ];

  @property() status: CollabStatus = 'connecting';
  /** My edits the server has not confirmed. */
  @property({ type: Number }) unsent = 0;
  /** Connected again and sending the edits that waited. */
  @property({ type: Boolean }) syncing = false;
  /** The names of the other people with the document open. */
  @property({ attribute: false }) others: string[] = [];
  /** The page's sentence for each connection state; offline has a default. */
  @property({ attribute: false }) words: Partial<Record<CollabStatus, string>> = {};

  private tone(): Tone {
    if (this.status === 'refused') return 'bad';
    if (this.status === 'connected') return this.syncing ? 'busy' : 'ok';
    return this.status === 'connecting' ? 'busy' : 'away';
  }

  private stateWords(): string {
    if (this.status === 'connected' && this.syncing) return t('collab.syncing');
    if (this.status === 'offline') return this.words.offline ?? t('collab.offline');
    return this.words[this.status] ?? '';
  }

  override render() {
    const tone = this.tone();
    const connected = this.status === 'connected';
    // While connected the count only shows during a catch-up: live typing is confirmed within a second.
    const showUnsent = this.unsent > 0 && this.status !== 'refused' && (!connected || this.syncing);
    return html`<p class=${tone} role="status" aria-live="polite">
      <span class="state"><span class="sign" aria-hidden="true">${SIGN[tone]}</span>${this.stateWords()}</span>
      ${showUnsent ? html`<span class="unsent">${t('collab.unsent', { n: this.unsent })}</span>` : nothing}
      ${connected && this.others.length > 0 ? html`<span class="others">${t('collab.others', { names: this.others.join(t('meetings.listSeparator')) })}</span>` : nothing}
    </p>`;
  }
}

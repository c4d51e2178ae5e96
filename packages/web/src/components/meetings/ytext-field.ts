/**
 * A text box bound to a collaborative Y.Text: typing becomes the smallest insert/delete, and edits
 * from others update the box while keeping the caret where it was relative to the text.
 */
import { css, html, type CSSResult } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type * as Y from 'yjs';
import { YishiElement } from '../base/yishi-element.js';

type Delta = Array<{ insert?: unknown; delete?: number; retain?: number }>;

/** Where an index moves to after a change described by a Yjs delta. */
export function transformIndex(index: number, delta: Delta): number {
  let oldPos = 0;
  let shift = 0;
  for (const op of delta) {
    if (op.retain !== undefined) oldPos += op.retain;
    else if (op.insert !== undefined) {
      if (oldPos < index) shift += typeof op.insert === 'string' ? op.insert.length : 1;
    } else if (op.delete !== undefined) {
      if (oldPos < index) shift -= Math.min(op.delete, index - oldPos);
      oldPos += op.delete;
    }
  }
  return Math.max(0, index + shift);
}

@customElement('yishi-ytext-field')
export class YTextField extends YishiElement {
  // The one native text box of the meetings pages: it applies others' edits as Yjs deltas and moves
  // the caret with them, which needs the input element itself. Drawn with Shoelace's input tokens,
  // so it looks like the sl-input and sl-select beside it. One CSSResult, not a list: the minutes
  // editor's taller box extends these styles.
  static override styles: CSSResult = css`
    :host {
      display: block;
    }
    input,
    textarea {
      box-sizing: border-box;
      width: 100%;
      font: inherit;
      font-size: var(--sl-input-font-size-medium);
      min-height: var(--sl-input-height-medium);
      padding: 0.45rem var(--sl-input-spacing-medium);
      border: solid var(--sl-input-border-width) var(--sl-input-border-color);
      border-radius: var(--sl-input-border-radius-medium);
      background: var(--sl-input-background-color);
      color: var(--sl-input-color);
    }
    textarea {
      min-height: 5rem;
      resize: vertical;
    }
    input:hover,
    textarea:hover {
      border-color: var(--sl-input-border-color-hover);
    }
    input:focus-visible,
    textarea:focus-visible {
      outline: none;
      border-color: var(--sl-input-border-color-focus);
      box-shadow: 0 0 0 var(--sl-focus-ring-width) var(--sl-input-focus-ring-color);
    }
    input[readonly],
    textarea[readonly] {
      background: transparent;
      border-style: dashed;
    }
  `;

  @property({ attribute: false }) text: Y.Text | null = null;
  @property() label = '';
  @property({ type: Boolean }) multiline = false;
  @property({ type: Boolean }) readonly = false;
  @query('.box') private box!: HTMLInputElement | HTMLTextAreaElement;
  private bound: Y.Text | null = null;

  private readonly onRemote = (event: Y.YTextEvent, tr: Y.Transaction) => {
    if (tr.local) return;
    const box = this.box;
    if (!box) return;
    const delta = event.delta as Delta;
    const focused = this.shadowRoot?.activeElement === box;
    const start = box.selectionStart ?? 0;
    const end = box.selectionEnd ?? 0;
    box.value = this.text?.toString() ?? '';
    if (focused) box.setSelectionRange(transformIndex(start, delta), transformIndex(end, delta));
  };

  private readonly onInput = () => {
    const text = this.text;
    if (!text || this.readonly) return;
    const before = text.toString();
    const after = this.box.value;
    let prefix = 0;
    while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
    let suffix = 0;
    while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix])
      suffix++;
    text.doc?.transact(() => {
      const removed = before.length - prefix - suffix;
      if (removed > 0) text.delete(prefix, removed);
      const inserted = after.slice(prefix, after.length - suffix);
      if (inserted) text.insert(prefix, inserted);
    });
  };

  override updated(): void {
    if (this.bound !== this.text) {
      this.bound?.unobserve(this.onRemote);
      this.bound = this.text;
      this.text?.observe(this.onRemote);
      if (this.box) this.box.value = this.text?.toString() ?? '';
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.bound?.unobserve(this.onRemote);
    this.bound = null;
  }

  override render() {
    return this.multiline
      ? html`<textarea class="box" aria-label=${this.label} ?readonly=${this.readonly} @input=${this.onInput}></textarea>`
      : html`<input class="box" aria-label=${this.label} ?readonly=${this.readonly} @input=${this.onInput} />`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-ytext-field': YTextField;
  }
}

/**
 * A text box bound to a collaborative Y.Text: typing becomes the smallest insert/delete, and edits
 * from others update the box while keeping the caret where it was relative to the text.
 *
 * Chinese is typed through an input method: pinyin ("dian") stays in the box, composing, until a
 * character (点) is chosen. Nothing of a composition goes into the shared text before it ends, and
 * others' edits meanwhile are not written into the box (that breaks the composition and leaves the
 * pinyin in the text): they wait, and when the composition ends the chosen characters are put in at
 * the place they were typed, moved by those edits.
 */
import { css, html, type CSSResult } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type * as Y from 'yjs';
import { YishiElement } from '../base/yishi-element.js';

type Delta = Array<{ insert?: unknown; delete?: number; retain?: number }>;

/** The smallest change turning `before` into `after`: from `at`, `removed` characters out and `inserted` in. */
export function textChange(before: string, after: string): { at: number; removed: number; inserted: string } {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { at: prefix, removed: before.length - prefix - suffix, inserted: after.slice(prefix, after.length - suffix) };
}

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
  // the caret with them, which needs the input element itself. Drawn with the theme's input tokens,
  // so it looks like the native fields and selects beside it. One CSSResult, not a list: the minutes
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
  /** While an input method composes: the box's text when it began, and others' edits since. */
  private composing: { base: string; remote: Delta[] } | null = null;

  override focus(options?: FocusOptions): void {
    this.box?.focus(options);
  }

  private readonly onRemote = (event: Y.YTextEvent, tr: Y.Transaction) => {
    if (tr.local) return;
    const box = this.box;
    if (!box) return;
    const delta = event.delta as Delta;
    if (this.composing) {
      this.composing.remote.push(delta);
      return;
    }
    const focused = this.shadowRoot?.activeElement === box;
    const start = box.selectionStart ?? 0;
    const end = box.selectionEnd ?? 0;
    box.value = this.text?.toString() ?? '';
    if (focused) box.setSelectionRange(transformIndex(start, delta), transformIndex(end, delta));
  };

  private readonly onInput = (event: Event) => {
    const text = this.text;
    if (!text || this.readonly || this.composing || (event as InputEvent).isComposing) return;
    const { at, removed, inserted } = textChange(text.toString(), this.box.value);
    text.doc?.transact(() => {
      if (removed > 0) text.delete(at, removed);
      if (inserted) text.insert(at, inserted);
    });
  };

  private readonly onCompositionStart = () => {
    this.composing ??= { base: this.box.value, remote: [] };
  };

  /** The composition's result goes in where it was typed, moved by others' edits made meanwhile. */
  private readonly onCompositionEnd = () => {
    const composing = this.composing;
    this.composing = null;
    const text = this.text;
    const box = this.box;
    if (!composing || !text || !box) return;
    const change = textChange(composing.base, box.value);
    let from = change.at;
    let to = change.at + change.removed;
    for (const delta of composing.remote) {
      from = transformIndex(from, delta);
      to = Math.max(from, transformIndex(to, delta));
    }
    if (!this.readonly && (change.removed > 0 || change.inserted)) {
      text.doc?.transact(() => {
        if (to > from) text.delete(from, to - from);
        if (change.inserted) text.insert(from, change.inserted);
      });
    }
    const value = text.toString();
    if (box.value !== value) {
      box.value = value;
      const caret = this.readonly ? from : from + change.inserted.length;
      box.setSelectionRange(caret, caret);
    }
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
      ? html`<textarea
          class="box"
          aria-label=${this.label}
          ?readonly=${this.readonly}
          @input=${this.onInput}
          @compositionstart=${this.onCompositionStart}
          @compositionend=${this.onCompositionEnd}
        ></textarea>`
      : html`<input
          class="box"
          aria-label=${this.label}
          ?readonly=${this.readonly}
          @input=${this.onInput}
          @compositionstart=${this.onCompositionStart}
          @compositionend=${this.onCompositionEnd}
        />`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-ytext-field': YTextField;
  }
}

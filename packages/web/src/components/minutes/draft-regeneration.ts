/**
 * Regenerating the minutes' draft inside its shared text, so that nothing typed is lost:
 *
 * - the text is replaced only if it is still what it was when the secretary confirmed. The fresh
 *   draft can take seconds to come on one bar of signal, and a colleague (or the secretary) may type
 *   meanwhile: then nothing is replaced, and the page says why;
 * - a replacement can be undone at once, until the text is next changed: Yjs's undo manager takes
 *   back only this one change (it tracks nothing else), which puts the old draft back for every editor.
 *   Regenerated again before that, the one undo takes back both: to the draft as it was before the first
 *   (the secretary's own edits), not to the first regenerated text.
 */
import * as Y from 'yjs';

/** The origin of the replacing transaction: the only one the undo manager tracks. */
const REGENERATING = Symbol('regenerating the minutes draft');

/** The shared text as the secretary confirmed replacing it. */
export interface ConfirmedDraft {
  readonly text: Y.Text;
  readonly before: string;
}

export function confirmDraft(text: Y.Text): ConfirmedDraft {
  return { text, before: text.toString() };
}

/** A replacement that can be undone until the text next changes. */
export class ReplacedDraft {
  private readonly undoManager: Y.UndoManager;
  private readonly onChange: () => void;
  private over = false;

  private constructor(
    private readonly text: Y.Text,
    /** Called once the undo is no longer offered (the text changed after, or it was used). */
    private readonly ended: () => void,
  ) {
    this.undoManager = new Y.UndoManager(text, { trackedOrigins: new Set([REGENERATING]), captureTimeout: 0 });
    this.onChange = () => this.end();
  }

  /**
   * Puts `body` in place of the draft, if the text is still as confirmed; null when it changed
   * meanwhile (nothing is replaced).
   */
  static replace(confirmed: ConfirmedDraft, body: string, ended: () => void): ReplacedDraft | null {
    const { text, before } = confirmed;
    if (!text.doc || text.toString() !== before) return null;
    const replaced = new ReplacedDraft(text, ended);
    replaced.put(body);
    return replaced;
  }

  /**
   * Regenerated again while this undo is offered (so the text is still as the last replacement left
   * it): `body` goes in, and the undo takes back both. Null when the text changed meanwhile.
   */
  replaceAgain(confirmed: ConfirmedDraft, body: string): ReplacedDraft | null {
    if (confirmed.text !== this.text || this.text.toString() !== confirmed.before) return null;
    this.text.unobserve(this.onChange);
    this.put(body);
    return this;
  }

  /** The draft becomes `body` in one tracked change; only a later change ends the offer. */
  private put(body: string): void {
    this.text.doc?.transact(() => {
      this.text.delete(0, this.text.length);
      this.text.insert(0, body);
    }, REGENERATING);
    this.text.observe(this.onChange);
  }

  /** Takes the replacements back: the draft as it was before the first. */
  undo(): void {
    this.text.unobserve(this.onChange);
    while (this.undoManager.undoStack.length > 0) this.undoManager.undo();
    this.end();
  }

  /** The undo is no longer offered. */
  end(): void {
    if (this.over) return;
    this.over = true;
    this.text.unobserve(this.onChange);
    this.undoManager.destroy();
    this.ended();
  }
}

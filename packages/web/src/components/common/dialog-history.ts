/**
 * A modal dialog as an entry in the browser's history, so that the phone's Back closes the dialog and
 * leaves the page where it was, instead of leaving the page with the dialog still open. The entry is
 * on the same address, marked in `history.state` (the shell leaves a Back or Forward within one address
 * to the page: app/yishi-app.ts), one above the page's own entry.
 *
 * Closed any other way (its own 返回, Esc, the step done), the dialog takes its entry back out of
 * history (history.back()), so no entry is left behind and the next Back leaves the page as before.
 * Forward onto an entry of a dialog since closed (or of a page since reloaded) goes back to the page's
 * entry: a dialog is never reopened without the step it was open for. While its step is on its way to
 * the server, Back keeps the dialog (the entry is put back), as the voting flow keeps its screen.
 *
 * Call `sync(open)` from the host's `updated()` with whether the dialog is open now.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const KEY = 'yishiDialog';

interface Entry {
  /** Which dialog of the page (a page may have several, each with its controller). */
  dialog: string;
  /** Which opening of it. */
  token: string;
}

function entryOf(state: unknown): Entry | null {
  const entry = (state as Record<string, Partial<Entry> | undefined> | null)?.[KEY];
  return entry && typeof entry.dialog === 'string' && typeof entry.token === 'string' ? (entry as Entry) : null;
}

export class DialogHistory implements ReactiveController {
  /** The entry of the dialog open now (null when closed). */
  private token: string | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: {
      /** Names the dialog among the page's. */
      dialog: string;
      /** Closes the dialog (the page's state says it is closed). */
      close: () => void;
      /** The dialog's step is on its way: Back keeps it open. */
      busy: () => boolean;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
  }

  /** The dialog is open or closed now: its entry is added, or taken back out if it is still the current one. */
  sync(open: boolean): void {
    if (open && this.token === null) {
      // Random, not counted: an entry from before a reload must not pass for this opening's.
      this.token = Math.random().toString(36).slice(2);
      this.push();
    } else if (!open && this.token !== null) {
      const token = this.token;
      this.token = null;
      if (entryOf(history.state)?.token === token) history.back();
    }
  }

  private push(): void {
    history.pushState({ [KEY]: { dialog: this.options.dialog, token: this.token } }, '');
  }

  private readonly onPopState = () => {
    const entry = entryOf(history.state);
    if (this.token !== null && entry?.token !== this.token) {
      // Back while the dialog's step is on its way: what the dialog says is what is being sent, so it stays.
      if (this.options.busy()) {
        this.push();
        return;
      }
      // Back from the dialog's entry: the dialog closes, the page stays.
      this.token = null;
      this.options.close();
      return;
    }
    // Forward onto the entry of this dialog closed since (or before a reload): back to the page's own entry.
    if (this.token === null && entry?.dialog === this.options.dialog) history.back();
  };
}

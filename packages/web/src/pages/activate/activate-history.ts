/**
 * The activation's steps in the browser's history, so that the phone's Back button goes back one step —
 * password → privacy notice → code — with what she entered kept, instead of leaving the page (to the
 * login page, or to nothing at all when she came from a QR code or a WeChat link). Step 1 is the page's
 * own entry; steps 2 and 3 are entries of their own on the same address, marked with this visit of the
 * page (the shell leaves a Back or Forward within one address to the page: app/yishi-app.ts). The same
 * approach as the voting flow's (pages/votes/vote-flow-history.ts).
 *
 * Once the account is activated, history goes back to the page's own entry before the page moves on, so
 * no step of it comes back to be sent a second time; an entry of a visit since left or reloaded (whose
 * code and consent are gone) goes on to step 1.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Step } from './activate-fields.js';

interface Entry {
  visit: string;
  /** 2 or 3: this many entries less one above the page's own. */
  step: Step;
}

const KEY = 'yishiActivateStep';

function entryOf(state: unknown): Entry | null {
  const entry = (state as Record<string, Partial<Entry> | undefined> | null)?.[KEY];
  return entry && typeof entry.visit === 'string' && typeof entry.step === 'number' ? (entry as Entry) : null;
}

export interface ActivateHistoryHost extends ReactiveControllerHost, HTMLElement {
  /** The last step is being sent: the page stays on it until it is answered. */
  readonly finishing: boolean;
  /** The furthest step, up to `step`, that what she entered reaches now (no step 3 without the consent). */
  reachable(step: Step): Step;
  /** Shows `step` as it was left (nothing if shown already). */
  showStep(step: Step): void;
}

export class ActivateHistory implements ReactiveController {
  // Random, not counted: an entry from before a reload must not pass for one of this visit's.
  private readonly visit = Math.random().toString(36).slice(2);
  /** The step of the entry history is on. */
  private at: Step = 1;
  private over = false;
  /** What to do once history is back on the page's own entry after the activation. */
  private then: (() => void) | null = null;
  private address = '';

  constructor(private readonly host: ActivateHistoryHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.address = location.pathname + location.search;
    window.addEventListener('popstate', this.onPopState);
    // Reloaded (or come back to) on a step of an earlier visit: its code and consent are gone; back to step 1's entry.
    const stale = entryOf(history.state);
    if (stale) history.go(1 - stale.step);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
  }

  /** On to the next step: an entry of its own. */
  forward(step: Step): void {
    if (this.over || step <= this.at) return;
    this.at = step;
    history.pushState({ [KEY]: { visit: this.visit, step } satisfies Entry }, '');
  }

  /** The step's own back button does what the phone's Back does, so the two never disagree about what is next. */
  back(to: Step): void {
    if (this.at === to + 1) history.back();
    else this.host.showStep(to);
  }

  /** The page shows an earlier step by itself (a problem found on it): history goes back to that step's entry. */
  settle(step: Step): void {
    if (step >= this.at) return;
    const from = this.at;
    this.at = step;
    history.go(step - from);
  }

  /** Activated: history back to the page's own entry, then `then` (which moves on, replacing that entry). */
  done(then: () => void): void {
    this.over = true;
    if (this.at === 1 || !this.host.isConnected) return then();
    this.then = then;
    const from = this.at;
    this.at = 1;
    history.go(1 - from);
  }

  private readonly onPopState = () => {
    // Another address: the shell's to show.
    if (location.pathname + location.search !== this.address) return;
    if (this.then) {
      const then = this.then;
      this.then = null;
      then();
      return;
    }
    const entry = entryOf(history.state);
    // Back while the last step is being sent: it stays on screen, and the entry left is put back.
    if (this.host.finishing && this.at > 1) {
      history.pushState({ [KEY]: { visit: this.visit, step: this.at } satisfies Entry }, '');
      return;
    }
    const from = entry?.step ?? 1;
    const live = entry !== null && entry.visit === this.visit && !this.over;
    // Forward past what she entered now (the consent taken back, a new code not checked yet): the furthest step it reaches.
    const step = live ? this.host.reachable(entry.step) : 1;
    this.at = step;
    if (step < from) history.go(step - from);
    this.host.showStep(step);
  };
}

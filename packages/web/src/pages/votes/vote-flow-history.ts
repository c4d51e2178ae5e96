/**
 * The voting flow's screens in the browser's history, so that the phone's Back button goes back one
 * screen — confirm → choose → which unit → the vote — with the choices kept, instead of leaving the
 * vote page; Back on the vote itself leaves the page as any page does. Each screen of the flow is an
 * entry of its own on the same address, marked with the round of voting it belongs to and how many
 * entries it sits above the vote's own entry (the shell leaves a Back or Forward within one address to
 * the page: app/yishi-app.ts).
 *
 * A round is over once its ballot is cast or the owner goes back to the vote with the screen's own
 * button. The receipt takes the confirm screen's entry, and Back or Forward onto any other entry of a
 * round that is over (or of a page since left or reloaded, whose choices are gone) goes on to the vote's
 * entry: the confirm screen never comes back to be tapped a second time, nor a screen without its state.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Step } from './vote-flow.js';

type FlowStep = Exclude<Step, 'overview'>;

interface Entry {
  round: string;
  step: FlowStep;
  /** Entries above the vote's own. */
  depth: number;
}

const KEY = 'yishiVoteFlow';

function entryOf(state: unknown): Entry | null {
  const entry = (state as Record<string, Partial<Entry> | undefined> | null)?.[KEY];
  return entry && typeof entry.round === 'string' && typeof entry.step === 'string' && typeof entry.depth === 'number' ? (entry as Entry) : null;
}

export interface FlowHistoryHost extends ReactiveControllerHost, HTMLElement {
  readonly receipts: readonly unknown[];
  readonly choices: readonly string[];
  /** A ballot is on its way: the screens stay as they are until it is answered. */
  readonly casting: boolean;
  /** Shows `step`, the choices as they are. */
  showStep(step: Step): void;
}

export class FlowHistory implements ReactiveController {
  private round = '';
  private over = true;
  /** Entries the current one sits above the vote's own. */
  private depth = 0;
  /** The entry of the screen shown, put back when Back is pressed while a ballot is on its way. */
  private current: Entry | null = null;

  constructor(private readonly host: FlowHistoryHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
  }

  /** A round of voting starts: its first screen, one entry above the screen it was started from. */
  begin(step: FlowStep): void {
    // Random, not counted: an entry from before a reload must not pass for one of this page's rounds.
    this.round = Math.random().toString(36).slice(2);
    this.over = false;
    this.push(step);
  }

  /** The next screen of the round, an entry of its own. */
  push(step: FlowStep): void {
    this.depth += 1;
    this.current = { round: this.round, step, depth: this.depth };
    history.pushState({ [KEY]: this.current }, '');
  }

  /** The screen's own back button does what the phone's Back does, so the two never disagree about what is next. */
  back(fallback: Step): void {
    if (this.depth > 0) history.back();
    else this.host.showStep(fallback);
  }

  /** Back to the vote with the screen's own button: the round is over, and history goes back to the vote's entry. */
  leave(): void {
    this.over = true;
    const depth = this.depth;
    this.depth = 0;
    this.host.showStep('overview');
    if (depth > 0) history.go(-depth);
  }

  /** The ballot is cast: the round is over, and its receipt takes the entry of the screen the owner is on. */
  done(): void {
    this.over = true;
    // She left the vote page while the ballot was on its way: the entry now is another page's.
    if (!this.host.isConnected) return;
    const entry = entryOf(history.state);
    if (entry?.round === this.round) history.replaceState({ [KEY]: { ...entry, step: 'done' } satisfies Entry }, '');
    // Back to the vote while the ballot was on its way: the receipt comes as a screen above it.
    else this.push('done');
  }

  private readonly onPopState = () => {
    // Back while the ballot is on its way: the choice on screen is the one being cast, so it stays on screen
    // (a choice changed now would not be the one counted). The entry left is put back.
    if (this.host.casting && this.current) {
      history.pushState({ [KEY]: this.current }, '');
      return;
    }
    const entry = entryOf(history.state);
    const current = entry !== null && entry.round === this.round;
    const live = current && (entry.step === 'done' ? this.host.receipts.length > 0 : !this.over);
    if (!live) {
      // The vote's own entry, or a screen whose round is over: the vote, and history back to its entry.
      this.depth = 0;
      this.host.showStep('overview');
      if (entry) history.go(-entry.depth);
      return;
    }
    this.depth = entry.depth;
    this.current = entry;
    // Forward to the confirm screen after every choice was taken back on the screen before: that screen instead.
    if (entry.step === 'confirm' && this.host.choices.length === 0) {
      history.replaceState({ [KEY]: { ...entry, step: 'choose' } satisfies Entry }, '');
      this.host.showStep('choose');
    } else this.host.showStep(entry.step);
  };
}

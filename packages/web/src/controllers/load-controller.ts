/**
 * Loading data for a page: runs a fetcher when the element connects (and again on `reload()` or
 * when its `deps` change), tracks loading / ready / error, and drops answers that arrive after a
 * newer request. Pair it with `renderLoad()` from components/common/load-state.ts for the standard
 * spinner, error-with-retry and empty states. A 401 sends the visitor to the login page.
 *
 * Opt-in offline copies (issue 19): with `{ offline: { key } }` each answer is kept on this device
 * (offline/snapshots.ts, per user), and when the network fails the controller shows the kept answer
 * instead of an error, with `stale` saying when it was saved (renderStaleNote() in
 * components/common/stale-note.ts words it); back online (the browser says so, or the session
 * reaches the server again) it loads again by itself.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '../api/client.js';
import { navigate } from '../app/router.js';
import { answerOrKept, type KeptAnswer } from '../offline/kept-answer.js';
import { RECONNECTED, forgetSession } from '../state/session.js';
import { loadBegan } from './loads-in-flight.js';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * What every loading controller shares: it refetches when its `deps` change, each request supersedes
 * the one before (aborted; a late answer is dropped), and a 401 sends the visitor to the login page.
 */
export abstract class Loader implements ReactiveController {
  private generation = 0;
  private lastDeps: readonly unknown[] | null = null;
  private abort: AbortController | null = null;

  constructor(
    protected readonly host: ReactiveControllerHost,
    /** Values the fetch depends on (route params); a change refetches. */
    private readonly deps: () => readonly unknown[] = () => [],
  ) {
    host.addController(this);
  }

  abstract reload(): Promise<void>;

  hostConnected(): void {
    this.lastDeps = null;
  }

  hostUpdate(): void {
    const deps = this.deps();
    if (this.lastDeps && deps.length === this.lastDeps.length && deps.every((d, i) => d === this.lastDeps?.[i])) return;
    this.lastDeps = deps;
    void this.reload();
  }

  hostDisconnected(): void {
    this.abort?.abort();
    this.generation++;
  }

  /**
   * Runs one request, superseding any before it: `{ value }`, or undefined when a newer request took
   * over, or when it failed (then `failed` got the error, except a 401, which goes to the login page).
   */
  protected async attempt<V>(work: (signal: AbortSignal) => Promise<V>, failed: (error: ApiError) => void): Promise<{ value: V } | undefined> {
    const generation = ++this.generation;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const ended = loadBegan();
    try {
      const value = await work(abort.signal);
      return generation === this.generation ? { value } : undefined;
    } catch (error) {
      if (generation !== this.generation) return undefined;
      if (error instanceof ApiError && error.status === 401) {
        forgetSession();
        navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
        return undefined;
      }
      failed(error instanceof ApiError ? error : new ApiError(0, 'client_error', String((error as Error)?.message ?? error)));
      this.host.requestUpdate();
      return undefined;
    } finally {
      ended();
    }
  }
}

export interface LoadOptions<T> {
  /**
   * Keep each answer on this device and show it when the network fails; `key` names the page's data (route params in
   * it). `prepare` readies a kept answer as the fetcher readies a fresh one (the parts of the page it needs loaded).
   */
  offline?: { key: () => string; prepare?: (value: T) => Promise<T> };
}

/** When the answer shown was saved, if it is the copy kept on this device rather than the server's answer. */
export interface Staleness {
  savedAt: Date;
}

export class LoadController<T> extends Loader {
  status: LoadStatus = 'idle';
  value: T | undefined;
  error: ApiError | null = null;
  /** Set while `value` is the offline copy (the network failed); null once the server answered. */
  stale: Staleness | null = null;
  private readonly onOnline = () => {
    if (this.stale) void this.reload();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly fetcher: (signal: AbortSignal) => Promise<T>,
    /** Values the fetch depends on (route params); a change refetches. */
    deps: () => readonly unknown[] = () => [],
    private readonly options: LoadOptions<T> = {},
  ) {
    super(host, deps);
  }

  override hostConnected(): void {
    super.hostConnected();
    if (!this.options.offline) return;
    window.addEventListener('online', this.onOnline);
    window.addEventListener(RECONNECTED, this.onOnline);
  }

  override hostDisconnected(): void {
    super.hostDisconnected();
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener(RECONNECTED, this.onOnline);
  }

  async reload(): Promise<void> {
    this.status = 'loading';
    this.error = null;
    this.host.requestUpdate();
    const answer = await this.attempt(
      (signal) => this.fetchAnswer(signal),
      (error) => {
        this.error = error;
        this.status = 'error';
      },
    );
    this.settle(answer);
  }

  /**
   * Fetches again while the answer on screen stays on screen: after a change the page made itself
   * (a proxy revoked), so that nothing it shows is swapped for a spinner and torn down, a message
   * saying what was done included. A failure keeps the answer shown. Before a first answer, reload().
   */
  async refresh(): Promise<void> {
    if (this.status !== 'ready') return this.reload();
    this.settle(
      await this.attempt(
        (signal) => this.fetchAnswer(signal),
        () => undefined,
      ),
    );
  }

  private async fetchAnswer(signal: AbortSignal): Promise<KeptAnswer<T>> {
    const offline = this.options.offline;
    if (!offline) return { value: await this.fetcher(signal), savedAt: null };
    const kept = await answerOrKept(offline.key(), () => this.fetcher(signal));
    return kept.savedAt && offline.prepare ? { ...kept, value: await offline.prepare(kept.value) } : kept;
  }

  private settle(answer: { value: KeptAnswer<T> } | undefined): void {
    if (!answer) return;
    this.value = answer.value.value;
    this.stale = answer.value.savedAt && { savedAt: answer.value.savedAt };
    this.status = 'ready';
    this.host.requestUpdate();
  }
}

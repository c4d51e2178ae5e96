/**
 * Loading data for a page: runs a fetcher when the element connects (and again on `reload()` or
 * when its `deps` change), tracks loading / ready / error, and drops answers that arrive after a
 * newer request. Pair it with `renderLoad()` from components/common/load-state.ts for the standard
 * spinner, error-with-retry and empty states. A 401 sends the visitor to the login page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '../api/client.js';
import { navigate } from '../app/router.js';
import { forgetSession } from '../state/session.js';

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
    }
  }
}

export class LoadController<T> extends Loader {
  status: LoadStatus = 'idle';
  value: T | undefined;
  error: ApiError | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly fetcher: (signal: AbortSignal) => Promise<T>,
    /** Values the fetch depends on (route params); a change refetches. */
    deps: () => readonly unknown[] = () => [],
  ) {
    super(host, deps);
  }

  async reload(): Promise<void> {
    this.status = 'loading';
    this.error = null;
    this.host.requestUpdate();
    const answer = await this.attempt(this.fetcher, (error) => {
      this.error = error;
      this.status = 'error';
    });
    if (!answer) return;
    this.value = answer.value;
    this.status = 'ready';
    this.host.requestUpdate();
  }
}

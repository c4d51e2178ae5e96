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

export class LoadController<T> implements ReactiveController {
  status: LoadStatus = 'idle';
  value: T | undefined;
  error: ApiError | null = null;
  private generation = 0;
  private lastDeps: readonly unknown[] | null = null;
  private abort: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fetcher: (signal: AbortSignal) => Promise<T>,
    /** Values the fetch depends on (route params); a change refetches. */
    private readonly deps: () => readonly unknown[] = () => [],
  ) {
    host.addController(this);
  }

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

  async reload(): Promise<void> {
    const generation = ++this.generation;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.status = 'loading';
    this.error = null;
    this.host.requestUpdate();
    try {
      const value = await this.fetcher(abort.signal);
      if (generation !== this.generation) return;
      this.value = value;
      this.status = 'ready';
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof ApiError && error.status === 401) {
        forgetSession();
        navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
        return;
      }
      this.error = error instanceof ApiError ? error : new ApiError(0, 'client_error', String((error as Error)?.message ?? error));
      this.status = 'error';
    }
    this.host.requestUpdate();
  }
}

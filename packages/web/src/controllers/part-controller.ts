/**
 * A part of a page fetched by `import()` once the page knows it shows it (the voting page's proxy
 * actions, the meeting page's live agenda editor): `status` says whether its code is on its way, here,
 * or did not come (no signal), and `fetch()` asks again after a failure. The host re-renders on each
 * change. The module is imported once; a failed import is tried afresh.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type PartStatus = 'idle' | 'loading' | 'ready' | 'failed';

export class PartController<M> implements ReactiveController {
  status: PartStatus = 'idle';
  private pending: Promise<M> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly importer: () => Promise<M>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The part's module; rejects when it could not be fetched (the status then says so). */
  fetch(): Promise<M> {
    this.pending ??= this.importer();
    this.set('loading');
    return this.pending.then(
      (module) => {
        this.set('ready');
        return module;
      },
      (error: unknown) => {
        this.pending = null;
        this.set('failed');
        throw error;
      },
    );
  }

  private set(status: PartStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }
}

/**
 * A keyset-paged list (core's `{ items, next }`, contract/paging.ts): loads the first page when the
 * element connects or its `deps` change, and appends the following pages on `loadMore()` — from a
 * "加载更多" button or when the end of the list scrolls into view (renderMore in
 * components/common/load-more.ts). Answers to superseded requests (filters changed meanwhile) are
 * dropped. A 401 sends the visitor to the login page, as LoadController does.
 */
import type { Page } from '@yishi/core';
import type { ReactiveControllerHost } from 'lit';
import type { ApiError } from '../api/client.js';
import { Loader, type LoadStatus } from './load-controller.js';

export class PagedController<T, P extends Page<T> = Page<T>> extends Loader {
  /** The first page's state: what renderLoad shows (spinner, error with retry, the list). */
  status: LoadStatus = 'idle';
  /** Every item loaded so far, in order. */
  items: T[] = [];
  /** The first page's whole answer, for what a list sends beside its items (counts, a heading). */
  first: P | undefined;
  /** The next page's cursor; null once the last page is in. */
  next: string | null = null;
  /** A following page is on its way. */
  loadingMore = false;
  error: ApiError | null = null;
  /** Loading a following page failed (the items so far stay; loadMore() tries again). */
  moreError: ApiError | null = null;

  constructor(
    host: ReactiveControllerHost,
    /** Fetches the page after `after` (undefined: the first). */
    private readonly fetcher: (after: string | undefined, signal: AbortSignal) => Promise<P>,
    deps: () => readonly unknown[] = () => [],
  ) {
    super(host, deps);
  }

  /** LoadController's shape, so renderLoad() shows the first page's states. */
  get value(): P | undefined {
    return this.status === 'ready' ? this.first : undefined;
  }

  get hasMore(): boolean {
    return this.next !== null;
  }

  /** Starts over from the first page. */
  async reload(): Promise<void> {
    this.status = 'loading';
    this.error = null;
    this.moreError = null;
    this.loadingMore = false;
    this.host.requestUpdate();
    const answer = await this.attempt(
      (signal) => this.fetcher(undefined, signal),
      (error) => {
        this.error = error;
        this.status = 'error';
      },
    );
    if (!answer) return;
    this.first = answer.value;
    this.items = [...answer.value.items];
    this.next = answer.value.next;
    this.status = 'ready';
    this.host.requestUpdate();
  }

  /** Appends the next page; does nothing while one is loading or after the last. */
  async loadMore(): Promise<void> {
    const after = this.next;
    if (this.status !== 'ready' || this.loadingMore || after === null) return;
    this.loadingMore = true;
    this.moreError = null;
    this.host.requestUpdate();
    const answer = await this.attempt(
      (signal) => this.fetcher(after, signal),
      (error) => {
        this.moreError = error;
        this.loadingMore = false;
      },
    );
    if (!answer) return;
    this.items = [...this.items, ...answer.value.items];
    this.next = answer.value.next;
    this.loadingMore = false;
    this.host.requestUpdate();
  }
}

/**
 * A keyset-paged list (core's `{ items, next }`, contract/paging.ts): loads the first page when the
 * element connects or its `deps` change, and appends the following pages on `loadMore()` — from a
 * "加载更多" button or when the end of the list scrolls into view (renderMore in
 * components/common/load-more.ts). Answers to superseded requests (filters changed meanwhile) are
 * dropped. A 401 sends the visitor to the login page, as LoadController does. `refresh()` fetches
 * chosen pages again in place (a live list: the rows on screen follow the server, nothing else moves).
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

  /** Each page loaded: the cursor it was asked for with and where its items start in `items`. */
  private pages: { after: string | undefined; start: number }[] = [];
  /** Counts the starts over (reload()), so a refresh answered after one is dropped. */
  private epoch = 0;
  private refreshing: AbortController | null = null;
  /** A quiet start-over (reload({ quiet: true })) is on its way. */
  private restarting = false;

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

  /** Which loaded page the item at this position in `items` came with. */
  pageOf(index: number): number {
    let page = 0;
    while (page + 1 < this.pages.length && this.pages[page + 1]!.start <= index) page++;
    return page;
  }

  override hostDisconnected(): void {
    super.hostDisconnected();
    this.refreshing?.abort();
  }

  /**
   * Starts over from the first page. `quiet`: the list on screen stays until the first page is in
   * (no spinner, so nothing in it is torn down: a form open on one of its rows keeps what was typed),
   * and a failure keeps it.
   */
  async reload({ quiet = false }: { quiet?: boolean } = {}): Promise<void> {
    const keep = quiet && this.status === 'ready';
    this.restarting = keep;
    const epoch = ++this.epoch;
    this.refreshing?.abort();
    this.moreError = null;
    this.loadingMore = false;
    if (!keep) {
      this.status = 'loading';
      this.error = null;
      this.host.requestUpdate();
    }
    const answer = await this.attempt(
      (signal) => this.fetcher(undefined, signal),
      (error) => {
        if (keep) return;
        this.error = error;
        this.status = 'error';
      },
    );
    if (epoch === this.epoch) this.restarting = false;
    if (!answer) return;
    this.first = answer.value;
    this.items = [...answer.value.items];
    this.pages = [{ after: undefined, start: 0 }];
    this.next = answer.value.next;
    this.status = 'ready';
    this.host.requestUpdate();
  }

  /**
   * Fetches the loaded pages at these positions (pageOf()) again, one request each, and puts their
   * fresh items in place of the ones with the same `key`: no spinner, no row added or dropped, the
   * pages after and the next cursor untouched, so a reader keeps their place. A failure, or a start
   * over meanwhile, keeps what is shown. A refresh supersedes the one before it.
   */
  async refresh(pages: readonly number[], key: (item: T) => string): Promise<void> {
    if (this.status !== 'ready') return;
    const epoch = this.epoch;
    this.refreshing?.abort();
    const abort = new AbortController();
    this.refreshing = abort;
    const afters = [...new Set(pages)].flatMap((i) => (this.pages[i] ? [this.pages[i].after] : []));
    let answers: P[];
    try {
      answers = await Promise.all(afters.map((after) => this.fetcher(after, abort.signal)));
    } catch {
      return;
    }
    if (epoch !== this.epoch || abort.signal.aborted) return;
    const fresh = new Map(answers.flatMap((a) => a.items).map((item) => [key(item), item]));
    this.items = this.items.map((item) => fresh.get(key(item)) ?? item);
    this.host.requestUpdate();
  }

  /** Appends the next page; does nothing while one is loading or after the last. */
  async loadMore(): Promise<void> {
    const after = this.next;
    // Not during a quiet start-over: its request would be superseded, and the list left as it was.
    if (this.status !== 'ready' || this.loadingMore || this.restarting || after === null) return;
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
    this.pages = [...this.pages, { after, start: this.items.length }];
    this.items = [...this.items, ...answer.value.items];
    this.next = answer.value.next;
    this.loadingMore = false;
    this.host.requestUpdate();
  }
}

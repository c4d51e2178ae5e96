/**
 * The end of a paged list (PagedController): a "加载更多" button that also fires by itself when it
 * scrolls into view (IntersectionObserver), a line saying the list is complete after the last page,
 * and the server's message with a retry button when a page failed. Keyboard and screen-reader users
 * get the same button; nothing loads behind their back without it being announced. A native
 * button (the shared page styles' link-button): every paged list has it, light pages too.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { directive, Directive, type PartInfo, PartType, type ElementPart } from 'lit/directive.js';
import type { PagedController } from '../../controllers/paged-controller.js';
import { t } from '../../i18n.js';
import { renderError } from './load-state.js';

/** Calls `onVisible` whenever the element scrolls into view (once per entry into view). */
class WhenVisible extends Directive {
  private observer: IntersectionObserver | null = null;
  private element: Element | null = null;
  private callback: () => void = () => undefined;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('whenVisible() belongs on an element');
  }

  override update(part: ElementPart, [onVisible]: [() => void]): unknown {
    this.callback = onVisible;
    if (this.element !== part.element) {
      this.observer?.disconnect();
      this.element = part.element;
      if (typeof IntersectionObserver !== 'undefined') {
        this.observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && this.callback(), { rootMargin: '400px 0px' });
        this.observer.observe(part.element);
      }
    }
    return nothing;
  }

  render(_onVisible: () => void): unknown {
    return nothing;
  }
}
export const whenVisible = directive(WhenVisible);

export function renderMore<T>(list: PagedController<T>): TemplateResult | typeof nothing {
  if (list.status !== 'ready') return nothing;
  if (list.moreError) return renderError(list.moreError.message, () => void list.loadMore());
  if (!list.hasMore)
    return list.items.length > 0 ? html`<p class="muted list-end" data-list-end>${t('state.listEnd', { count: list.items.length })}</p>` : nothing;
  return html`<div class="load-more" role="status" aria-live="polite">
    <button
      type="button"
      class="link-button"
      data-load-more
      ?disabled=${list.loadingMore}
      aria-busy=${list.loadingMore}
      @click=${() => void list.loadMore()}
      ${whenVisible(() => void list.loadMore())}
    >
      ${t('state.loadMore', { count: list.items.length })}
    </button>
  </div>`;
}

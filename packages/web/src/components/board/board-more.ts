/**
 * The end of a paged list on the notice board (PagedController): a plain "加载更多" button for the
 * next page (the board loads no Shoelace, unlike components/common/load-more.ts), the page's error
 * with a retry, or — when `endLine` — how many there are once all are shown.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { PagedController } from '../../controllers/paged-controller.js';
import { t } from '../../i18n.js';
import { renderError } from '../common/load-state.js';

export function renderBoardMore<T>(list: PagedController<T>, endLine = true): TemplateResult | typeof nothing {
  if (list.status !== 'ready') return nothing;
  if (list.moreError) return renderError(list.moreError.message, () => void list.loadMore());
  if (!list.hasMore)
    return endLine && list.items.length > 0 ? html`<p class="muted" data-list-end>${t('state.listEnd', { count: list.items.length })}</p>` : nothing;
  return html`<p class="no-print" role="status" aria-live="polite">
    <button type="button" class="link-button" data-load-more ?disabled=${list.loadingMore} @click=${() => void list.loadMore()}>
      ${list.loadingMore ? t('state.loading') : t('state.loadMore', { count: list.items.length })}
    </button>
  </p>`;
}

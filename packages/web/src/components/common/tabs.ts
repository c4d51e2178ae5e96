/**
 * Tabs as WAI-ARIA describes them, with native buttons (no Shoelace on the account pages an owner
 * opens first): a tab list whose selected tab is the one keyboard stop (arrow keys, Home and End
 * move between tabs and show theirs), and one panel per tab, the others hidden. The page keeps which
 * tab is shown; `tabsStyles` draws them as large, full-width tabs with a thick underline.
 */
import { css, html, type TemplateResult } from 'lit';

export interface Tab<K extends string> {
  key: K;
  label: string;
  panel: TemplateResult;
}

export interface Tabs<K extends string> {
  /** Prefix of the panels' ids: the panel of tab `sms` in tabs `way` is `#way-sms`. */
  id: string;
  /** What the tabs choose between, for a screen reader. */
  label: string;
  tabs: readonly Tab<K>[];
  active: K;
  onSelect: (key: K) => void;
}

const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_i, n) => n - 1,
};

export function renderTabs<K extends string>(o: Tabs<K>) {
  const onKey = (event: KeyboardEvent) => {
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    const next = move(Math.max(index, 0), buttons.length);
    buttons[next]?.focus();
    o.onSelect(o.tabs[next]!.key);
  };
  return html`<div class="tabs" role="tablist" aria-label=${o.label} @keydown=${onKey}>
      ${o.tabs.map(
        (tab) =>
          html`<button
            type="button"
            role="tab"
            id=${`${o.id}-${tab.key}-tab`}
            aria-controls=${`${o.id}-${tab.key}`}
            aria-selected=${tab.key === o.active ? 'true' : 'false'}
            tabindex=${tab.key === o.active ? 0 : -1}
            @click=${() => o.onSelect(tab.key)}
          >
            ${tab.label}
          </button>`,
      )}
    </div>
    ${o.tabs.map(
      (tab) =>
        html`<div class="tab-panel" role="tabpanel" id=${`${o.id}-${tab.key}`} aria-labelledby=${`${o.id}-${tab.key}-tab`} ?hidden=${tab.key !== o.active}>
          ${tab.panel}
        </div>`,
    )}`;
}

export const tabsStyles = css`
  .tabs {
    display: flex;
    margin-bottom: 0.5rem;
    border-bottom: 2px solid var(--yishi-border);
  }
  .tabs [role='tab'] {
    flex: 1 1 0;
    min-height: var(--yishi-tap);
    padding: 0.75rem 0.5rem;
    margin-bottom: -2px;
    font: inherit;
    font-size: 1rem;
    font-weight: 600;
    color: var(--yishi-muted);
    background: none;
    border: none;
    border-bottom: 3px solid transparent;
    cursor: pointer;
  }
  .tabs [role='tab'][aria-selected='true'] {
    color: var(--yishi-brand);
    border-bottom-color: var(--yishi-brand);
  }
  .tabs [role='tab']:hover {
    color: var(--yishi-brand);
  }
  .tabs [role='tab']:focus-visible {
    outline: 3px solid var(--yishi-brand);
    outline-offset: -3px;
  }
  .tab-panel {
    padding-top: 1rem;
  }
`;

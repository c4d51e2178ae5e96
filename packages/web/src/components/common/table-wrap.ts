/**
 * A table that may scroll sideways on a phone sits in `.table-wrap` with role="region",
 * tabindex="0" and this label, so keyboard users can scroll it and screen readers name it
 * (axe: scrollable-region-focusable).
 */
export const SCROLLABLE_TABLE = { 'zh-CN': '表格（可左右滑动）', en: 'Table (scrolls sideways)' } as const;

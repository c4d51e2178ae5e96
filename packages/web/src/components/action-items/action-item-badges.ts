/**
 * The words and colours every action-item list shares: triage (colour AND its word), status, and the
 * red "已逾期 / Overdue" marker. Colour is never the only cue. The item shapes are core's
 * (ActionItemStaffView, ActionItemPublicView …), as the API answers them.
 */
import {
  ACTION_ITEM_STATUSES,
  RATING_LABELS,
  STATUS_LABELS,
  TRIAGE_LABELS,
  TRIAGE_LEVELS,
  type ActionItemPublicView,
  type ActionItemStatus,
  type Rating,
  type Triage,
} from '@yishi/core';
import { css, html, nothing } from 'lit';
import { formatDate } from '../../format/format.js';
import { pick, t } from '../../i18n.js';

export const badgeStyles = css`
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    padding: 0.1em 0.55em;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.875rem;
    font-weight: 600;
    white-space: nowrap;
    line-height: 1.5;
  }
  .dot {
    width: 0.7em;
    height: 0.7em;
    border-radius: 50%;
    display: inline-block;
  }
  .triage-green {
    color: var(--yishi-ok-text);
  }
  .triage-green .dot {
    background: var(--sl-color-green-600);
  }
  .triage-yellow {
    color: var(--yishi-warning-text);
  }
  .triage-yellow .dot {
    background: var(--sl-color-yellow-500);
  }
  .triage-red {
    color: var(--yishi-danger-text);
  }
  .triage-red .dot {
    background: var(--sl-color-red-600);
  }
  .overdue {
    color: var(--sl-color-neutral-0);
    background: var(--yishi-danger-text);
    border-color: var(--yishi-danger-text);
  }
  .status-signed_off {
    color: var(--yishi-ok-text);
  }
  .status-open,
  .status-in_progress,
  .status-resolved {
    color: var(--yishi-text);
  }
  tr.is-overdue td,
  tr.is-overdue th,
  .is-overdue .title,
  .is-overdue .due {
    color: var(--yishi-danger-text);
  }
  .number {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, monospace;
    font-weight: 600;
  }
  details.explain {
    margin: 0.25rem 0 0.5rem;
  }
  details.explain summary {
    display: inline-flex;
    align-items: center;
    min-height: var(--yishi-tap);
    color: var(--yishi-brand);
    font-weight: 600;
    cursor: pointer;
  }
  details.explain ul {
    margin: 0.25rem 0 0;
    padding-left: 1.25rem;
  }
`;

export function triageBadge(triage: Triage) {
  const label = pick(TRIAGE_LABELS[triage]);
  return html`<span class="badge triage-${triage}"><span class="dot" aria-hidden="true"></span>${label.split('·')[0]}</span>`;
}

export function triageLabel(triage: Triage): string {
  return pick(TRIAGE_LABELS[triage]);
}

export function statusBadge(status: ActionItemStatus) {
  return html`<span class="badge status-${status}">${pick(STATUS_LABELS[status])}</span>`;
}

export function overdueBadge(overdue: boolean) {
  return overdue ? html`<span class="badge overdue" data-overdue>${t('ai.overdue')}</span>` : nothing;
}

export function ratingLabel(rating: Rating): string {
  return pick(RATING_LABELS[rating]);
}

/**
 * The staff words on an item's badges (绿色, 已办结待销号 …) said plainly, for residents: one
 * sentence each for the colour, the status and, when it applies, 已逾期.
 */
export function explainedWords(item: Pick<ActionItemPublicView, 'triage' | 'status' | 'overdue'>) {
  return html`<details class="explain">
    <summary>${t('ai.explain.heading')}</summary>
    <ul>
      <li>${t(`ai.explain.triage.${item.triage}`)}</li>
      <li>${t(`ai.explain.status.${item.status}`)}</li>
      ${item.overdue ? html`<li>${t('ai.explain.overdue')}</li>` : nothing}
    </ul>
  </details>`;
}

/** Every colour and status word said plainly, once above a list (the public board). */
export function wordsGlossary() {
  return html`<details class="explain">
    <summary>${t('ai.explain.heading')}</summary>
    <ul>
      ${TRIAGE_LEVELS.map((level) => html`<li>${t(`ai.explain.triage.${level}`)}</li>`)}
      ${ACTION_ITEM_STATUSES.map((status) => html`<li>${t(`ai.explain.status.${status}`)}</li>`)}
      <li>${t('ai.explain.overdue')}</li>
    </ul>
  </details>`;
}

/** The status in a plain sentence for residents (under a concern in their list). */
export function statusExplained(status: ActionItemStatus): string {
  return t(`ai.explain.status.${status}`);
}

/** "2026年11月23日（周一）", with the estimate warning when the holiday data does not reach that year. */
export function dueText(item: Pick<ActionItemPublicView, 'dueDate' | 'dueDateProvisional'>) {
  return html`<span class="due">${formatDate(item.dueDate)}</span
    >${item.dueDateProvisional ? html` <small class="provisional">${t('ai.provisional')}</small>` : nothing}`;
}

/** A label and its value in the reader's language: "截止日期：…" / "Due: …". */
export function labelled(label: unknown, value: unknown) {
  return html`${label}${pick({ 'zh-CN': '：', en: ': ' })}${value}`;
}

/** The required fields left empty, each with the same request under it. */
export function missingFields<F extends string>(values: Readonly<Partial<Record<F, string>>>, required: readonly F[]): Partial<Record<F, string>> {
  const missing: Partial<Record<F, string>> = {};
  for (const field of required) if (!values[field]?.trim()) missing[field] = t('ai.required');
  return missing;
}

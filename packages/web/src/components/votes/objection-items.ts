/** How one roll correction request or one dispute reads to an owner and to staff: what was asked, its state, the answer and what changed. */
import type { BallotDisputeView, RollEntryValues, RollObjectionView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { formatArea, formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';

export const objectionStyles = css`
  ul.objections {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.75rem;
  }
  ul.objections > li {
    background: var(--yishi-surface);
    border: 1px solid var(--yishi-border);
    border-radius: var(--yishi-radius);
    padding: 0.75rem 1rem;
    overflow-wrap: anywhere;
  }
  ul.objections p {
    margin: 0.25rem 0;
  }
  .state-open {
    color: var(--yishi-warning-text);
    font-weight: 600;
  }
  .state-upheld {
    color: var(--yishi-ok-text);
    font-weight: 600;
  }
  .state-rejected {
    color: var(--yishi-danger-text);
    font-weight: 600;
  }
`;

const GLYPH = { open: '…', upheld: '✓', rejected: '✗' } as const;

export function statusTag(status: RollObjectionView['status']) {
  return html`<span class=${`state-${status}`}>${GLYPH[status]} ${t(`objections.status.${status}`)}</span>`;
}

/** The changes an upheld correction made, one line each. */
export function rollChanges(before: RollEntryValues | null, after: RollEntryValues | null) {
  if (!before || !after) return nothing;
  const lines = [];
  if (before.areaCenti !== after.areaCenti)
    lines.push(t('objections.change', { what: t('objections.area'), before: formatArea(before.areaCenti), after: formatArea(after.areaCenti) }));
  if (before.developerHeld !== after.developerHeld)
    lines.push(
      t('objections.change', {
        what: t('objections.developerHeld'),
        before: t(before.developerHeld ? 'objections.yes' : 'objections.no'),
        after: t(after.developerHeld ? 'objections.yes' : 'objections.no'),
      }),
    );
  if (before.ownerCount !== after.ownerCount)
    lines.push(t('objections.change', { what: t('objections.ownerCount'), before: String(before.ownerCount), after: String(after.ownerCount) }));
  return lines.map((line) => html`<p>${line}</p>`);
}

export function rollObjectionItem(o: RollObjectionView, extra: unknown = nothing) {
  return html`<li>
    <p><strong>${o.unitLabel}</strong> · ${t(`objections.kind.${o.kind}`)} · ${statusTag(o.status)}</p>
    ${o.text ? html`<p>${o.text}</p>` : nothing}
    ${o.claimedAreaCenti ? html`<p class="muted">${t('objections.claimed', { area: formatArea(o.claimedAreaCenti) })}</p>` : nothing}
    ${o.raisedByName ? html`<p class="muted">${t('objections.raisedBy', { name: o.raisedByName, time: formatDateTime(o.createdAt) })}</p>` : nothing}
    ${o.resolutionReason ? html`<p>${t('objections.reason', { reason: o.resolutionReason })}</p>` : nothing} ${rollChanges(o.before, o.after)} ${extra}
  </li>`;
}

export function disputeItem(d: BallotDisputeView, extra: unknown = nothing) {
  return html`<li>
    <p>
      <strong><code>${d.receiptCode}</code></strong> · ${t(`objections.disputeKind.${d.kind}`)} · ${statusTag(d.status)}
    </p>
    <p>${d.text}</p>
    ${d.raisedByName ? html`<p class="muted">${t('objections.raisedBy', { name: d.raisedByName, time: formatDateTime(d.createdAt) })}</p>` : nothing}
    ${d.resolutionReason ? html`<p>${t('objections.reason', { reason: d.resolutionReason })}</p>` : nothing}
    ${
      d.correctedChoiceLabels
        ? html`<p>${t('objections.corrected', { choices: d.correctedChoiceLabels.join(' / '), position: String(d.correctionLogPosition ?? '') })}</p>`
        : nothing
    }
    ${extra}
  </li>`;
}

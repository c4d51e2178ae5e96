/**
 * A vote's stages in plain words (core/votes/timeline.ts): where it stands in one sentence ("投票将于
 * 12月20日 开始；在此之前请核对名册"), the stages with their dates as an ordered list (the current one
 * marked for screen readers too), and the notices the stages published. `<yishi-vote-timeline
 * .timeline=${view.timeline}>` on the owner's vote page; the staff's stepper wraps it.
 */
import type { VoteTimeline } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';

type Stage = VoteTimeline['stages'][number];

function when(stage: Stage): string {
  const from = stage.startsAt ? formatDateTime(stage.startsAt) : null;
  const until = stage.endsAt ? formatDateTime(stage.endsAt) : null;
  if (stage.key === 'preliminary_result' || stage.key === 'final_result') return from ?? '';
  if (stage.key === 'announcement') return from ? t('timeline.from', { time: from }) : '';
  if (from && until) return t('timeline.range', { from, until });
  return until ? t('timeline.until', { time: until }) : (from ?? '');
}

@customElement('yishi-vote-timeline')
export class VoteTimelineView extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      section {
        display: grid;
        gap: 0.75rem;
      }
      h2,
      p {
        margin: 0;
      }
      .summary {
        font-size: 1.1em;
        font-weight: 600;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.25rem;
      }
      li {
        display: grid;
        grid-template-columns: 1.75rem 1fr;
        gap: 0.5rem;
        align-items: start;
        padding: 0.35rem 0.5rem;
        border-radius: var(--yishi-radius);
      }
      li .mark {
        font-weight: 700;
        text-align: center;
      }
      li.current {
        background: var(--yishi-surface);
        outline: 2px solid var(--yishi-brand);
      }
      li.upcoming {
        color: var(--yishi-muted);
      }
      .name {
        font-weight: 600;
      }
      .dates {
        display: block;
      }
      details {
        border-top: 1px solid var(--yishi-border);
        padding-top: 0.5rem;
      }
      summary {
        min-height: var(--yishi-tap);
        display: flex;
        align-items: center;
        cursor: pointer;
        font-weight: 600;
      }
      .notice + .notice {
        border-top: 1px dashed var(--yishi-border);
      }
      .notice {
        padding: 0.5rem 0;
        display: grid;
        gap: 0.25rem;
      }
      .notice h3 {
        margin: 0;
        font-size: 1rem;
      }
    `,
  ];

  @property({ attribute: false }) timeline: VoteTimeline | null = null;

  override render() {
    const tl = this.timeline;
    if (!tl) return nothing;
    return html`<section class="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">${t('timeline.heading')}</h2>
      <p class="summary" role="status">${pick(tl.summary)}</p>
      <ol>
        ${tl.stages.map(
          (s) =>
            html`<li class=${s.state} aria-current=${s.state === 'current' ? 'step' : 'false'}>
              <span class="mark" aria-hidden="true">${s.state === 'done' ? '✓' : s.state === 'current' ? '●' : '○'}</span>
              <span
                ><span class="name">${t(`timeline.stage.${s.key}`)}</span>
                <span class="muted">（${t(`timeline.state.${s.state}`)}）</span>
                <span class="dates">${when(s)}</span></span
              >
            </li>`,
        )}
      </ol>
      ${tl.phase === 'objection' || tl.phase === 'awaiting_final' ? html`<p class="muted">${t('timeline.preliminaryNote')}</p>` : nothing}
      ${tl.statutory ? html`<p class="muted">${pick(tl.profile)}</p>` : nothing}
      ${
        tl.notices.length
          ? html`<details>
              <summary>${t('timeline.notices')}（${tl.notices.length}）</summary>
              ${[...tl.notices].reverse().map(
                (n) =>
                  html`<article class="notice">
                    <h3>${pick(n.title)}</h3>
                    <p class="muted">${t('timeline.publishedAt', { time: formatDateTime(n.publishedAt) })}</p>
                    <p>${pick(n.body)}</p>
                  </article>`,
              )}
            </details>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-vote-timeline': VoteTimelineView;
  }
}

/**
 * A closed vote's result: pass or fail in words (never colour alone), a bar chart drawn in the page's
 * own type (it grows with elder mode) with the same figures in a table beside it, and every threshold check spelled out
 * ("参与表决面积占比 71.43% ≥ 2/3 ✓（…平方米）": the percentage never rounded across its threshold,
 * the exact fraction beside it). A secret vote with few voters comes without per-option figures:
 * then the verdict, why the figures are withheld, and what was chosen.
 */
import { formatAreaCenti, type VoteResultView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { YishiElement } from '../base/yishi-element.js';
import { SCROLLABLE_TABLE } from '../common/table-wrap.js';
import { pick, t } from '../../i18n.js';
import { tagStyles } from '../../styles/tag-styles.js';
import { voteStyles } from './vote-styles.js';

@customElement('yishi-vote-result')
export class VoteResult extends YishiElement {
  static override styles = [
    YishiElement.styles,
    tagStyles,
    voteStyles,
    css`
      .verdict {
        font-size: 1.3rem;
        font-weight: 700;
        padding: 0.75rem 1rem;
        border-radius: var(--yishi-radius);
        border: 2px solid currentColor;
        margin: 0.5rem 0 1rem;
      }
      .checks {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      .checks li {
        padding: 0.4rem 0;
        border-top: 1px solid var(--yishi-border);
        overflow-wrap: anywhere;
      }
      /* The chart in the page's own type, so it grows with elder mode: a name, its bar and its count a row. */
      .bars {
        display: grid;
        grid-template-columns: minmax(3em, max-content) 1fr;
        gap: 0.4rem 0.75rem;
        align-items: center;
        margin: 0 0 0.75rem;
      }
      .bars .name {
        max-width: 9em;
        overflow-wrap: anywhere;
      }
      .bars .track {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        font-variant-numeric: tabular-nums;
      }
      .bars .bar {
        flex: none;
        /* --share: the option's ballots against the most any option had; room is kept for the count. */
        width: max(2px, calc(var(--share) * 80%));
        height: 1.5em;
        border-radius: 3px;
        background: var(--yishi-brand);
      }
      .bars .bar.chosen {
        background: var(--yishi-ok-text);
      }
      h3 {
        margin-top: 1rem;
      }
      /*
       * Narrower than its four columns (a phone in elder mode, a large compound's areas): an option a row of its own,
       * its name across and its three figures under their names, instead of a table scrolling sideways. In the
       * container's own em, so elder mode's larger type switches earlier. The roles stay in the markup.
       */
      .option-figures {
        container: figures / inline-size;
      }
      @container figures (max-width: 17em) {
        thead {
          position: absolute;
          clip-path: inset(50%);
        }
        table,
        tbody {
          display: block;
        }
        tr {
          display: grid;
          /* The area, the longest figure and name, gets the most room. */
          grid-template-columns: 1fr 1fr 1.6fr;
        }
        tr > * {
          border: 0;
        }
        tr + tr {
          border-top: 1px solid var(--yishi-border);
        }
        th {
          grid-column: 1 / -1;
          padding-bottom: 0;
          background: none;
        }
        td.num {
          text-align: left;
        }
        td::before {
          content: attr(data-label) / '';
          display: block;
          color: var(--yishi-muted);
          font-size: 0.875em;
          word-break: keep-all;
        }
      }
      /* On paper the table carries the same figures as the chart, in less space. */
      @media print {
        .bars {
          display: none;
        }
        .verdict {
          padding: 0.3rem 0.6rem;
          margin: 0.3rem 0 0.5rem;
        }
        h3 {
          margin-top: 0.5rem;
        }
        .checks li {
          padding: 0.15rem 0;
        }
      }
    `,
  ];

  @property({ attribute: false }) result: VoteResultView | null = null;

  override render() {
    const r = this.result;
    if (!r) return nothing;
    if (r.totalsWithheld) return withheldResult(r, r.totalsWithheld.text);
    const max = Math.max(1, ...r.options.map((o) => o.ballots ?? 0));
    // A yes/no vote's options are yes, no and abstain (no other kind has an option "yes"): its "yes" is not
    // "elected" when the vote passes, and the verdict above already says it passed.
    const yesNo = r.options.some((o) => o.id === 'yes');
    return html`
      <p class="verdict ${r.passed ? 'passed' : 'failed'}" role="status">${r.passed ? '✓' : '✗'} ${pick(r.summary)}</p>
      <div class="bars" role="img" aria-label=${t('votes.chartLabel')}>
        ${r.options.map(
          (o) =>
            html`<span class="name">${o.label}</span>
              <span class="track"
                ><span class=${o.elected || (o.id === 'yes' && r.passed) ? 'bar chosen' : 'bar'} style=${`--share: ${(o.ballots ?? 0) / max}`}></span
                >${o.ballots}</span
              >`,
        )}
      </div>
      <div class="table-wrap option-figures" role="region" tabindex="0" aria-label=${pick(SCROLLABLE_TABLE)}>
        <table role="table">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">${t('votes.option')}</th>
              <th scope="col" role="columnheader" class="num">${t('votes.ballots')}</th>
              <th scope="col" role="columnheader" class="num">${t('votes.heads')}</th>
              <th scope="col" role="columnheader" class="num">${t('votes.area')}</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            ${r.options.map(
              (o) =>
                html`<tr role="row">
                  <th scope="row" role="rowheader">${o.label}${o.elected && !yesNo ? html` <span class="tag ok">✓ ${t('votes.elected')}</span>` : nothing}</th>
                  <td role="cell" class="num" data-label=${t('votes.ballots')}>${o.ballots}</td>
                  <td role="cell" class="num" data-label=${t('votes.heads')}>${o.heads}</td>
                  <td role="cell" class="num" data-label=${t('votes.area')}>${o.areaCenti === null ? '' : formatAreaCenti(o.areaCenti)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <h3>${t('votes.why')}</h3>
      <ul class="checks">
        ${r.checks.map((c) => html`<li class=${c.ok ? '' : 'failed'}>${pick(c.text)}</li>`)}
      </ul>
    `;
  }
}

/** A small secret vote: the verdict, why the figures are not shown, what was chosen, and the turnout checks. */
function withheldResult(r: VoteResultView, why: { 'zh-CN': string; en: string }) {
  const chosen = r.options.filter((o) => o.elected || (o.id !== 'yes' && o.passes));
  return html`
    <p class="verdict ${r.passed ? 'passed' : 'failed'}" role="status">${r.passed ? '✓' : '✗'} ${pick(r.summary)}</p>
    <p class="withheld">${pick(why)}</p>
    ${chosen.length > 0 ? html`<p>${t('votes.chosenOptions', { options: chosen.map((o) => o.label).join('、') })}</p>` : nothing}
    <h3>${t('votes.why')}</h3>
    <ul class="checks">
      ${r.checks.map((c) => html`<li class=${c.ok ? '' : 'failed'}>${pick(c.text)}</li>`)}
    </ul>
  `;
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-vote-result': VoteResult;
  }
}

/**
 * Notice-board section 存证: the latest published head of the compound's sign-off ledger and of each
 * recent vote's ballot log — length and last hash — with the whole list downloadable as JSON, the
 * file `yishi verify-ledger --heads` checks the chains against (docs/operations.md).
 */
import { anchorEndpoints, endpointUrl, type PublishedHeadView } from '@yishi/core';
import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { LoadController } from '../../controllers/load-controller.js';
import { formatDate } from '../../format/format.js';
import { t } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderEmpty, renderLoad } from '../common/load-state.js';
import { boardStyles } from './board-styles.js';

@customElement('yishi-board-anchors')
export class BoardAnchorsSection extends YishiElement {
  static override styles = [
    YishiElement.styles,
    boardStyles,
    css`
      ul {
        padding: 0;
        margin: 0.5rem 0;
        list-style: none;
      }
      li {
        padding: 0.5rem 0;
        border-top: 1px solid var(--yishi-border);
      }
      code {
        display: block;
        font-size: 0.85rem;
        overflow-wrap: anywhere;
      }
    `,
  ];
  @property({ attribute: false }) compoundId = '';
  private readonly load = new LoadController(
    this,
    (signal) => api.call(anchorEndpoints.heads, { params: { compoundId: this.compoundId }, signal }),
    () => [this.compoundId],
  );

  private renderHead(h: PublishedHeadView) {
    const what = h.chain === 'ledger' ? t('anchors.ledger') : t('anchors.ballotLog', { title: h.label });
    return html`<li>
      <strong>${what}</strong> · ${t('anchors.entries', { n: h.seq })} · ${t('anchors.publishedOn', { date: formatDate(h.publishedOn) })}
      <code aria-label=${t('anchors.hash')}>${h.hash}</code>
    </li>`;
  }

  override render() {
    return html`<section id="anchors" aria-labelledby="board-anchors">
      <h2 id="board-anchors">${t('anchors.heading')}</h2>
      ${renderLoad(this.load, (d) =>
        d.latest.length === 0
          ? renderEmpty(t('anchors.none'))
          : html`<p class="muted">${t('anchors.intro')}</p>
              <ul>
                ${d.latest.map((h) => this.renderHead(h))}
              </ul>
              <p class="no-print">
                <a
                  class="tap-link"
                  href=${endpointUrl(anchorEndpoints.heads, { params: { compoundId: this.compoundId } })}
                  download=${`heads-${this.compoundId}.json`}
                  >${t('anchors.download')}</a
                >
              </p>`,
      )}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-board-anchors': BoardAnchorsSection;
  }
}

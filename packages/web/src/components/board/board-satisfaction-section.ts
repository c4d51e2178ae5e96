/** The satisfaction summary on the public board: the rate in words and numbers, never a colour alone. */
import { boardEndpoints } from '@yishi/core';
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { LoadController } from '../../controllers/load-controller.js';
import { formatDate } from '../../format/format.js';
import { t } from '../../i18n.js';
import { YishiElement } from '../base/yishi-element.js';
import { boardStyles } from './board-styles.js';
import { renderLoad } from '../common/load-state.js';

@customElement('yishi-board-satisfaction')
export class BoardSatisfactionSection extends YishiElement {
  static override styles = [YishiElement.styles, boardStyles];
  @property() compoundId = '';
  private readonly data = new LoadController(
    this,
    (signal) => api.call(boardEndpoints.satisfaction, { params: { compoundId: this.compoundId }, signal }),
    () => [this.compoundId],
  );

  override render() {
    return html`<section id="satisfaction" aria-labelledby="satisfaction-heading">
      <h2 id="satisfaction-heading">${t('satisfactionBoard.heading')}</h2>
      ${renderLoad(
        this.data,
        (d) => html`
          <p class="muted">${t('satisfactionBoard.period', { from: formatDate(d.period.from), to: formatDate(d.period.to) })}</p>
          <dl class="figures">
            <div class="figure">
              <dt>${t('satisfactionBoard.rate')}</dt>
              <dd>${d.satisfaction.rated > 0 ? d.satisfaction.rate.text : t('satisfactionBoard.none')}</dd>
            </div>
            <div class="figure">
              <dt>${t('satisfactionBoard.rated')}</dt>
              <dd>${d.satisfaction.rated}</dd>
            </div>
            <div class="figure">
              <dt>${t('satisfactionBoard.signedOff')}</dt>
              <dd>${d.actionItems.signedOff}</dd>
            </div>
            <div class="figure">
              <dt>${t('satisfactionBoard.onTime')}</dt>
              <dd>${d.actionItems.onTimeRate.text}</dd>
            </div>
            <div class="figure">
              <dt>${t('satisfactionBoard.answered')}</dt>
              <dd>${t('satisfactionBoard.answeredValue', { answered: d.questions.answeredOnTheSpot, raised: d.questions.raised })}</dd>
            </div>
          </dl>
          ${
            d.satisfaction.rated > 0
              ? html`<p>
                  ${t('satisfactionBoard.breakdown', { satisfied: d.satisfaction.satisfied, basic: d.satisfaction.basicallySatisfied, dissatisfied: d.satisfaction.dissatisfied })}
                </p>`
              : ''
          }
        `,
      )}
    </section>`;
  }
}

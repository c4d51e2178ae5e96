/** The satisfaction summary on the public board: the rate in words and numbers, never a colour alone. */
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { LoadController } from '../../controllers/load-controller.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { formatDate } from '../../format/format.js';
import { t } from '../../i18n.js';
import { pageStyles } from '../../styles/page-styles.js';
import { renderLoad } from '../common/load-state.js';

interface Rate {
  text: string;
  numerator: number;
  denominator: number;
}

interface SatisfactionSummary {
  period: { from: string; to: string };
  satisfaction: { rated: number; satisfied: number; basicallySatisfied: number; dissatisfied: number; rate: Rate };
  actionItems: { signedOff: number; onTimeRate: Rate };
  questions: { raised: number; answeredOnTheSpot: number };
}

@customElement('yishi-board-satisfaction')
export class BoardSatisfactionSection extends LitElement {
  static override styles = [pageStyles];
  @property() compoundId = '';
  private readonly prefs = new PreferencesController(this);
  private readonly data = new LoadController<SatisfactionSummary>(
    this,
    (signal) => api.get(`/api/public/compounds/${encodeURIComponent(this.compoundId)}/satisfaction`, signal),
    () => [this.compoundId],
  );

  override render() {
    return html`<section id="satisfaction" aria-labelledby="satisfaction-heading">
      <h2 id="satisfaction-heading">${t('satisfactionBoard.heading')}</h2>
      ${renderLoad(this.data, (d) => html`
        <p class="muted">${t('satisfactionBoard.period', { from: formatDate(d.period.from), to: formatDate(d.period.to) })}</p>
        <dl class="figures">
          <div class="figure"><dt>${t('satisfactionBoard.rate')}</dt><dd>${d.satisfaction.rated > 0 ? d.satisfaction.rate.text : t('satisfactionBoard.none')}</dd></div>
          <div class="figure"><dt>${t('satisfactionBoard.rated')}</dt><dd>${d.satisfaction.rated}</dd></div>
          <div class="figure"><dt>${t('satisfactionBoard.signedOff')}</dt><dd>${d.actionItems.signedOff}</dd></div>
          <div class="figure"><dt>${t('satisfactionBoard.onTime')}</dt><dd>${d.actionItems.onTimeRate.text}</dd></div>
          <div class="figure"><dt>${t('satisfactionBoard.answered')}</dt><dd>${t('satisfactionBoard.answeredValue', { answered: d.questions.answeredOnTheSpot, raised: d.questions.raised })}</dd></div>
        </dl>
        ${d.satisfaction.rated > 0
          ? html`<p>${t('satisfactionBoard.breakdown', { satisfied: d.satisfaction.satisfied, basic: d.satisfaction.basicallySatisfied, dissatisfied: d.satisfaction.dissatisfied })}</p>`
          : ''}
      `)}
    </section>`;
  }
}

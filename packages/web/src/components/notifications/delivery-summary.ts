/**
 * Who was notified of something staff caused (a vote, a meeting …): "1,204 of 1,311 got it; 107 not
 * reached, because: no phone 60, turned off 30 …", by channel and group robot, with a button that
 * sends again to those not reached. Embed it on the thing's management page:
 * `<yishi-delivery-summary compound-id=… subject-kind="vote" subject-id=…>`.
 */
import { notificationEndpoints, type Answer } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderLoad } from '../common/load-state.js';
import { reasonWords } from './robot-last.js';

type Report = Answer<typeof notificationEndpoints.deliveries>;
type SubjectKind = 'vote' | 'meeting' | 'proposal' | 'action_item' | 'question' | 'compound';

@customElement('yishi-delivery-summary')
export class DeliverySummary extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    css`
      section.card {
        display: grid;
        gap: 0.5rem;
      }
      h2,
      h3,
      p,
      ul {
        margin: 0;
      }
      h3 {
        font-size: 1rem;
      }
      ul {
        padding-left: 1.25rem;
      }
      .event + .event {
        border-top: 1px solid var(--yishi-border);
        padding-top: 0.5rem;
      }
      .event {
        display: grid;
        gap: 0.25rem;
      }
      .figure {
        font-weight: 700;
        font-size: 1.05rem;
      }
    `,
  ];

  @property({ attribute: 'compound-id' }) compoundId = '';
  @property({ attribute: 'subject-kind' }) subjectKind: SubjectKind = 'vote';
  @property({ attribute: 'subject-id' }) subjectId = '';
  private readonly write = new WriteController(this);
  private readonly load = new LoadController(
    this,
    (signal) =>
      api.call(notificationEndpoints.deliveries, {
        params: { compoundId: this.compoundId },
        query: { subjectKind: this.subjectKind, subjectId: this.subjectId },
        signal,
      }),
    () => [this.compoundId, this.subjectKind, this.subjectId, currentLocale()],
  );

  private async resend(eventId: string): Promise<void> {
    await this.write.run(() => api.call(notificationEndpoints.resend, { params: { compoundId: this.compoundId, eventId } }), {
      success: (answer) => t('delivery.resent', { count: answer.requeued }),
    });
    await this.load.refresh();
  }

  override render() {
    if (!this.compoundId || !this.subjectId) return nothing;
    return html`<section class="card delivery" aria-labelledby="delivery-heading">
      <h2 id="delivery-heading">${t('delivery.heading')}</h2>
      ${renderLoad(this.load, (report) => this.renderReport(report))}
    </section>`;
  }

  private renderReport(report: Report) {
    if (report.events.length === 0) return html`<p class="muted">${t('delivery.none')}</p>`;
    const n = (value: number) => value.toLocaleString(currentLocale());
    const triple = (c: { sent: number; pending: number; failed: number } | undefined) => (c ? `${n(c.sent)}/${n(c.pending)}/${n(c.failed)}` : '0/0/0');
    return report.events.map((event) => {
      const missing = event.recipients - event.reached;
      return html`<div class="event">
        <h3>${event.label} · ${formatDateTime(event.createdAt)}</h3>
        ${event.recipients > 0 ? html`<p class="figure">${t('delivery.summary', { total: n(event.recipients), reached: n(event.reached), label: event.label })}</p>` : nothing}
        ${
          missing > 0
            ? html`<p>${t('delivery.notReached', { count: n(missing) })}</p>
                <ul class="reasons">
                  ${event.notReached.map((r) => html`<li>${t('delivery.reason', { label: r.label, count: n(r.count) })}</li>`)}
                </ul>`
            : nothing
        }
        ${
          event.channels.some((c) => c.channel === 'sms' || c.channel === 'email')
            ? html`<p class="muted">
                ${t('delivery.channels', { sms: triple(event.channels.find((c) => c.channel === 'sms')), email: triple(event.channels.find((c) => c.channel === 'email')) })}
              </p>`
            : nothing
        }
        ${event.robots.map(
          (r) =>
            html`<p class="muted">
              ${t('delivery.robot', { name: r.name, status: t(`robots.status.${r.status}`) })}${r.status === 'failed' && r.reason ? `（${reasonWords(r.reason)}）` : ''}
            </p>`,
        )}
        ${
          // Messages still on their way (being sent, held for quiet hours) are not sent again.
          event.notReached.some((r) => r.reason !== 'pending' && r.reason !== 'quiet_hours')
            ? html`<div>
                <button
                  type="button"
                  class="button"
                  ?disabled=${this.write.busy}
                  aria-busy=${this.write.busy ? 'true' : 'false'}
                  @click=${() => void this.resend(event.eventId)}
                >
                  ${t('delivery.resend')}
                </button>
              </div>`
            : nothing
        }
      </div>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-delivery-summary': DeliverySummary;
  }
}

/**
 * The minutes work of a compound for its staff: held meetings whose minutes are overdue come first
 * (said in words: 已超期), then those still within the 3-day deadline, then the published ones with
 * their version. Each links to the meeting's minutes page.
 */
import { MEETING_KIND_LABELS, minutesEndpoints } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { SCROLLABLE_TABLE } from '../../components/common/table-wrap.js';
import { LoadController } from '../../controllers/load-controller.js';
import { formatDate } from '../../format/format.js';
import { pick, t } from '../../i18n.js';

const STATE_WORDS = { none: 'minutesList.state.none', draft: 'minutesList.state.draft', published: 'minutesList.state.published' } as const;

@customElement('yishi-minutes-list-page')
export class MinutesListPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      .overdue {
        color: var(--yishi-danger-text);
        font-weight: 700;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly data = new LoadController(
    this,
    (signal) => api.call(minutesEndpoints.work, { params: { compoundId: this.params.compoundId ?? '' }, signal }),
    () => [this.params.compoundId],
  );

  override render() {
    return html`<h1>${t('minutesList.title')}</h1>
      <p class="lead">${t('minutesList.intro')}</p>
      ${renderLoad(this.data, (d) =>
        d.minutes.length === 0
          ? html`<p class="state-empty">${t('minutesList.none')}</p>`
          : html`<div class="table-wrap" role="region" tabindex="0" aria-label=${pick(SCROLLABLE_TABLE)}>
              <table>
                <caption class="visually-hidden">
                  ${t('minutesList.title')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t('minutesList.meeting')}</th>
                    <th scope="col">${t('minutesList.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${d.minutes.map(
                    (m) =>
                      html`<tr>
                        <td>
                          <a href=${`/meetings/${m.meetingId}/minutes`}
                            >${t('minutes.labelled', { label: pick(MEETING_KIND_LABELS[m.kind]), value: m.title })}</a
                          ><br />
                          <span class="muted">${formatDate(m.startsAt)}</span>
                        </td>
                        <td>
                          ${t(STATE_WORDS[m.state])}${m.version ? html` · ${t('minutes.versionLabel', { version: m.version })}` : nothing}
                          ${
                            m.timeLeft
                              ? html`<br /><span class=${m.timeLeft.overdue ? 'overdue' : ''}
                                    >${t('minutes.labelled', { label: m.timeLeft.overdue ? t('minutes.deadlineOverdue') : t('minutes.deadlineOk'), value: pick(m.timeLeft.label) })}</span
                                  >`
                              : nothing
                          }
                          ${m.publishedOnTime === false ? html`<br /><span>${t('minutes.publishedLate')}</span>` : nothing}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`,
      )}`;
  }
}

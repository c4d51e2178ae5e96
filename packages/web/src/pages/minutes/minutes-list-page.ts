/**
 * The minutes work of a compound for its staff, a page at a time (加载更多, or on scrolling to the
 * end): held meetings without published minutes come first, oldest first, so the overdue ones (said
 * in words: 已超期) lead; then the published ones with their version, newest first. Each links to
 * the meeting's minutes page.
 */
import { MEETING_KIND_LABELS, minutesEndpoints, type MinutesWorkRow } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderMore } from '../../components/common/load-more.js';
import { renderLoad } from '../../components/common/load-state.js';
import { SCROLLABLE_TABLE } from '../../components/common/table-wrap.js';
import { PagedController } from '../../controllers/paged-controller.js';
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
  private readonly data = new PagedController<MinutesWorkRow>(
    this,
    (after, signal) => api.call(minutesEndpoints.work, { params: { compoundId: this.params.compoundId ?? '' }, query: { after }, signal }),
    () => [this.params.compoundId],
  );

  override render() {
    return html`<h1>${t('minutesList.title')}</h1>
      <p class="lead">${t('minutesList.intro')}</p>
      ${renderLoad(this.data, () =>
        this.data.items.length === 0
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
                  ${this.data.items.map(
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
      )}
      ${renderMore(this.data)}`;
  }
}

/**
 * The minutes work of a compound for its staff: held meetings whose minutes are overdue come first
 * (said in words: 已超期), then those still within the 3-day deadline, then the published ones with
 * their version. Each links to the meeting's minutes page.
 */
import { MEETING_KIND_LABELS, type Locale, type MeetingKind } from '@yishi/core';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { renderLoad } from '../../components/common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { formatDate } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { SCROLLABLE_TABLE } from '../../components/common/table-wrap.js';
import { currentLocale } from '../../state/preferences.js';
import { pageStyles } from '../../styles/page-styles.js';

interface MinutesWork {
  meetingId: string;
  kind: MeetingKind;
  title: string;
  startsAt: string;
  state: 'none' | 'draft' | 'published';
  version: number | null;
  timeLeft: { overdue: boolean; label: Record<Locale, string> } | null;
  publishedOnTime: boolean | null;
}

const STATE_WORDS = { none: 'minutesList.state.none', draft: 'minutesList.state.draft', published: 'minutesList.state.published' } as const;

@customElement('yishi-minutes-list-page')
export class MinutesListPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .overdue {
        color: var(--yishi-danger-text);
        font-weight: 700;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly prefs = new PreferencesController(this);
  private readonly data = new LoadController<{ minutes: MinutesWork[] }>(
    this,
    (signal) => api.get(`/api/compounds/${encodeURIComponent(this.params.compoundId ?? '')}/minutes`, signal),
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
                <caption class="visually-hidden">${t('minutesList.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">${t('minutesList.meeting')}</th>
                    <th scope="col">${t('minutesList.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${d.minutes.map(
                    (m) => html`<tr>
                      <td>
                        <a href=${`/meetings/${m.meetingId}/minutes`}>${pick(MEETING_KIND_LABELS[m.kind])}：${m.title}</a><br />
                        <span class="muted">${formatDate(m.startsAt)}</span>
                      </td>
                      <td>
                        ${t(STATE_WORDS[m.state])}${m.version ? html` · ${t('minutes.versionLabel', { version: m.version })}` : nothing}
                        ${m.timeLeft
                          ? html`<br /><span class=${m.timeLeft.overdue ? 'overdue' : ''}>${m.timeLeft.overdue ? t('minutes.deadlineOverdue') : t('minutes.deadlineOk')}：${m.timeLeft.label[currentLocale()]}</span>`
                          : nothing}
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

/**
 * The governance dashboard for the subdistrict and the community: figures per period and compound
 * (meetings by kind; questions raised, answered on the spot and listed; action items signed off on
 * time, late, overdue; average working days to sign-off; satisfaction; minutes published on time),
 * as charts and as a text table of the same figures, and as an Excel download.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import { MEETING_KIND_LABELS, dashboardRows, type DashboardFigures, type DashboardMonth, type Locale, type MeetingKind } from '@yishi/core';
import { formatDate } from '../../format/format.js';
import { currentLocale } from '../../state/preferences.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { renderLoad } from '../../components/common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { pick, t } from '../../i18n.js';
import { SCROLLABLE_TABLE } from '../../components/common/table-wrap.js';
import { loadMe } from '../../state/session.js';
import { pageStyles } from '../../styles/page-styles.js';
import './dashboard-chart.js';
import type { ChartOption } from './dashboard-chart.js';

interface DashboardAnswer {
  period: { from: string; to: string };
  compoundId: string | null;
  compounds: Array<{ id: string; name: string }>;
  figures: DashboardFigures;
  months: DashboardMonth[];
  byCompound: Array<{ compoundId: string; name: string; figures: DashboardFigures }>;
  pendingMinutes: Array<{ meetingId: string; compoundName: string; kind: MeetingKind; title: string; startsAt: string; timeLeft: { overdue: boolean; label: Record<Locale, string> } | null }>;
}

interface Filters {
  scope: 'subdistrict' | 'community';
  id: string;
  from: string;
  to: string;
  compoundId: string;
}

/** Colours with a word beside every one (legend and table); never the only cue. */
const COLORS = ['#1d4ed8', '#b45309', '#047857', '#b91c1c', '#6b21a8'];

@customElement('yishi-dashboard-page')
export class DashboardPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: end;
        margin-bottom: 1rem;
      }
      label {
        display: grid;
        gap: 0.25rem;
        font-weight: 600;
      }
      input,
      select {
        font: inherit;
        min-height: var(--yishi-tap);
        padding: 0 0.5rem;
        border: 1px solid #6b7280;
        border-radius: 0.375rem;
        background: #fff;
      }
      .charts {
        display: grid;
        gap: 1rem;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 24rem), 1fr));
      }
      .charts h2 {
        margin-top: 0;
        font-size: 1.05rem;
      }
    `,
  ];
  @state() private filters: Filters | null = null;
  @state() private noAccess = false;
  private readonly prefs = new PreferencesController(this);

  private readonly data = new LoadController<DashboardAnswer | null>(
    this,
    async (signal) => {
      if (!this.filters) return null;
      return api.get<DashboardAnswer>(`/api/dashboard?${this.query(this.filters)}`, signal);
    },
    () => [this.filters],
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void loadMe().then((me) => {
      const grant = me?.grants.find((g) => g.role === 'subdistrict_committee') ?? me?.grants.find((g) => g.role === 'community_staff');
      if (!grant) {
        this.noAccess = true;
        return;
      }
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      this.filters = { scope: grant.role === 'subdistrict_committee' ? 'subdistrict' : 'community', id: grant.scopeId, from: `${today.slice(0, 4)}-01-01`, to: today, compoundId: '' };
    });
  }

  private query(f: Filters): string {
    const q = new URLSearchParams({ scope: f.scope, id: f.id, from: f.from, to: f.to });
    if (f.compoundId) q.set('compoundId', f.compoundId);
    return q.toString();
  }

  private apply(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;
    if (this.filters) this.filters = { ...this.filters, from: value('from'), to: value('to'), compoundId: value('compoundId') };
  }

  private charts(d: DashboardAnswer) {
    const f = d.figures;
    const legend = { bottom: 0, textStyle: { fontSize: 14 } };
    const meetings: ChartOption = {
      color: COLORS,
      tooltip: { trigger: 'axis' },
      legend,
      grid: { left: 36, right: 12, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: d.months.map((m) => pick({ 'zh-CN': `${Number(m.month.slice(5))}月`, en: m.month })) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('dashboard.series.fourParty'), type: 'bar', stack: 'm', data: d.months.map((m) => m.fourParty) },
        { name: t('dashboard.series.eveningTalk'), type: 'bar', stack: 'm', data: d.months.map((m) => m.eveningTalk) },
      ],
    };
    const pie = (items: Array<[string, number]>): ChartOption => ({
      color: COLORS,
      tooltip: { trigger: 'item' },
      legend,
      series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], label: { formatter: '{b}\n{c}', fontSize: 14 }, data: items.map(([name, value]) => ({ name, value })) }],
    });
    const items: ChartOption = {
      color: COLORS,
      tooltip: { trigger: 'axis' },
      grid: { left: 36, right: 12, top: 16, bottom: 40 },
      xAxis: { type: 'category', data: [t('dashboard.series.onTime'), t('dashboard.series.late'), t('dashboard.series.overdue')] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', colorBy: 'data', label: { show: true, position: 'top' }, data: [f.actionItems.signedOffOnTime, f.actionItems.signedOffLate, f.actionItems.overdue] }],
    };
    const chart = (key: 'dashboard.chart.meetings' | 'dashboard.chart.questions' | 'dashboard.chart.actionItems' | 'dashboard.chart.satisfaction', option: ChartOption, label: string) =>
      html`<section class="card"><h2>${t(key)}</h2><yishi-dashboard-chart .option=${option} label=${`${t(key)}：${label}`}></yishi-dashboard-chart></section>`;
    return html`<div class="charts">
      ${chart('dashboard.chart.meetings', meetings, `${t('dashboard.series.fourParty')} ${f.meetings.fourParty}，${t('dashboard.series.eveningTalk')} ${f.meetings.eveningTalk}`)}
      ${chart(
        'dashboard.chart.questions',
        pie([
          [t('dashboard.series.answered'), f.questions.answeredOnTheSpot],
          [t('dashboard.series.listed'), f.questions.listed],
        ]),
        `${t('dashboard.series.answered')} ${f.questions.answeredOnTheSpot}，${t('dashboard.series.listed')} ${f.questions.listed}`,
      )}
      ${chart('dashboard.chart.actionItems', items, `${t('dashboard.series.onTime')} ${f.actionItems.signedOffOnTime}，${t('dashboard.series.late')} ${f.actionItems.signedOffLate}，${t('dashboard.series.overdue')} ${f.actionItems.overdue}`)}
      ${chart(
        'dashboard.chart.satisfaction',
        pie([
          [t('dashboard.series.satisfied'), f.satisfaction.satisfied],
          [t('dashboard.series.basic'), f.satisfaction.basicallySatisfied],
          [t('dashboard.series.dissatisfied'), f.satisfaction.dissatisfied],
        ]),
        `${f.satisfaction.rate.text}`,
      )}
    </div>
    <p class="muted">${t('dashboard.chartNote')}</p>`;
  }

  private pending(d: DashboardAnswer) {
    if (d.pendingMinutes.length === 0) return nothing;
    return html`<section class="card" aria-labelledby="pending-heading">
      <h2 id="pending-heading">${t('dashboard.pendingMinutes', { count: d.pendingMinutes.length })}</h2>
      <ul>
        ${d.pendingMinutes.map(
          (m) => html`<li>
            <a href=${`/meetings/${m.meetingId}/minutes`}>${m.compoundName} · ${pick(MEETING_KIND_LABELS[m.kind])}：${m.title}</a>
            （${formatDate(m.startsAt)}）
            ${m.timeLeft ? html`<strong>${m.timeLeft.overdue ? t('minutes.deadlineOverdue') : t('minutes.deadlineOk')}：${m.timeLeft.label[currentLocale()]}</strong>` : html`<span class="muted">${t('dashboard.noDeadline')}</span>`}
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private table(d: DashboardAnswer) {
    const rows = dashboardRows(d.figures);
    const perCompound = d.byCompound.length > 1 ? d.byCompound : [];
    return html`<div class="table-wrap" role="region" tabindex="0" aria-label=${pick(SCROLLABLE_TABLE)}>
      <table>
        <caption>${t('dashboard.tableCaption', d.period)}</caption>
        <thead>
          <tr>
            <th scope="col">${t('dashboard.indicator')}</th>
            <th scope="col" class="num">${t('dashboard.value')}</th>
            ${perCompound.map((c) => html`<th scope="col" class="num">${c.name}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r, i) => html`<tr>
              <th scope="row">${pick(r.label)}</th>
              <td class="num">${r.value}</td>
              ${perCompound.map((c) => html`<td class="num">${dashboardRows(c.figures)[i]?.value ?? ''}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    if (this.noAccess) return html`<h1>${t('dashboard.title')}</h1><p>${t('dashboard.noAccess')}</p>`;
    const f = this.filters;
    return html`<h1>${t('dashboard.title')}</h1>
      <p class="lead">${t('dashboard.intro')}</p>
      ${f
        ? html`<form @submit=${this.apply}>
            <label>${t('dashboard.from')}<input type="date" name="from" .value=${f.from} required /></label>
            <label>${t('dashboard.to')}<input type="date" name="to" .value=${f.to} required /></label>
            <label
              >${t('dashboard.compound')}
              <select name="compoundId">
                <option value="" ?selected=${f.compoundId === ''}>${t('dashboard.allCompounds')}</option>
                ${(this.data.value?.compounds ?? []).map((c) => html`<option value=${c.id} ?selected=${f.compoundId === c.id}>${c.name}</option>`)}
              </select>
            </label>
            <sl-button type="submit" variant="primary">${t('dashboard.apply')}</sl-button>
            <a class="link-button" href=${`/api/dashboard.xlsx?${this.query(f)}`} download>${t('dashboard.download')}</a>
          </form>`
        : nothing}
      ${f ? renderLoad(this.data, (d) => (d ? html`${this.pending(d)}${this.charts(d)}${this.table(d)}` : nothing)) : nothing}`;
  }
}

/**
 * The governance dashboard for the subdistrict and the community: figures per period and compound
 * (meetings by kind; questions raised, answered on the spot and listed; action items signed off on
 * time, late, overdue; average working days to sign-off; satisfaction; minutes published on time),
 * as charts and as a text table of the same figures, and as an Excel download.
 */
import { MEETING_KINDS, dashboardEndpoints, dashboardRows, endpointUrl, meetingKind, type DashboardQuery, type DashboardView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { formatDate } from '../../format/format.js';
import { pick, t, type MessageKey } from '../../i18n.js';
import { SCROLLABLE_TABLE } from '../../components/common/table-wrap.js';
import { loadMe } from '../../state/session.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { MEANING, type ChartOption } from './dashboard-chart.js';

/** The filters the page sends: the place from the caller's grant, the period and one compound or all. */
type Filters = Required<Pick<DashboardQuery, 'scope' | 'id' | 'from' | 'to'>> & { compoundId: string };

/** Meetings held, per kind: the counter and chart label each kind's spec names. */
const MEETING_COUNTERS = MEETING_KINDS.map((kind) => meetingKind(kind).dashboard);

/** Punctuation in the reader's language. */
const COLON = { 'zh-CN': '：', en: ': ' } as const;
const COMMA = { 'zh-CN': '，', en: ', ' } as const;
const PARENS = { 'zh-CN': '（{}）', en: ' ({})' } as const;

@customElement('yishi-dashboard-page')
export class DashboardPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
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
      form .button {
        min-height: var(--yishi-tap);
      }
      input,
      select {
        font: inherit;
        min-height: var(--yishi-tap);
        padding: 0 0.5rem;
        border: 1px solid var(--sl-color-neutral-500);
        border-radius: var(--yishi-radius);
        background: var(--yishi-surface);
        color: var(--yishi-text);
      }
      /* A date's focus sits on one of its parts, inside the field: the ring follows :focus-within (native-field-styles.ts). */
      input:focus-within,
      select:focus-visible {
        outline: var(--sl-focus-ring-width) solid var(--sl-color-primary-600);
        outline-offset: 0;
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

  private readonly data = new LoadController(
    this,
    async (signal) => (this.filters ? api.call(dashboardEndpoints.get, { query: this.query(this.filters), signal }) : null),
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
      this.filters = {
        scope: grant.role === 'subdistrict_committee' ? 'subdistrict' : 'community',
        id: grant.scopeId,
        from: `${today.slice(0, 4)}-01-01`,
        to: today,
        compoundId: '',
      };
    });
  }

  private query(f: Filters): DashboardQuery {
    return { scope: f.scope, id: f.id, from: f.from, to: f.to, ...(f.compoundId ? { compoundId: f.compoundId } : {}) };
  }

  private apply(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;
    if (this.filters) this.filters = { ...this.filters, from: value('from'), to: value('to'), compoundId: value('compoundId') };
  }

  private charts(d: DashboardView) {
    const f = d.figures;
    const legend = { bottom: 0, textStyle: { fontSize: 14 } };
    const meetings: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend,
      // Room below for the months and a legend of two rows (on a phone its three kinds do not fit on one).
      grid: { left: 36, right: 12, top: 16, bottom: 88 },
      xAxis: { type: 'category', data: d.months.map((m) => pick({ 'zh-CN': `${Number(m.month.slice(5))}月`, en: m.month })), axisLabel: { fontSize: 12 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 12 } },
      series: MEETING_COUNTERS.map((c) => ({ name: pick(c.series), type: 'bar', stack: 'm', data: d.months.map((m) => m[c.counter]) })),
    };
    // Each slice and bar in the colour of what it means (MEANING), with its words and number beside it: for a pie, in
    // its legend (Satisfied 2), as labels around the ring stuck out past a 360-px phone or broke words in English.
    const pie = (items: Array<[string, number, string]>): ChartOption => {
      const counts = new Map(items.map(([name, value]) => [name, value]));
      return {
        tooltip: { trigger: 'item' },
        legend: { ...legend, formatter: (name: string) => `${name} ${counts.get(name) ?? ''}` },
        series: [
          {
            type: 'pie',
            radius: ['35%', '70%'],
            center: ['50%', '42%'],
            label: { show: false },
            labelLine: { show: false },
            data: items.map(([name, value, colour]) => ({ name, value, itemStyle: { color: colour } })),
          },
        ],
      };
    };
    const bars: Array<[MessageKey, number, string]> = [
      ['dashboard.series.onTime', f.actionItems.signedOffOnTime, MEANING.good],
      ['dashboard.series.late', f.actionItems.signedOffLate, MEANING.late],
      ['dashboard.series.overdue', f.actionItems.overdue, MEANING.bad],
    ];
    const items: ChartOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 36, right: 12, top: 24, bottom: 40 },
      // Every bar keeps its words, also when the chart is phone-narrow.
      xAxis: { type: 'category', data: bars.map(([key]) => t(key)), axisLabel: { interval: 0, fontSize: 13, width: 80, overflow: 'break' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 12 } },
      series: [
        {
          type: 'bar',
          // One pattern per bar, as per slice.
          colorBy: 'data',
          label: { show: true, position: 'top', fontSize: 14 },
          data: bars.map(([key, value, colour]) => ({ name: t(key), value, itemStyle: { color: colour } })),
        },
      ],
    };
    /** The figures a chart draws, said in words (its label for screen readers). */
    const saidIn = (parts: Array<[string, number]>) => parts.map(([label, value]) => `${label} ${value}`).join(pick(COMMA));
    const said = (parts: Array<[MessageKey, number]>) => saidIn(parts.map(([key, value]) => [t(key), value]));
    // A ring of nothing but zeros would be drawn in equal slices, read as a result: it says there is none yet instead.
    const chart = (key: MessageKey, option: ChartOption, label: string, empty = false) =>
      html`<section class="card">
        <h2>${t(key)}</h2>
        ${
          empty
            ? html`<p class="state state-empty">${t('dashboard.noData')}</p>`
            : html`<yishi-dashboard-chart .option=${option} label=${`${t(key)}${pick(COLON)}${label}`}></yishi-dashboard-chart>`
        }
      </section>`;
    const none = (list: Array<[MessageKey, number, string]>) => list.every(([, value]) => value === 0);
    const questions: Array<[MessageKey, number, string]> = [
      ['dashboard.series.answered', f.questions.answeredOnTheSpot, MEANING.good],
      ['dashboard.series.listed', f.questions.listed, MEANING.middling],
    ];
    const satisfaction: Array<[MessageKey, number, string]> = [
      ['dashboard.series.satisfied', f.satisfaction.satisfied, MEANING.good],
      ['dashboard.series.basic', f.satisfaction.basicallySatisfied, MEANING.middling],
      ['dashboard.series.dissatisfied', f.satisfaction.dissatisfied, MEANING.bad],
    ];
    const words = (list: Array<[MessageKey, number, string]>) => list.map(([key, value, colour]): [string, number, string] => [t(key), value, colour]);
    return html`<div class="charts">
        ${chart('dashboard.chart.meetings', meetings, saidIn(MEETING_COUNTERS.map((c) => [pick(c.series), f.meetings[c.counter]])))}
        ${chart('dashboard.chart.questions', pie(words(questions)), said(questions.map(([key, value]) => [key, value])), none(questions))}
        ${chart('dashboard.chart.actionItems', items, said(bars.map(([key, value]) => [key, value])))}
        ${chart(
          'dashboard.chart.satisfaction',
          pie(words(satisfaction)),
          `${said(satisfaction.map(([key, value]) => [key, value]))}${pick(PARENS).replace('{}', f.satisfaction.rate.text)}`,
          none(satisfaction),
        )}
      </div>
      <p class="muted">${t('dashboard.chartNote')}</p>`;
  }

  private pending(d: DashboardView) {
    if (d.pendingMinutes.length === 0) return nothing;
    return html`<section class="card" aria-labelledby="pending-heading">
      <h2 id="pending-heading">${t('dashboard.pendingMinutes', { count: d.pendingMinutes.length })}</h2>
      <ul>
        ${d.pendingMinutes.map(
          (m) =>
            html`<li>
              <a href=${`/meetings/${m.meetingId}/minutes`}>${m.compoundName} · ${pick(meetingKind(m.kind).label)}${pick(COLON)}${m.title}</a>
              ${pick(PARENS).replace('{}', formatDate(m.startsAt))}
              ${m.timeLeft ? html`<strong>${m.timeLeft.overdue ? t('minutes.deadlineOverdue') : t('minutes.deadlineOk')}${pick(COLON)}${pick(m.timeLeft.label)}</strong>` : html`<span class="muted">${t('dashboard.noDeadline')}</span>`}
            </li>`,
        )}
      </ul>
    </section>`;
  }

  private table(d: DashboardView) {
    const rows = dashboardRows(d.figures);
    const perCompound = d.byCompound.length > 1 ? d.byCompound : [];
    // Its title above the table, not its caption: a caption scrolls sideways with a wide table and was cut off on a phone.
    return html`<h2 class="figures-title" id="figures-title">
        ${t('dashboard.tableCaption', { from: formatDate(d.period.from), to: formatDate(d.period.to) })}
      </h2>
      <div class="table-wrap" role="region" tabindex="0" aria-label=${pick(SCROLLABLE_TABLE)}>
        <table aria-labelledby="figures-title">
          <thead>
            <tr>
              <th scope="col">${t('dashboard.indicator')}</th>
              <th scope="col" class="num">${t('dashboard.value')}</th>
              ${perCompound.map((c) => html`<th scope="col" class="num">${c.name}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r, i) =>
                html`<tr>
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
    if (this.noAccess)
      return html`<h1>${t('dashboard.title')}</h1>
        <div class="alert warning" role="status"><p>${t('dashboard.noAccess')}</p></div>
        <p><a class="link-button" href="/">${t('dashboard.backHome')}</a></p>`;
    const f = this.filters;
    return html`<h1>${t('dashboard.title')}</h1>
      <p class="lead">${t('dashboard.intro')}</p>
      ${
        f
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
              <button type="submit" class="button primary">${t('dashboard.apply')}</button>
              <a class="link-button" href=${endpointUrl(dashboardEndpoints.xlsx, { query: this.query(f) })} download>${t('dashboard.download')}</a>
            </form>`
          : nothing
      }
      ${f ? renderLoad(this.data, (d) => (d ? html`${this.pending(d)}${this.charts(d)}${this.table(d)}` : nothing)) : nothing}`;
  }
}

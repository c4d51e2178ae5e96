/**
 * One chart of the dashboard, drawn by ECharts with only the parts we use (bar and pie charts, the
 * SVG renderer, decal patterns), so the dashboard's bundle stays small. The chart is a picture of
 * figures that the page also gives as a table, so it carries a text label and is not the only way to
 * read them. Its colours are design tokens, resolved to the colours the browser computes for them
 * (ECharts draws SVG attributes, where CSS variables do not reach).
 *
 * Colour carries meaning only where the page says so: a data item whose `itemStyle.color` names a
 * token (`'--yishi-danger-text'` for overdue or 不满意) is drawn in it; everything else takes the
 * neutral palette in order, which has no red or green, so series order never makes "overdue" green.
 * Colour is never the only cue: every bar and slice also has a pattern (decal) and its words and
 * number (labels, legend, the table).
 */
import { BarChart, PieChart } from 'echarts/charts';
// The plain legend (no scrolling one) and the grid without its own axis pointer (the tooltip brings it).
import { AriaComponent, GridSimpleComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { YishiElement } from '../../components/base/yishi-element.js';

echarts.use([BarChart, PieChart, AriaComponent, GridSimpleComponent, LegendPlainComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** The colours of series without a meaning (meetings by kind …), in order: no red, amber or green. */
const PALETTE = ['--yishi-brand', '--sl-color-purple-800', '--sl-color-cyan-800', '--sl-color-neutral-600'];

/** The colour tokens a page gives a data item for what it means. */
export const MEANING = {
  good: '--yishi-ok-text',
  middling: '--yishi-brand',
  late: '--yishi-warning-text',
  bad: '--yishi-danger-text',
} as const;

@customElement('yishi-dashboard-chart')
export class DashboardChart extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      .chart {
        width: 100%;
        height: 18rem;
      }
      .probe {
        display: none;
      }
    `,
  ];
  @property({ attribute: false }) option: ChartOption | null = null;
  @property() label = '';
  @query('.chart') private container!: HTMLDivElement;
  @query('.probe') private probe!: HTMLSpanElement;
  private chart: echarts.ECharts | null = null;
  private resize: ResizeObserver | null = null;

  /** The page's type size the chart's words were last drawn for (elder mode makes it larger). */
  private drawnFor = 0;

  override firstUpdated(): void {
    this.chart = echarts.init(this.container, undefined, { renderer: 'svg' });
    // A new size of the chart's box (a narrower window, or elder mode's larger type making its 18rem taller):
    // fitted again, and drawn again when the type size changed, so its words grow with the page's.
    this.resize = new ResizeObserver(() => {
      this.chart?.resize();
      if (this.typeSize() !== this.drawnFor) this.draw();
    });
    this.resize.observe(this.container);
    this.draw();
  }

  /** The type size of the page around the chart, in px. */
  private typeSize(): number {
    return Number.parseFloat(getComputedStyle(this.container).fontSize) || 16;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('option') && this.chart) this.draw();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    this.chart?.dispose();
    this.chart = null;
  }

  private draw(): void {
    if (!this.option) return;
    this.drawnFor = this.typeSize();
    // Only the sizes an option gives are scaled: ECharts' defaults (12 px) stay as they are, so a page gives each one.
    const option = this.resolveTokens(this.option);
    // Patterns, not the generated description: the element's own label says the figures in words.
    const aria = { enabled: true, label: { enabled: false }, decal: { show: true } };
    this.chart?.setOption({ color: PALETTE.map((token) => this.colour(token)), aria, ...(option as object) }, true);
  }

  /** A token as the browser computes it (rgb(…)), which ECharts understands. */
  private colour(token: string): string {
    this.probe.style.color = `var(${token})`;
    return getComputedStyle(this.probe).color;
  }

  /**
   * The option with every colour that names a token (`--…`) replaced by the colour the browser computes for it,
   * and every `fontSize` and the grid's margins (given for the usual 16-px page) scaled to the page's type
   * size: the margins hold the axes' words and the legend, which grow with it.
   */
  private resolveTokens(value: unknown, key = '', parent = ''): unknown {
    const scaled = key === 'fontSize' || (parent === 'grid' && ['top', 'right', 'bottom', 'left'].includes(key));
    if (scaled && typeof value === 'number') return Math.round((value * this.drawnFor) / 16);
    if (typeof value === 'string') return value.startsWith('--') ? this.colour(value) : value;
    if (Array.isArray(value)) return value.map((v) => this.resolveTokens(v));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolveTokens(v, k, key)]));
    return value;
  }

  override render() {
    return html`<div class="chart" role="img" aria-label=${this.label}></div>
      <span class="probe" aria-hidden="true"></span>`;
  }
}

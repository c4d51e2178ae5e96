/**
 * One chart of the dashboard, drawn by ECharts with only the parts we use (bar and pie charts, the
 * SVG renderer), so the dashboard's bundle stays small. The chart is a picture of figures that the
 * page also gives as a table, so it carries a text label and is not the only way to read them. Its
 * colours are design tokens, resolved to the colours the browser computes for them (ECharts draws
 * SVG attributes, where CSS variables do not reach); a word beside every colour (legend, table).
 */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { YishiElement } from '../../components/base/yishi-element.js';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** The series colours, in order. */
const PALETTE = ['--yishi-brand', '--sl-color-amber-700', '--sl-color-emerald-700', '--yishi-danger-text', '--sl-color-purple-800'];

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

  override firstUpdated(): void {
    this.chart = echarts.init(this.container, undefined, { renderer: 'svg' });
    this.resize = new ResizeObserver(() => this.chart?.resize());
    this.resize.observe(this.container);
    this.draw();
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
    if (this.option) this.chart?.setOption({ color: this.palette(), ...this.option }, true);
  }

  /** The palette's tokens as the browser computes them (rgb(…)), which ECharts understands. */
  private palette(): string[] {
    return PALETTE.map((token) => {
      this.probe.style.color = `var(${token})`;
      return getComputedStyle(this.probe).color;
    });
  }

  override render() {
    return html`<div class="chart" role="img" aria-label=${this.label}></div>
      <span class="probe" aria-hidden="true"></span>`;
  }
}

/**
 * One chart of the dashboard, drawn by ECharts with only the parts we use (bar and pie charts, the
 * SVG renderer), so the dashboard's bundle stays small. The chart is a picture of figures that the
 * page also gives as a table, so it carries a text label and is not the only way to read them.
 */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

@customElement('yishi-dashboard-chart')
export class DashboardChart extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .chart {
      width: 100%;
      height: 18rem;
    }
  `;
  @property({ attribute: false }) option: ChartOption | null = null;
  @property() label = '';
  @query('.chart') private container!: HTMLDivElement;
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
    if (this.option) this.chart?.setOption(this.option, true);
  }

  override render() {
    return html`<div class="chart" role="img" aria-label=${this.label}></div>`;
  }
}

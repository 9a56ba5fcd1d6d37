import { LineChart, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/*
 * Only what the Monitoring charts draw: line charts on a grid with tooltip and legend, on canvas.
 * Imported by this lazy route alone, so ECharts never reaches the initial bundle; ES modules run
 * this registration once however often the view opens.
 */
echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type MetricsChartOption = echarts.ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

export { echarts };

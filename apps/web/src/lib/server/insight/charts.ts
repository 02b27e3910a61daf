// Insight charts, drawn on the server with Apache ECharts' SVG renderer (no JavaScript in the browser), from
// the same numbers as the table under each chart. Colour is never the only carrier of meaning: bars get
// ECharts' decal patterns, lines get different symbols, reference lines are labelled with their names, and
// every chart has a legend, a text summary and a table.
//
// The SVG goes inline into the page, so it must pass the site's Content Security Policy, which refuses inline
// style attributes and <style> elements: cspSafeSvg() turns ECharts' font styles into SVG presentation
// attributes and drops its hover-only stylesheet (nothing on a static chart hovers).
import * as echarts from 'echarts';
import type { InsightChart } from '@care-assist/domain';

const WIDTH = 720;
const PALETTE = ['#0b4f5c', '#a85400', '#5b3f8c', '#0b6e4f', '#b42318', '#155a96'];
const LINE_SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow'];
const PRESENTATION_PROPERTIES = new Set([
  'font-size',
  'font-family',
  'font-weight',
  'font-style',
  'opacity',
  'fill',
  'stroke',
]);

export function cspSafeSvg(svg: string): string {
  return svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/\sstyle="([^"]*)"/g, (_match, declarations: string) =>
      declarations
        .split(';')
        .map((declaration) => declaration.split(':').map((part) => part.trim()))
        .filter(([property, value]) => property && value && PRESENTATION_PROPERTIES.has(property))
        .map(([property, value]) => ` ${property}="${value!.replace(/"/g, '&quot;')}"`)
        .join(''),
    );
}

function option(chart: InsightChart): { option: echarts.EChartsCoreOption; height: number } {
  const base = {
    animation: false,
    color: PALETTE,
    aria: { enabled: true, decal: { show: chart.kind === 'bar' || chart.kind === 'stacked-bar' } },
    textStyle: { fontFamily: 'sans-serif', fontSize: 13, color: '#1b2830' },
    legend: { show: chart.series.length > 1 || chart.kind === 'bar', top: 0, textStyle: { fontSize: 13 } },
  };
  const valueAxis = {
    type: 'value' as const,
    name: chart.valueLabel,
    nameLocation: 'middle' as const,
    nameGap: 28,
    scale: chart.kind === 'boxplot',
  };
  if (chart.kind === 'bar' || chart.kind === 'stacked-bar') {
    // Horizontal bars: long names stay readable and the chart grows with the number of rows.
    const height = Math.max(
      220,
      90 + chart.categories.length * (chart.kind === 'bar' && chart.series.length > 1 ? 44 : 30),
    );
    const markers = chart.markers ?? [];
    return {
      height,
      option: {
        ...base,
        grid: { left: 8, right: 40, top: 40, bottom: 40, containLabel: true },
        yAxis: {
          type: 'category',
          data: chart.categories,
          inverse: true,
          axisLabel: { width: 220, overflow: 'truncate' },
        },
        // Against the area's quartiles the differences matter, so the axis starts near the data, but below
        // its lowest value (at 'dataMin' the lowest bar would have no length and look like no data).
        xAxis: {
          ...valueAxis,
          min: markers.length ? (extent: { min: number }) => Math.max(0, Math.floor(extent.min - 0.25)) : 0,
        },
        series: chart.series.map((series, index) => ({
          type: 'bar',
          name: series.name,
          stack: chart.kind === 'stacked-bar' ? 'total' : undefined,
          data: series.data,
          label: { show: chart.kind === 'bar', position: 'right', fontSize: 12 },
          markLine:
            index === 0 && markers.length
              ? {
                  symbol: 'none',
                  lineStyle: { color: '#1b2830', type: 'dashed' },
                  label: { formatter: '{b}: {c}', position: 'end', fontSize: 12 },
                  data: markers.map((marker) => ({ name: marker.name, xAxis: marker.value })),
                }
              : undefined,
        })),
      },
    };
  }
  if (chart.kind === 'boxplot') {
    const height = Math.max(240, 90 + chart.categories.length * 40);
    return {
      height,
      option: {
        ...base,
        legend: { show: false },
        grid: { left: 8, right: 24, top: 24, bottom: 40, containLabel: true },
        yAxis: { type: 'category', data: chart.categories, inverse: true },
        xAxis: valueAxis,
        series: [
          {
            type: 'boxplot',
            name: chart.series[0]?.name,
            data: chart.series[0]?.data ?? [],
            itemStyle: { color: '#e1eaeb', borderColor: '#0b4f5c', borderWidth: 2 },
          },
        ],
      },
    };
  }
  return {
    height: 320,
    option: {
      ...base,
      grid: { left: 8, right: 24, top: 48, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: chart.categories, boundaryGap: false },
      yAxis: { ...valueAxis, nameLocation: 'end', nameGap: 12 },
      series: chart.series.map((series, index) => ({
        type: 'line',
        name: series.name,
        data: series.data,
        symbol: LINE_SYMBOLS[index % LINE_SYMBOLS.length],
        symbolSize: 8,
        connectNulls: false,
        lineStyle: { width: 2, type: index === 0 ? 'solid' : index === 1 ? 'dashed' : 'dotted' },
      })),
    },
  };
}

/** The chart as an SVG string (CSP-safe), or null when there is nothing to draw. */
export function renderChartSvg(chart: InsightChart): string | null {
  if (!chart.categories.length || !chart.series.some((series) => series.data.some((point) => point !== null)))
    return null;
  const { option: chartOption, height } = option(chart);
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    instance.setOption(chartOption);
    return cspSafeSvg(instance.renderToSVGString());
  } finally {
    instance.dispose();
  }
}

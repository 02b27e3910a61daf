import { describe, expect, it } from 'vitest';
import { cspSafeSvg, renderChartSvg } from './charts';

describe('insight charts on the server', () => {
  it('draws an SVG with no inline style attribute or <style> element (the CSP refuses both)', () => {
    const svg = renderChartSvg({
      id: 'ranking',
      title: 'Ranking',
      kind: 'bar',
      categories: ['Alpha One', 'Beta House'],
      series: [{ name: 'Ranking score', data: [4.2, 3.9] }],
      valueLabel: 'Ranking score',
      markers: [{ name: 'Area median', value: 4.05 }],
    })!;
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('Alpha One');
    expect(svg).toContain('Area median');
    expect(svg).not.toMatch(/\sstyle="/);
    expect(svg).not.toContain('<style');
    expect(svg).toMatch(/font-size="1\dpx"/);
  });

  it('keeps only presentation properties from a style attribute', () => {
    expect(cspSafeSvg('<text style="font-size:12px;font-family:sans-serif;cursor:pointer">1</text>')).toBe(
      '<text font-size="12px" font-family="sans-serif">1</text>',
    );
  });

  it('draws nothing when every number is suppressed or missing', () => {
    expect(
      renderChartSvg({
        id: 'x',
        title: 'x',
        kind: 'line',
        categories: ['2026-10'],
        series: [{ name: 'S', data: [null] }],
        valueLabel: 'n',
      }),
    ).toBeNull();
  });

  it('draws box plots and lines', () => {
    const box = renderChartSvg({
      id: 'b',
      title: 'b',
      kind: 'boxplot',
      categories: ['Home care'],
      series: [{ name: 'Price', data: [[20, 22.5, 25, 27.5, 30]] }],
      valueLabel: '£',
    });
    expect(box).toContain('Home care');
    const line = renderChartSvg({
      id: 'l',
      title: 'l',
      kind: 'line',
      categories: ['2026-09', '2026-10'],
      series: [
        { name: 'Searches', data: [3, 9] },
        { name: 'Found nothing', data: [1, 6] },
      ],
      valueLabel: 'n',
    });
    expect(line).toContain('Found nothing');
  });
});

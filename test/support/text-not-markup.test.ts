// What providers and residents write reaches pages and the map as text, never markup (issue 13). Svelte escapes
// everything but {@html}, so the places that could turn text into markup are few, and this test pins them: no
// {@html} but the server-drawn insight charts (whose text ECharts escapes, checked below), no innerHTML /
// outerHTML / insertAdjacentHTML, and Leaflet's bindTooltip / bindPopup / setContent given DOM nodes built with
// textContent (a string there is parsed as HTML).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../apps/web/src/lib/server/insight/charts.ts';

const WEB = path.resolve(import.meta.dirname, '../../apps/web/src');

function sources(dir = WEB): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sources(full);
    if (!/\.(svelte|ts)$/.test(entry) || entry.endsWith('.test.ts')) return [];
    return [{ file: path.relative(WEB, full), text: readFileSync(full, 'utf8') }];
  });
}

describe('user-written text stays text', () => {
  const files = sources();

  it('uses {@html} only for the server-drawn insight charts', () => {
    const users = files.filter((f) => f.text.includes('{@html')).map((f) => f.file);
    expect(users).toEqual([path.join('lib', 'components', 'insight', 'InsightResult.svelte')]);
  });

  it('never assigns HTML strings to the DOM', () => {
    for (const { file, text } of files) {
      expect(text, file).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML\(/);
    }
  });

  it('hands Leaflet DOM nodes built from text, never strings', () => {
    const calls = files.flatMap(({ file, text }) =>
      [...text.matchAll(/\.(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)\(([^)]*)/g)].map(
        (m) => ({ file, method: m[1]!, argument: m[2]!.trim() }),
      ),
    );
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.argument, `${call.file} ${call.method}`).toMatch(/^(asText|popupFor)\(/);
    }
    const map = files.find((f) => f.file.endsWith('ResultsMap.svelte'))!.text;
    expect(map).toMatch(/function asText[\s\S]*?textContent = text/);
    expect(map).toMatch(/function popupFor[\s\S]*?name\.textContent = service\.name/);
  });

  it('escapes names with markup in the insight charts (the one {@html})', () => {
    const svg = renderChartSvg({
      id: 'by-provider',
      title: 'Ratings by provider',
      kind: 'bar',
      categories: ['<img src=x onerror=alert(1)>', 'Care & Co <script>alert(2)</script>'],
      series: [{ name: '<b>Mean</b>', data: [4.1, 3.9] }],
      valueLabel: 'Rating',
    })!;
    expect(svg).toBeTruthy();
    expect(svg).not.toMatch(/<img|<script|<b>/i);
    expect(svg).toContain('&lt;img');
  });
});

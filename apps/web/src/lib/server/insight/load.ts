// Loads one insight view for a page (council or provider), keeping the filters as they are in the URL, and
// draws its charts on the server. A 400 from the API comes back as field errors for the filter form.
import { error } from '@sveltejs/kit';
import type { InsightChart, InsightViewResponse } from '@care-assist/domain';
import { problemFormErrors, problemMessage, type ApiResult } from '$lib/server/api';
import { renderChartSvg } from './charts';

export const FILTER_KEYS = [
  'from',
  'to',
  'county',
  'district',
  'care_type',
  'sector',
  'by',
  'service',
  'limit',
] as const;
export type FilterValues = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

export interface DrawnChart {
  chart: InsightChart;
  svg: string | null;
}

export function filtersFrom(url: URL): FilterValues {
  const values: FilterValues = {};
  for (const key of FILTER_KEYS) {
    const value = url.searchParams.get(key)?.trim();
    if (value) values[key] = value;
  }
  return values;
}

/** Waits for one insight view's answer (`api.councilInsight` or `api.providerInsight`) and draws its charts. */
export async function loadInsight(
  answer: Promise<ApiResult<InsightViewResponse>>,
  locals: App.Locals,
): Promise<{ result: InsightViewResponse | null; charts: DrawnChart[]; errors: Record<string, string> }> {
  const response = await answer;
  if (!response.ok) {
    if (response.status === 400) {
      locals.pageStatus = 400;
      return { result: null, charts: [], errors: problemFormErrors(response.problem) };
    }
    error(response.status, { message: problemMessage(response.problem) });
  }
  return {
    result: response.data,
    charts: response.data.charts.map((chart) => ({ chart, svg: renderChartSvg(chart) })),
    errors: {},
  };
}

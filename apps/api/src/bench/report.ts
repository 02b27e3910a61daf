// What `npm run bench` reports: every figure beside its target (ratios in one run), as JSON and as a table.
import os from 'node:os';
import type { CellResult } from './load.ts';
import { SEARCH_MIX } from './mix.ts';
import type { MoneyResult, PublishResult } from './writes.ts';

interface Target {
  what: string;
  target: string;
  value: number;
  met: boolean;
}

export function buildReport(input: {
  settings: { durationMs: number; rounds: number; concurrency: number };
  money: MoneyResult;
  publish: PublishResult;
  services: number;
  reviews: number;
  results: CellResult[];
  lag: { samples: number; p50: number; p95: number };
  backlog: { rows: number; seconds: number };
  reindexSeconds: number | null;
  rebuildSeconds: number | null;
  peakRss: Record<string, number | null>;
}) {
  const byName = new Map(input.results.map((r) => [r.name, r]));
  const cell = (name: string) => byName.get(name)!;
  const search = SEARCH_MIX.map((q) => {
    const floor = cell(`${q.name}: floor`);
    const viaApi = cell(`${q.name}: API`);
    const viaFallback = cell(`${q.name}: fallback`);
    return {
      query: q.name,
      floor,
      api: viaApi,
      fallback: viaFallback,
      apiOverFloorP95: viaApi.p95 / floor.p95,
      fallbackOverFloorP95: viaFallback.p95 / floor.p95,
    };
  });
  const sum = (pick: (r: (typeof search)[number]) => number) => search.reduce((a, r) => a + pick(r), 0);
  // The mix as a whole: p95s summed over its queries, so a ratio weighs every query equally.
  const apiRatio = sum((r) => r.api.p95) / sum((r) => r.floor.p95);
  const worstFallback = Math.max(...search.map((r) => r.fallbackOverFloorP95));
  const targets: Target[] = [
    { what: 'search API p95 / raw Meilisearch p95 (mix)', target: '<= 1.2', value: apiRatio, met: apiRatio <= 1.2 },
    {
      what: 'Postgres fallback p95 / floor, worst query',
      target: '<= 5',
      value: worstFallback,
      met: worstFallback <= 5,
    },
    ...(['SSR /search', 'SSR /services/:slug'] as const).map((name) => ({
      what: `${name} p95 ms at c=${input.settings.concurrency}`,
      target: '< 100',
      value: cell(name).p95,
      met: cell(name).p95 < 100,
    })),
    { what: 'outbox lag p95 ms', target: '< 1000', value: input.lag.p95, met: input.lag.p95 < 1000 },
    ...(input.reindexSeconds === null
      ? []
      : [
          {
            what: `full reindex of ${input.services} services, s`,
            target: '< 30',
            value: input.reindexSeconds,
            met: input.reindexSeconds < 30,
          },
        ]),
    ...(input.rebuildSeconds === null
      ? []
      : [
          {
            what: `ratings:rebuild over ${input.reviews} reviews, s`,
            target: '< 60',
            value: input.rebuildSeconds,
            met: input.rebuildSeconds < 60,
          },
        ]),
    {
      what: `publish a review, ${input.publish.groupServices}-service group, p95 ms`,
      target: '< 100',
      value: input.publish.p95,
      met: input.publish.p95 < 100,
    },
    {
      what: 'overspend after 100 accepts + 100 payments, pence',
      target: '= 0',
      value: input.money.overspendPence,
      met: input.money.overspendPence === 0 && input.money.unexpectedStatuses.length === 0,
    },
    { what: 'invoices paid twice', target: '= 0', value: input.money.paidTwice, met: input.money.paidTwice === 0 },
  ];
  return {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverageAtEnd: os.loadavg(),
    },
    data: { publishedServices: input.services, reviews: input.reviews },
    settings: input.settings,
    money: input.money,
    publishInLargestGroupMs: input.publish,
    search,
    pages: [
      'service API, typical',
      'reviews API, typical',
      'reviews API, 50 most reviewed',
      'SSR /search',
      'SSR /services/:slug',
    ].map(cell),
    scaleOut: {
      oneProcess: cell('search, 1 API process'),
      twoProcesses: cell('search, 2 API processes'),
    },
    outboxLagMs: input.lag,
    outboxBacklogDrained: input.backlog,
    reindexSeconds: input.reindexSeconds,
    ratingsRebuildSeconds: input.rebuildSeconds,
    peakRssMb: input.peakRss,
    targets,
  };
}

export function printReport(report: ReturnType<typeof buildReport>) {
  const ms = (n: number) => n.toFixed(1).padStart(8);
  const row = (r: CellResult) =>
    `${r.name.padEnd(34)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${r.perSecond.toFixed(0).padStart(7)} ${String(r.errors).padStart(6)}`;
  const out: string[] = [];
  out.push(`\n${'what'.padEnd(34)}   p50 ms   p95 ms   p99 ms   req/s errors`);
  for (const q of report.search) {
    out.push(row(q.floor), row(q.api), row(q.fallback));
    out.push(
      `${''.padEnd(34)} API/floor p95 ${q.apiOverFloorP95.toFixed(2)}x, fallback/floor ${q.fallbackOverFloorP95.toFixed(2)}x`,
    );
  }
  for (const r of report.pages) out.push(row(r));
  out.push(row(report.scaleOut.oneProcess), row(report.scaleOut.twoProcesses));
  if (report.outboxBacklogDrained.rows > 0) {
    const { rows, seconds } = report.outboxBacklogDrained;
    out.push(`\noutbox backlog of ${rows} rows drained by the API processes in ${seconds.toFixed(1)} s`);
  }
  const { accepts, payments } = report.money;
  out.push(
    `\n100 budget accepts at once: ${accepts.perSecond.toFixed(0)}/s, ${accepts.accepted} accepted, ${accepts.refused} refused (room for 60)`,
    `${payments.requests} invoice payments at once (each invoice twice): ${payments.perSecond.toFixed(0)}/s, ${payments.paid} invoices paid`,
  );
  const publish = report.publishInLargestGroupMs;
  out.push(
    `publish a review in the largest group (${publish.groupServices} services, ${publish.groupReviews} reviews): p50 ${publish.p50.toFixed(0)} ms, p95 ${publish.p95.toFixed(0)} ms`,
  );
  out.push(`\noutbox lag: p50 ${report.outboxLagMs.p50.toFixed(0)} ms, p95 ${report.outboxLagMs.p95.toFixed(0)} ms`);
  out.push(
    `peak RSS MB: ${Object.entries(report.peakRssMb)
      .map(([k, v]) => `${k} ${v === null ? 'n/a' : v.toFixed(0)}`)
      .join(', ')}`,
  );
  out.push('\ntarget                                              want        got   met');
  for (const t of report.targets) {
    out.push(
      `${t.what.padEnd(50)} ${t.target.padStart(8)} ${t.value.toFixed(2).padStart(10)}   ${t.met ? 'yes' : 'NO'}`,
    );
  }
  console.log(out.join('\n'));
}

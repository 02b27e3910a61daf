import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildRatingTables, priceBenchmarks, type ServiceRatingInput } from './ratings-table.ts';

const service = (overrides: Partial<ServiceRatingInput> & Pick<ServiceRatingInput, 'serviceId' | 'organisationId'>) =>
  ({
    serviceName: overrides.serviceId,
    organisationName: overrides.organisationId,
    sector: 'private',
    careTypes: ['home_care'],
    county: 'Essex',
    reviewCount: 0,
    reviewers: 0,
    meanOverall: null,
    scoreOutOfTen: null,
    scoreReviews: 0,
    cqcRating: 'good',
    headlinePrice: null,
    ...overrides,
  }) satisfies ServiceRatingInput;

describe('priceBenchmarks', () => {
  it('compares each price with the median of its care type, county and unit', () => {
    const inputs = [
      service({ serviceId: 'a', organisationId: 'x', headlinePrice: { unit: 'hour', pence: 2400 } }),
      service({ serviceId: 'b', organisationId: 'x', headlinePrice: { unit: 'hour', pence: 3000 } }),
      service({ serviceId: 'c', organisationId: 'y', headlinePrice: { unit: 'hour', pence: 3600 } }),
      // Another county: its own group of one.
      service({ serviceId: 'd', organisationId: 'y', county: 'Kent', headlinePrice: { unit: 'hour', pence: 5000 } }),
      service({ serviceId: 'e', organisationId: 'y' }),
    ];
    const benchmarks = priceBenchmarks(inputs);
    // Median of 2400, 3000, 3600 is 3000: a is 20% cheaper, c 20% dearer.
    expect(benchmarks.get('a')).toEqual({ areaMedianPence: 3000, areaServices: 3, percentVsMedian: -20 });
    expect(benchmarks.get('c')).toEqual({ areaMedianPence: 3000, areaServices: 3, percentVsMedian: 20 });
    expect(benchmarks.get('d')).toEqual({ areaMedianPence: 5000, areaServices: 1, percentVsMedian: 0 });
    expect(benchmarks.has('e')).toBe(false);
  });
});

describe('buildRatingTables', () => {
  it('hides small numbers and one more in the group, so nothing is recovered by subtraction', () => {
    const tables = buildRatingTables(
      [
        // Provider x: 8 reviewers in all; b's 2 hide, and a with them (else a = 8 - 2... = b's count).
        service({ serviceId: 'a', organisationId: 'x', reviewCount: 6, reviewers: 6, meanOverall: 4.5 }),
        service({ serviceId: 'b', organisationId: 'x', reviewCount: 2, reviewers: 2, meanOverall: 3 }),
        // Provider y: 7 reviewers, shown on its own...
        service({ serviceId: 'c', organisationId: 'y', reviewCount: 7, reviewers: 7, meanOverall: 4 }),
        // ...but provider z has only 3, so y (the smallest other provider) is hidden too, with its service.
        service({ serviceId: 'd', organisationId: 'z', reviewCount: 3, reviewers: 3, meanOverall: 5 }),
      ],
      [
        { organisationId: 'x', reviewers: 8 },
        { organisationId: 'y', reviewers: 7 },
        { organisationId: 'z', reviewers: 3 },
      ],
    );
    const byService = Object.fromEntries(tables.services.map((row) => [row.input.serviceId, row]));
    expect(byService.a!.reviewCount).toEqual({ suppressed: true, reason: 'complementary' });
    expect(byService.a!.meanRating).toEqual({ suppressed: true, reason: 'complementary' });
    expect(byService.b!.reviewCount).toEqual({ suppressed: true, reason: 'small_number' });
    expect(byService.c!.reviewCount).toEqual({ suppressed: true, reason: 'complementary' });
    expect(byService.d!.reviewCount).toEqual({ suppressed: true, reason: 'small_number' });
    const byProvider = Object.fromEntries(tables.providers.map((row) => [row.organisationId, row]));
    // x: 8 reviews, mean (6 × 4.5 + 2 × 3) / 8 = 33 / 8 = 4.125 → 4.13.
    expect(byProvider.x!.reviewCount).toEqual({ suppressed: false, value: 8 });
    expect(byProvider.x!.meanRating).toEqual({ suppressed: false, value: 4.13 });
    expect(byProvider.y!.reviewCount).toEqual({ suppressed: true, reason: 'complementary' });
    expect(byProvider.z!.reviewCount).toEqual({ suppressed: true, reason: 'small_number' });
    expect(tables.totalReviews).toEqual({ total: 8, cellsLeftOut: 2 });
  });

  it('shows services of 5 or more reviewers, and a score only from 5 or more recent reviews', () => {
    const tables = buildRatingTables(
      [
        service({
          serviceId: 'a',
          organisationId: 'x',
          reviewCount: 9,
          reviewers: 9,
          meanOverall: 4.25,
          scoreOutOfTen: 8.04,
          scoreReviews: 5,
        }),
        service({
          serviceId: 'b',
          organisationId: 'x',
          reviewCount: 5,
          reviewers: 5,
          meanOverall: 3.6,
          scoreOutOfTen: 6.5,
          scoreReviews: 4,
        }),
      ],
      [{ organisationId: 'x', reviewers: 14 }],
    );
    const [a, b] = tables.services;
    expect(a!.reviewCount).toEqual({ suppressed: false, value: 9 });
    expect(a!.scoreOutOfTen).toEqual({ suppressed: false, value: 8 });
    expect(b!.meanRating).toEqual({ suppressed: false, value: 3.6 });
    expect(b!.scoreOutOfTen).toEqual({ suppressed: true, reason: 'small_number' });
  });

  it('never publishes a count from fewer than 5 people, nor leaves exactly one hidden in a shown provider', () => {
    const reviewers = fc.integer({ min: 0, max: 30 });
    const providers = fc.array(fc.array(reviewers, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(providers, (shape) => {
        const inputs = shape.flatMap((services, p) =>
          services.map((n, s) =>
            service({
              serviceId: `${p}-${s}`,
              organisationId: `${p}`,
              reviewCount: n,
              reviewers: n,
              meanOverall: n ? 4 : null,
            }),
          ),
        );
        const tables = buildRatingTables(
          inputs,
          shape.map((services, p) => ({ organisationId: `${p}`, reviewers: services.reduce((a, b) => a + b, 0) })),
        );
        for (const row of tables.services) {
          if (row.input.reviewers < 5) expect(row.reviewCount.suppressed).toBe(true);
          if (row.reviewCount.suppressed) expect(row.meanRating.suppressed).toBe(true);
        }
        const hiddenProviders = tables.providers.filter((p) => p.reviewCount.suppressed).length;
        if (tables.providers.length > 1) expect(hiddenProviders).not.toBe(1);
        for (const provider of tables.providers) {
          const rows = tables.services.filter((r) => r.input.organisationId === provider.organisationId);
          if (!provider.reviewCount.suppressed && rows.length > 1) {
            expect(rows.filter((r) => r.reviewCount.suppressed).length).not.toBe(1);
          }
          if (provider.reviewCount.suppressed) expect(rows.every((r) => r.reviewCount.suppressed)).toBe(true);
        }
        // The total is of shown providers only.
        const shown = tables.providers.flatMap((p) => (p.reviewCount.suppressed ? [] : [p.reviewCount.value]));
        expect(tables.totalReviews.total).toBe(shown.reduce((a, b) => a + b, 0));
      }),
    );
  });
});

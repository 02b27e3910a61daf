// Insight for providers about their own organisation's services, free for every provider: listing views and
// enquiries (anonymous daily counters), quotes requested/given/accepted, ratings against the area median for
// the same care type and county, replies to 1–2 star reviews, and people's own outcomes. Members of the
// organisation only. Counts from people (enquiries, bookings, outcomes) are suppressed below 5 like everywhere.
import { SUPPRESSED_LABEL, type InsightCell, type InsightViewResponse } from '@care-assist/domain';
import type { DbHandle } from '@care-assist/db';
import { Forbidden, NotFound } from '../../errors.ts';
import { requireSignIn } from '../../access.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { countColumn, fromPeople, round } from './cells.ts';
import { resolveFilters } from './filters.ts';

interface ServiceRow {
  service_id: string;
  service_name: string;
  county: string;
  care_type: string;
  reviewers: number;
  review_count: number;
  mean_overall: number | null;
  ranking_score: number | null;
  area_median: number | null;
  low_reviews: number;
  low_reviews_responded: number;
  median_hours_to_respond: number | null;
  page_views: string;
  enquiries: string;
  requested: string;
  quoted: string;
  accepted: string;
  outcome_answers: string;
  outcome_satisfaction: number | null;
}

export function createProviderInsight({ query, clock }: { query: DbHandle['query']; clock: () => Date }) {
  async function requireMember(actor: Actor | null, organisationId: string): Promise<string> {
    const who = requireSignIn(actor);
    const [organisation] = await query<{ name: string; member: boolean }>(
      `select o.name, exists (select 1 from organisation_members m where m.organisation_id = o.id and m.user_id = $2) as member
       from organisations o where o.id = $1`,
      [organisationId, who.userId],
    );
    if (!organisation) throw new NotFound('There is no organisation with that id.');
    if (!organisation.member) throw new Forbidden('You can only see insight about your own organisation.');
    return organisation.name;
  }

  return async function providerInsight(
    actor: Actor | null,
    organisationId: string,
    raw: { from?: string; to?: string },
  ): Promise<InsightViewResponse> {
    const name = await requireMember(actor, organisationId);
    const filters = await resolveFilters(query, raw, clock());
    const period = [organisationId, filters.from, filters.to];
    const services = await query<ServiceRow>(
      `with mine as (select * from insight_service_facts where organisation_id = $1)
       select m.service_id, m.service_name, m.county, m.care_types[1] as care_type, m.reviewers, m.review_count,
         m.mean_overall, m.ranking_score, a.median as area_median, m.low_reviews, m.low_reviews_responded, m.median_hours_to_respond,
         act.page_views, act.enquiries, bro.requested, bro.quoted, bro.accepted,
         o.answers as outcome_answers, o.satisfaction as outcome_satisfaction
       from mine m
       -- The area: services of the same main care type in the same county (pre-computed at refresh).
       left join insight_spreads a on a.measure = 'ranking' and a.county = m.county and a.care_type = m.care_types[1]
         and a.sector = '*'
       -- Each of these reads one service's rows through a (service, date) index.
       cross join lateral (
         select coalesce(sum(d.page_views), 0) as page_views, coalesce(sum(d.enquiries), 0) as enquiries
         from service_daily_activity d where d.service_id = m.service_id and d.day between $2::date and $3::date) act
       cross join lateral (
         select coalesce(sum(b.requested), 0) as requested, coalesce(sum(b.quoted), 0) as quoted,
           coalesce(sum(b.accepted), 0) as accepted
         from insight_brokerage_months b
         where b.service_id = m.service_id and b.month between date_trunc('month', $2::date) and $3::date) bro
       cross join lateral (
         select count(*) as answers, avg(r.satisfaction) as satisfaction from insight_outcome_answers r
         where r.service_id = m.service_id and r.respondent = 'person' and r.due_on between $2::date and $3::date) o
       order by m.service_name`,
      period,
    );
    const enquiries = countColumn(services.map((s) => Number(s.enquiries)));
    const requested = countColumn(services.map((s) => Number(s.requested)));
    const quoted = countColumn(services.map((s) => Number(s.quoted)));
    const accepted = countColumn(services.map((s) => Number(s.accepted)));
    const rows = services.map((s, i): Record<string, InsightCell> => ({
      service: s.service_name,
      page_views: Number(s.page_views),
      enquiries: enquiries[i]!,
      requested: requested[i]!,
      quoted: quoted[i]!,
      accepted: accepted[i]!,
      mean: fromPeople(s.reviewers, round(s.mean_overall)),
      ranking: fromPeople(s.reviewers, round(s.ranking_score)),
      area_median: round(s.area_median),
      response_rate: fromPeople(
        s.low_reviews,
        s.low_reviews ? round((100 * s.low_reviews_responded) / s.low_reviews, 1) : null,
      ),
      median_hours: fromPeople(s.low_reviews_responded, round(s.median_hours_to_respond, 1)),
      satisfaction: fromPeople(Number(s.outcome_answers ?? 0), round(s.outcome_satisfaction)),
    }));

    // Rating trend: the organisation's mean rating per month against the median of the monthly means of the
    // services in the same county with the same main care type as most of the organisation's services (one
    // area, so the median can be pre-computed at refresh).
    const trend = await query<{
      month: string;
      mine_reviews: string;
      mine_mean: number | null;
      area_median: number | null;
    }>(
      `with mine as (select service_id, county, care_types[1] as care_type from insight_service_facts where organisation_id = $1),
       main_area as (select county, care_type from mine group by 1, 2 order by count(*) desc, 1, 2 limit 1),
       own as (select r.month, sum(r.reviews) as reviews, sum(r.sum_overall)::float / nullif(sum(r.reviews), 0) as mean
         from mine cross join lateral (select * from insight_rating_months x where x.service_id = mine.service_id
           and x.month between date_trunc('month', $2::date) and $3::date) r
         group by r.month),
       area as (select a.month, a.median from insight_rating_month_medians a join main_area k using (county, care_type)
         where a.month between date_trunc('month', $2::date) and $3::date)
       select to_char(coalesce(own.month, area.month), 'YYYY-MM') as month, own.reviews as mine_reviews,
         own.mean as mine_mean, area.median as area_median
       from own full join area on area.month = own.month
       order by 1`,
      period,
    );
    const trendRows = trend.map((t) => ({
      month: t.month,
      reviews: fromPeople(Number(t.mine_reviews ?? 0), Number(t.mine_reviews ?? 0)),
      mine: fromPeople(Number(t.mine_reviews ?? 0), round(t.mine_mean)),
      area_median: round(t.area_median),
    }));
    const [freshness] = await query<{ at: Date | null }>(
      `select min(refreshed_at) as at from insight_refreshes where summary in ('service_facts', 'brokerage_months', 'rating_months', 'spreads', 'outcomes')`,
      [],
    );
    const views = rows.reduce((sum, r) => sum + Number(r.page_views), 0);
    return {
      view: 'provider',
      title: `Insight for ${name}`,
      refreshedAt: freshness?.at ? new Date(freshness.at).toISOString() : null,
      filters: { from: filters.from, to: filters.to, county: null, district: null, careType: null, sector: null },
      summary: rows.length
        ? [
            `${rows.length} published services; their listings were viewed ${views} times in the period.`,
            ...rows
              .filter((r) => typeof r.ranking === 'number' && typeof r.area_median === 'number')
              .map(
                (r) =>
                  `${String(r.service)}: ranking score ${Number(r.ranking).toFixed(2)} against an area median of ${Number(r.area_median).toFixed(2)} for the same care type.`,
              ),
          ]
        : ['This organisation has no published services yet.'],
      notes: [
        'Listing views are counted anonymously (no names, cookies or addresses); the rating trend counts reviews in the month they were published.',
        `Numbers from fewer than 5 people show as “${SUPPRESSED_LABEL}”. This insight is free for every provider.`,
      ],
      tables: [
        {
          id: 'services',
          caption: 'Your services in the period',
          columns: [
            { key: 'service', label: 'Service', kind: 'text' },
            { key: 'page_views', label: 'Listing views', kind: 'count' },
            { key: 'enquiries', label: 'Enquiries', kind: 'count' },
            { key: 'requested', label: 'Quotes requested', kind: 'count' },
            { key: 'quoted', label: 'Quotes sent', kind: 'count' },
            { key: 'accepted', label: 'Quotes accepted', kind: 'count' },
            { key: 'mean', label: 'Mean rating (1–5)', kind: 'number' },
            { key: 'ranking', label: 'Ranking score', kind: 'number' },
            { key: 'area_median', label: 'Area median ranking (same care type)', kind: 'number' },
            { key: 'response_rate', label: 'Replied to 1–2 star reviews (%)', kind: 'percent' },
            { key: 'median_hours', label: 'Median hours to reply', kind: 'hours' },
            { key: 'satisfaction', label: 'People’s satisfaction with care (1–5)', kind: 'number' },
          ],
          rows,
          matchedRows: rows.length,
        },
        {
          id: 'rating-trend',
          caption: 'Your mean rating by month against the area median',
          columns: [
            { key: 'month', label: 'Month', kind: 'text' },
            { key: 'reviews', label: 'Your reviews', kind: 'count' },
            { key: 'mine', label: 'Your mean rating', kind: 'number' },
            { key: 'area_median', label: 'Area median', kind: 'number' },
          ],
          rows: trendRows,
          matchedRows: trendRows.length,
        },
      ],
      charts: [
        {
          id: 'rating-trend',
          title: 'Your mean rating by month against the area median for the same care type',
          kind: 'line',
          categories: trendRows.map((r) => r.month),
          series: [
            { name: 'Your mean rating', data: trendRows.map((r) => (typeof r.mine === 'number' ? r.mine : null)) },
            { name: 'Area median', data: trendRows.map((r) => r.area_median) },
          ],
          valueLabel: 'Rating (1–5)',
        },
      ],
    };
  };
}
export type ProviderInsight = ReturnType<typeof createProviderInsight>;

// Pre-aggregates for the views that compare with "the area": each service's league-table place, the spread of
// ranking scores and prices, and monthly medians, by county x care type x sector with '*' for "all" in any of
// them (GROUPING SETS). Medians and quartiles cannot be added up from smaller groups, so every combination a
// filter can ask for is computed once per refresh here (seconds at 50,000 services) rather than by sorting
// every service on each request. A postcode-district filter, a few dozen services at most, is computed live.
// The measure 'listed' (1 for every service) gives the number of services in each group.
import { sql } from 'drizzle-orm';

export const leagueRanks = sql`
  update insight_service_facts f set league_rank = ranked.place
  from (
    select service_id, row_number() over (
      order by (reviewers >= 5) desc, ranking_score desc nulls last, service_name, service_id) as place
    from insight_service_facts
  ) ranked
  where ranked.service_id = f.service_id`;

// The grouping sets with and without the care type: a service counts once in a group, so groups that name a
// care type read one row per (service, care type) and groups for all care types one row per service.
const WITH_CARE_TYPE = sql.raw(`grouping sets ((measure, county, care_type, sector), (measure, county, care_type),
  (measure, care_type, sector), (measure, care_type))`);
const ALL_CARE_TYPES = sql.raw(`grouping sets ((measure, county, sector), (measure, county), (measure, sector),
  (measure))`);

const measures = sql`
  select f.service_id, f.county, f.care_types, coalesce(f.sector, 'not_known') as sector, v.measure, v.value
  from insight_service_facts f cross join lateral (values
    ('listed', 1::float8), ('ranking', case when f.reviewers >= 5 then f.ranking_score::float8 end),
    ('price_hour', f.price_per_hour_pence::float8), ('price_visit', f.price_per_visit_pence::float8),
    ('price_night', f.price_per_night_pence::float8), ('price_week', f.price_per_week_pence::float8)
  ) as v(measure, value)
  where v.value is not null`;

const spreadColumns = sql.raw(`count(*), min(value),
  percentile_cont(array[0.25, 0.5, 0.75]) within group (order by value) as q, max(value)`);

export const spreads = sql`
  insert into insight_spreads (measure, county, care_type, sector, services, lowest, lower_quartile, median,
    upper_quartile, highest)
  with measured as (${measures}),
  by_care_type as (select m.*, c.care_type from measured m cross join lateral unnest(m.care_types) as c(care_type)),
  grouped as (
    select measure, county, care_type, sector, ${spreadColumns} from by_care_type group by ${WITH_CARE_TYPE}
    union all
    select measure, county, '*', sector, ${spreadColumns} from measured group by ${ALL_CARE_TYPES}
  )
  select measure, coalesce(county, '*'), care_type, coalesce(sector, '*'), count, min, q[1], q[2], q[3], max
  from grouped`;

// Prices over time: every month's snapshot of each service that is published now, placed by its current area.
export const priceMonthMedians = sql`
  insert into insight_price_month_medians (month, unit, county, care_type, sector, services, median)
  with priced as (
    select m.month, f.service_id, f.county, f.care_types, coalesce(f.sector, 'not_known') as sector,
      v.measure, v.value
    from insight_price_months m
    join insight_service_facts f on f.service_id = m.service_id
    cross join lateral (values ('hour', m.price_per_hour_pence::float8), ('visit', m.price_per_visit_pence::float8),
      ('night', m.price_per_night_pence::float8), ('week', m.price_per_week_pence::float8)) as v(measure, value)
    where v.value is not null
  ),
  by_care_type as (select p.*, c.care_type from priced p cross join lateral unnest(p.care_types) as c(care_type)),
  grouped as (
    select month, measure, county, care_type, sector, count(*) as n,
      percentile_cont(0.5) within group (order by value) as median
    from by_care_type group by month, ${WITH_CARE_TYPE}
    union all
    select month, measure, county, '*', sector, count(*), percentile_cont(0.5) within group (order by value)
    from priced group by month, ${ALL_CARE_TYPES}
  )
  select month, measure, coalesce(county, '*'), care_type, coalesce(sector, '*'), n, median from grouped`;

// Provider insight's rating trend: the median of each service's monthly mean, by county and main care type.
export const ratingMonthMedians = sql`
  insert into insight_rating_month_medians (county, care_type, month, median)
  select f.county, f.care_types[1], m.month, percentile_cont(0.5) within group (order by m.sum_overall::float8 / m.reviews)
  from insight_rating_months m join insight_service_facts f on f.service_id = m.service_id
  where m.reviews > 0
  group by 1, 2, 3`;

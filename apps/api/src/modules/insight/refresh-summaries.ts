// The SQL of the summaries built straight from the real tables: one row per published service (service_facts),
// searches per day and area, bookings and brokerage fees per month and service, reviews per month and service,
// and this month's prices. The spreads (refresh-spreads.ts) and the outcomes (refresh-outcomes.ts) have theirs
// next door; refresh-repository.ts runs them and refresh.ts says in which order.
import { sql } from 'drizzle-orm';

export const serviceFacts = (now: Date) => sql`
  insert into insight_service_facts (
    service_id, organisation_id, organisation_name, service_name, slug, county, district, care_types, sector,
    organisation_size, accepting_new_clients, price_per_hour_pence, price_per_visit_pence, price_per_night_pence,
    price_per_week_pence, review_count, reviews_last_12_months, reviewers, mean_overall, score_out_of_ten,
    ranking_score, category_means, cqc_overall, cqc_key_questions, low_reviews, low_reviews_responded,
    median_hours_to_respond, safeguarding_upheld, listed_on, beds, care_hours_per_week)
  with published as (
    select s.* from services s where s.status = 'published'
  ), organisation_sizes as (
    select organisation_id, count(*) as services from published group by organisation_id
  ), review_stats as (
    select r.service_id,
      count(*) as review_count,
      count(*) filter (where r.published_at >= ${now}::timestamptz - interval '12 months') as recent,
      count(distinct r.author_id) as reviewers,
      count(*) filter (where r.overall <= 2 and r.published_at >= ${now}::timestamptz - interval '24 months') as low,
      count(rr.review_id) filter (where r.overall <= 2 and r.published_at >= ${now}::timestamptz - interval '24 months') as low_responded,
      percentile_cont(0.5) within group (
        order by greatest(0, extract(epoch from rr.created_at - r.published_at) / 3600))
        filter (where r.overall <= 2 and rr.review_id is not null and r.published_at >= ${now}::timestamptz - interval '24 months')
        as median_hours,
      count(*) filter (where r.safeguarding and r.published_at >= ${now}::timestamptz - interval '12 months') as safeguarding
    from reviews r
    left join review_responses rr on rr.review_id = r.id
    where r.status = 'published' and r.published_at is not null
    group by r.service_id
  ), key_questions as (
    select service_id, jsonb_object_agg(key_question, rating) as ratings from service_cqc_ratings group by service_id
  )
  select s.id, s.organisation_id, o.name, s.name, s.slug, s.county,
    upper(split_part(trim(s.postcode), ' ', 1)),
    s.care_types, o.sector,
    case when sz.services = 1 then '1' when sz.services <= 5 then '2-5' when sz.services <= 20 then '6-20' else '21+' end,
    case when s.accepting_new_clients then 1 else 0 end,
    s.price_per_hour_pence, s.price_per_visit_pence, s.price_per_night_pence, s.price_per_week_pence,
    coalesce(rs.review_count, 0), coalesce(rs.recent, 0), coalesce(rs.reviewers, 0),
    sr.mean_overall,
    (sr.details -> 'scoreOutOfTen' ->> 'score')::real,
    case when coalesce(sr.review_count, 0) > 0 then sr.ranking_score end,
    (select jsonb_object_agg(e.key, (e.value ->> 'mean')::float) from jsonb_each(sr.details -> 'categoryMeans') e),
    nullif(s.cqc_rating, 'not_yet_rated'),
    kq.ratings,
    coalesce(rs.low, 0), coalesce(rs.low_responded, 0), rs.median_hours, coalesce(rs.safeguarding, 0),
    (s.created_at at time zone 'UTC')::date, s.beds, s.care_hours_per_week
  from published s
  join organisations o on o.id = s.organisation_id
  join organisation_sizes sz on sz.organisation_id = s.organisation_id
  left join service_ratings sr on sr.service_id = s.id
  left join review_stats rs on rs.service_id = s.id
  left join key_questions kq on kq.service_id = s.id`;

// Searches are placed in a county through their outcode (the county most services of that district are in)
// or, for a town typed instead of a postcode, through the services of that town.
export const searchDays = sql`
  insert into insight_search_days (day, county, district, care_type, searches, no_results, few_results)
  with district_counties as (
    select distinct on (district) district, county from (
      select upper(split_part(trim(postcode), ' ', 1)) as district, county, count(*) as n
      from services group by 1, 2) d
    order by district, n desc
  ), town_counties as (
    select distinct on (town) lower(town) as town, county from (
      select town, county, count(*) as n from services group by 1, 2) t
    order by town, n desc
  ), searched as (
    select e.occurred_at, upper(e.outcode) as district, lower(e.place) as town, e.result_count,
      case jsonb_typeof(e.filters -> 'care_type')
        when 'string' then e.filters ->> 'care_type'
        when 'array' then e.filters -> 'care_type' ->> 0
      end as care_type
    from search_events e
  )
  select (s.occurred_at at time zone 'UTC')::date, coalesce(dc.county, tc.county), s.district, s.care_type,
    count(*), count(*) filter (where s.result_count = 0), count(*) filter (where s.result_count between 1 and 2)
  from searched s
  left join district_counties dc on dc.district = s.district
  left join town_counties tc on tc.town = s.town
  group by 1, 2, 3, 4`;

// A booking counts in the month it was requested; "quoted" once it has had a quote, "accepted" once the
// person accepted (whatever happened after). Value arranged = weekly quote x weeks, for accepted ones.
export const brokerageMonths = sql`
  insert into insight_brokerage_months (month, service_id, organisation_id, requested, quoted, accepted, value_arranged_pence, fee_income_pence, fee_invoices)
  with booking_months as (
    select date_trunc('month', b.created_at at time zone 'UTC')::date as month, b.service_id,
      count(*) as requested,
      count(*) filter (where b.quoted_at is not null) as quoted,
      count(*) filter (where b.status in ('accepted', 'active', 'completed')) as accepted,
      coalesce(sum(b.quote_weekly_pence::bigint * b.duration_weeks)
        filter (where b.status in ('accepted', 'active', 'completed')), 0) as value_arranged
    from bookings b group by 1, 2
  ), fee_months as (
    select date_trunc('month', f.recorded_at at time zone 'UTC')::date as month, b.service_id, sum(f.fee_pence) as fees, count(*) as invoices
    from brokerage_fees f
    join invoices i on i.id = f.invoice_id
    join bookings b on b.id = i.booking_id
    group by 1, 2
  )
  select coalesce(bm.month, fm.month), coalesce(bm.service_id, fm.service_id), s.organisation_id,
    coalesce(bm.requested, 0), coalesce(bm.quoted, 0), coalesce(bm.accepted, 0),
    coalesce(bm.value_arranged, 0), coalesce(fm.fees, 0), coalesce(fm.invoices, 0)
  from booking_months bm
  full join fee_months fm on fm.month = bm.month and fm.service_id = bm.service_id
  join services s on s.id = coalesce(bm.service_id, fm.service_id)`;

export const ratingMonths = sql`
  insert into insight_rating_months (month, service_id, reviews, sum_overall)
  select date_trunc('month', published_at at time zone 'UTC')::date, service_id, count(*), sum(overall)
  from reviews where status = 'published' and published_at is not null
  group by 1, 2`;

// Prices have no history of their own: each refresh records this month's prices (and keeps earlier months).
export const priceMonths = (now: Date) => sql`
  insert into insight_price_months (month, service_id, price_per_hour_pence, price_per_visit_pence, price_per_night_pence, price_per_week_pence)
  select date_trunc('month', ${now}::timestamptz at time zone 'UTC')::date, id,
    price_per_hour_pence, price_per_visit_pence, price_per_night_pence, price_per_week_pence
  from services where status = 'published'
  on conflict (month, service_id) do update set
    price_per_hour_pence = excluded.price_per_hour_pence, price_per_visit_pence = excluded.price_per_visit_pence,
    price_per_night_pence = excluded.price_per_night_pence, price_per_week_pence = excluded.price_per_week_pence`;

-- England-scale data for timing council insight: 50,000 published services, 1,000,000 published reviews,
-- replies, CQC key questions, 500,000 searches and 100,000 bookings, made with generate_series in a scratch
-- database (run by scripts/insight-bench/run.ts after the migrations).
set client_min_messages = warning;
insert into users (id, email, password_hash, display_name, role)
select ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'bench' || g || '@bench.test', 'x', 'Bench ' || g,
  case when g = 1 then 'admin' else 'resident' end
from generate_series(1, 20000) g;

insert into organisations (id, name, sector, source)
select ('00000000-0000-4000-9000-' || lpad(to_hex(g), 12, '0'))::uuid, 'Bench Care ' || g,
  (array['private', 'voluntary_community', 'social_enterprise', 'public', 'mutual', null])[1 + g % 6],
  case when g % 6 = 5 then 'cqc' else 'provider' end
from generate_series(1, 5000) g;

insert into services (id, organisation_id, name, slug, care_types, address_line1, town, county, postcode, latitude, longitude,
  price_per_hour_pence, price_per_week_pence, accepting_new_clients, cqc_rating, status)
select ('00000000-0000-4000-a000-' || lpad(to_hex(g), 12, '0'))::uuid,
  ('00000000-0000-4000-9000-' || lpad(to_hex(1 + g % 5000), 12, '0'))::uuid,
  'Bench Service ' || g, 'bench-service-' || g,
  array[(array['home_care', 'live_in_care', 'care_home', 'nursing_home', 'day_service', 'respite_care', 'supported_living', 'extra_care', 'shared_lives', 'telecare'])[1 + g % 10]],
  g || ' High Street', 'Town ' || (g % 500),
  (array['Essex', 'Kent', 'Norfolk', 'Suffolk', 'Hertfordshire', 'Cambridgeshire', 'Surrey', 'Devon', 'Cumbria', 'Lancashire'])[1 + g % 10],
  (array['CM', 'ME', 'NR', 'IP', 'SG', 'CB', 'GU', 'EX', 'CA', 'PR'])[1 + g % 10] || (1 + (g / 10) % 20) || ' 1AA',
  51 + (g % 300) / 100.0, -1 + (g % 250) / 100.0,
  case when g % 10 in (0, 1, 5) then 1800 + (g * 37) % 1700 end,
  case when g % 10 in (2, 3, 6, 7) then 70000 + (g * 53) % 90000 end,
  g % 4 <> 0,
  (array['outstanding', 'good', 'good', 'good', 'requires_improvement', 'inadequate', 'not_yet_rated'])[1 + g % 7],
  'published'
from generate_series(1, 50000) g;

insert into service_cqc_ratings (service_id, key_question, rating)
select s.id, q, (array['good', 'good', 'outstanding', 'requires_improvement'])[1 + (abs(hashtext(s.id::text || q)) % 4)]
from services s cross join unnest(array['safe', 'effective', 'caring', 'responsive', 'well_led']) q
where s.slug like 'bench-service-%';

-- 20 reviews per service, each by a different person, over the last two years.
insert into reviews (id, service_id, author_id, relationship, overall, quality_of_care, staff, period_month, period_year, title, body,
  consent_at, status, safeguarding, published_at, created_at)
select gen_random_uuid(), ('00000000-0000-4000-a000-' || lpad(to_hex(s), 12, '0'))::uuid,
  ('00000000-0000-4000-8000-' || lpad(to_hex(1 + (s * 20 + k) % 20000), 12, '0'))::uuid,
  'self', 1 + (s * 7 + k * 3) % 5, 1 + (s + k) % 5, 1 + (s * 3 + k) % 5, 1 + k % 12, 2025, 'Bench review', 'Bench review body text.',
  now() - ((s + k * 37) % 720) * interval '1 day', 'published', (s + k) % 997 = 0,
  now() - ((s + k * 37) % 720) * interval '1 day', now() - ((s + k * 37) % 720) * interval '1 day'
from generate_series(1, 50000) s cross join generate_series(0, 19) k;

insert into review_responses (review_id, organisation_id, author_id, body, created_at)
select r.id, sv.organisation_id, '00000000-0000-4000-8000-000000000001'::uuid, 'Thank you.', r.published_at + ((abs(hashtext(r.id::text)) % 200) * interval '1 hour')
from reviews r join services sv on sv.id = r.service_id
where r.overall <= 2 and abs(hashtext(r.id::text)) % 3 <> 0;

insert into service_ratings (service_id, review_count, mean_overall, ranking_score, details, computed_at)
select r.service_id, count(*), avg(r.overall), 2.5 + (abs(hashtext(r.service_id::text)) % 250) / 100.0,
  jsonb_build_object('scoreOutOfTen', jsonb_build_object('score', 4 + (abs(hashtext(r.service_id::text)) % 60) / 10.0),
    'categoryMeans', jsonb_build_object('quality_of_care', jsonb_build_object('mean', avg(r.quality_of_care), 'count', count(*)),
      'staff', jsonb_build_object('mean', avg(r.staff), 'count', count(*)))), now()
from reviews r group by r.service_id;

insert into search_events (query, filters, outcode, result_count, backend, occurred_at)
select null, jsonb_build_object('care_type', (array['home_care', 'care_home', 'nursing_home', 'day_service', 'shared_lives'])[1 + g % 5]),
  (array['CM', 'ME', 'NR', 'IP', 'SG', 'CB', 'GU', 'EX', 'CA', 'PR'])[1 + g % 10] || (1 + (g / 10) % 20),
  (g * 13) % 25 - 3, 'meilisearch', now() - ((g % 365) * interval '1 day')
from generate_series(1, 500000) g;
update search_events set result_count = 0 where result_count < 0;

insert into bookings (requester_id, service_id, care_type, hours_per_week, start_date, duration_weeks, status, quote_weekly_pence, quoted_at, created_at)
select ('00000000-0000-4000-8000-' || lpad(to_hex(2 + g % 19999), 12, '0'))::uuid,
  ('00000000-0000-4000-a000-' || lpad(to_hex(1 + g % 50000), 12, '0'))::uuid, 'home_care', 10, current_date, 12,
  (array['requested', 'quoted', 'accepted', 'active', 'completed', 'declined'])[1 + g % 6],
  case when g % 6 <> 0 then 20000 + g % 30000 end, case when g % 6 <> 0 then now() - (g % 300) * interval '1 day' end,
  now() - (g % 365) * interval '1 day'
from generate_series(1, 100000) g;
analyze;

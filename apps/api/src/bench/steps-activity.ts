// Bench data, second half: what people do with the directory (reviews and replies, budgets and bookings,
// searches), then the statistics Postgres plans with.
import { CARE_TYPE_CODES, REVIEWER_RELATIONSHIPS, SPECIALISMS } from '@care-assist/domain';
import { REVIEW_PHRASES } from '@care-assist/db';
import { SEARCH_WORDS, RESIDENTIAL_ONLY, CATEGORY_COLUMNS } from './vocabulary.ts';
import { withoutIndexes, textArray, type BenchSql } from './sql.ts';
import type { BenchDataOptions, BenchStep } from './generate.ts';

export function activitySteps(o: BenchDataOptions, sql: BenchSql): BenchStep[] {
  const { seed, ref, uid, rnd, pickFrom, phrases, admin } = sql;
  return [
    {
      name: 'reviews',
      run: async (c) => {
        // A long tail: a service's share falls as u^-0.8 (most a few reviews, some hundreds, a handful thousands).
        await c.query(
          `create temp table b_counts as
           with raw as (
             select i, id, org, residential, cqc_rating,
               least(1500, power(greatest(${rnd('i', 60)}, 1e-9), -0.8)) * appetite as w
             from b_svc where status = 'published'
           ), scaled as (
             select *, round(w * ${o.reviews} / sum(w) over ())::int as n from raw
           )
           select *, sum(n) over (order by i) - n as first,
             case cqc_rating when 'outstanding' then 4.5 when 'good' then 4.0 when 'requires_improvement' then 3.2 else 2.6 end
               + (${rnd('i', 61)} - 0.5) as quality
           from scaled where n > 0`,
        );
        const categories = CATEGORY_COLUMNS.map((column, j) => {
          const value = `case when ${rnd('r', 70 + j)} < 0.12 then null
              else least(5, greatest(1, overall + case when ${rnd('r', 90 + j)} < 0.2 then -1 when ${rnd('r', 90 + j)} > 0.8 then 1 else 0 end)) end`;
          return (RESIDENTIAL_ONLY as readonly string[]).includes(column)
            ? `case when residential then ${value} end`
            : value;
        });
        // 64 ready-made titles and bodies per mood, so a million rows only look one up.
        await c.query(
          `create temp table b_text as
           select mood, n, ${pickFrom(phrases('titles', 'mood'), 'n * 7 + m', 110)} as title,
             ${pickFrom(phrases('openings', 'mood'), 'n * 7 + m', 111)} || ' ' || ${pickFrom(phrases('middles', 'mood'), 'n * 7 + m', 112)} || ' '
               || ${pickFrom(phrases('middles', 'mood'), 'n * 7 + m', 113)} || ' ' || ${pickFrom(phrases('closings', 'mood'), 'n * 7 + m', 114)} as body
           from (values (0, 'good'), (1, 'mixed'), (2, 'poor')) as moods(m, mood), generate_series(0, 63) n`,
        );
        const relationships = textArray([
          'family',
          'family',
          'family',
          'family',
          'family',
          'family',
          'self',
          'self',
          'friend',
          'informal_carer',
          'professional',
        ]);
        if (!REVIEWER_RELATIONSHIPS.includes('informal_carer')) throw new Error('bench: relationships changed');
        const indexes = await withoutIndexes(c, 'reviews');
        const result = await c.query(
          `insert into reviews (id, service_id, author_id, relationship, overall, ${CATEGORY_COLUMNS.join(', ')},
             period_month, period_year, title, body, consent_at, status, verified, helpful_count, published_at,
             moderated_at, created_at, updated_at)
           select ${uid('review', 'r')}, service_id, author_id, relationship, overall, ${categories.join(', ')},
             extract(month from period)::smallint, extract(year from period)::smallint,
             t.title, t.body,
             written, status, ${rnd('r', 115)} < 0.12, floor(power(${rnd('r', 116)}, 4) * 20)::int,
             case when status = 'published' then written + interval '1 hour' * (2 + floor(${rnd('r', 117)} * 70)) end,
             case when status <> 'pending' then written + interval '1 hour' * (2 + floor(${rnd('r', 117)} * 70)) end,
             written, written
           from (
             select r, residential, service_id, author_id, relationship, overall, written,
               written - interval '1 day' * floor(${rnd('r', 102)} * 180) as period,
               case when overall >= 4 then 'good' when overall = 3 then 'mixed' else 'poor' end as mood,
               case when written > $1::timestamptz - interval '10 days' and ${rnd('r', 103)} < 0.3 then 'pending'
                    when ${rnd('r', 103)} < 0.015 then 'rejected' else 'published' end as status
             from (
               select b.first + k as r, b.residential, b.id as service_id,
                 ${uid('user', `'reviewer:' || (1 + (abs(hashint4(b.i + ${seed})::bigint) + k::bigint * 7919) % ${o.reviewers})`)} as author_id,
                 ${pickFrom(relationships, 'b.first + k', 100)} as relationship,
                 least(5, greatest(1, round(b.quality + (${rnd('b.first + k', 101)} - 0.5) * 2.8)))::smallint as overall,
                 $1::timestamptz - interval '1 minute' * floor(${Math.round(5 * 365.25 * 24 * 60)} * power(${rnd('b.first + k', 104)}, 1.6)) as written
               from b_counts b cross join lateral generate_series(0, b.n - 1) k
             ) base
           ) x
           join b_text t on t.mood = x.mood and t.n = floor(${rnd('r', 109)} * 64)::int`,
          [ref],
        );
        await indexes.restore();
        return result.rowCount ?? 0;
      },
    },
    {
      name: 'provider replies',
      run: async (c) => {
        const result = await c.query(
          `insert into review_responses (review_id, organisation_id, author_id, body, change_planned, change_made, created_at, updated_at)
           select r.id, s.organisation_id, m.user_id, ${pickFrom(textArray(REVIEW_PHRASES.replies), 'hashtext(r.id::text)', 120)},
             r.overall <= 3 and ${rnd('hashtext(r.id::text)', 121)} < 0.3, false, r.published_at + interval '2 days', r.published_at + interval '2 days'
           from reviews r join services s on s.id = r.service_id join organisation_members m on m.organisation_id = s.organisation_id
           where r.status = 'published' and ${rnd('hashtext(r.id::text)', 122)} < 0.3`,
        );
        return result.rowCount ?? 0;
      },
    },
    {
      name: 'budgets and bookings',
      run: async (c) => {
        await c.query(
          `insert into budget_accounts (id, holder_id, council_reference, starts_on, ends_on, created_by, created_at, updated_at)
           select ${uid('budget', 'h')}, ${uid('user', `'holder:' || h`)}, 'BENCH-PB-' || lpad(h::text, 6, '0'),
             '2026-04-01', '2027-03-31', ${admin}, '2026-04-01T09:00:00Z', '2026-04-01T09:00:00Z'
           from generate_series(1, ${o.budgetHolders}) h`,
        );
        await c.query(
          `insert into budget_ledger (id, budget_account_id, kind, amount_pence, reason, created_by, created_at)
           select ${uid('allocation', 'h')}, ${uid('budget', 'h')}, 'allocation', 600000 + floor(${rnd('h', 130)} * 2400000)::bigint,
             'Annual personal budget', ${admin}, '2026-04-01T09:00:00Z'
           from generate_series(1, ${o.budgetHolders}) h`,
        );
        await c.query(
          `create temp table b_published as select row_number() over (order by i) as n, id, care_type from b_svc where status = 'published'`,
        );
        // Three bookings per budget holder and one per 20 reviewers (self-funded), in every state. Budget-funded
        // accepted and active bookings commit at most a third of the allocation each, so no budget is overspent.
        const published = (await c.query<{ n: string }>(`select count(*) as n from b_published`)).rows[0]!.n;
        const bookings = await c.query(
          `create temp table b_bookings as
           select k, ${uid('booking', 'k')} as id, requester_id, budget_id, funding_source, p.id as service_id, p.care_type,
             case when ${rnd('k', 140)} < 0.25 then 'requested' when ${rnd('k', 140)} < 0.45 then 'quoted'
                  when ${rnd('k', 140)} < 0.55 then 'declined' when ${rnd('k', 140)} < 0.60 then 'cancelled'
                  when ${rnd('k', 140)} < 0.70 then 'accepted' when ${rnd('k', 140)} < 0.90 then 'active' else 'completed' end as status,
             (10000 + floor(${rnd('k', 141)} * 50000))::int as weekly,
             allocation,
             $1::timestamptz - interval '1 day' * floor(${rnd('k', 142)} * 200) as created_at
           from (
             select h as k, ${uid('user', `'holder:' || (1 + (h - 1) % ${o.budgetHolders})`)} as requester_id,
               ${uid('budget', `1 + (h - 1) % ${o.budgetHolders}`)} as budget_id, 'budget' as funding_source,
               (select amount_pence from budget_ledger where id = ${uid('allocation', `1 + (h - 1) % ${o.budgetHolders}`)}) as allocation
             from generate_series(1, ${o.budgetHolders * 3}) h
             union all
             select ${o.budgetHolders * 3} + r, ${uid('user', `'reviewer:' || r`)}, null, 'self_funded', null
             from generate_series(1, ${Math.floor(o.reviewers / 20)}) r
           ) who
           join b_published p on p.n = 1 + floor(${rnd('k', 143)} * ${published})::int`,
          [ref],
        );
        await c.query(
          `insert into bookings (id, requester_id, service_id, budget_account_id, funding, care_type, hours_per_week,
             nights_per_week, start_date, duration_weeks, notes, status, quote_weekly_pence, quote_start_date, quote_terms,
             quoted_at, decline_reason, created_at, updated_at)
           select id, requester_id, service_id, case when status in ('accepted', 'active', 'completed') then budget_id end,
             case when status in ('accepted', 'active', 'completed') then funding_source end, care_type,
             case when care_type in ('home_care', 'supported_living', 'extra_care') then 4 + (k % 20) end,
             case when care_type = 'respite_care' then 1 + (k % 5) end,
             (created_at + interval '14 days')::date, duration, '',
             status, case when status not in ('requested', 'declined') then weekly end,
             case when status not in ('requested', 'declined') then (created_at + interval '14 days')::date end,
             case when status not in ('requested', 'declined') then 'Invoiced every four weeks in arrears.' end,
             case when status not in ('requested', 'declined') then created_at + interval '2 days' end,
             case when status = 'declined' then 'We have no capacity in your area at the moment.' end,
             created_at, created_at + interval '3 days'
           from (select *, greatest(1, least(26, floor(coalesce(allocation / 3, 2600000) / weekly)))::int as duration from b_bookings) b`,
        );
        await c.query(
          `insert into budget_ledger (id, budget_account_id, kind, amount_pence, booking_id, reason, created_by, created_at)
           select ${uid('commitment', 'k')}, budget_id, 'commitment', -(weekly::bigint * duration), id, 'Booking accepted',
             requester_id, created_at + interval '3 days'
           from (select *, greatest(1, least(26, floor(allocation / 3 / weekly)))::int as duration from b_bookings) b
           where funding_source = 'budget' and status in ('accepted', 'active')`,
        );
        await c.query(
          `insert into booking_events (id, booking_id, actor_id, from_status, to_status, note, at)
           select ${uid('event', `k || ':0'`)}, id, requester_id, null, 'requested', '', created_at from b_bookings
           union all
           select ${uid('event', `k || ':1'`)}, id, requester_id, 'requested', status, '', created_at + interval '3 days'
           from b_bookings where status <> 'requested'`,
        );
        return bookings.rowCount ?? 0;
      },
    },
    {
      name: 'search events',
      run: async (c) => {
        const result = await c.query(
          `insert into search_events (query, filters, outcode, place, result_count, backend, occurred_at)
           select case when ${rnd('e', 150)} < 0.6 then ${pickFrom(textArray(SEARCH_WORDS), 'e', 151)} end,
             case when ${rnd('e', 152)} < 0.5 then jsonb_build_object('careType', ${pickFrom(textArray(CARE_TYPE_CODES), 'e', 153)})
                  when ${rnd('e', 152)} < 0.7 then jsonb_build_object('specialism', ${pickFrom(textArray(Object.keys(SPECIALISMS)), 'e', 154)}, 'sort', 'rating')
                  else '{}'::jsonb end,
             s.district, null, floor(power(${rnd('e', 155)}, 2) * 400)::int,
             case when ${rnd('e', 156)} < 0.995 then 'meilisearch' else 'postgres' end,
             $1::timestamptz - interval '1 minute' * floor(${rnd('e', 157)} * 525600)
           from generate_series(1, ${o.searchEvents}) e
           cross join lateral (select district from b_sectors where cum_hi > ${rnd('e', 158)} order by cum_hi limit 1) s`,
          [ref],
        );
        return result.rowCount ?? 0;
      },
    },
    {
      name: 'analyse',
      run: async (c) => {
        await c.query(`set session_replication_role = origin`);
        // The triggers that keep the typo dictionary were skipped with the others during the bulk load.
        await c.query(
          `insert into search_words (word)
             select unnest(tsvector_to_array(search_vector)) from services
             union select unnest(tsvector_to_array(to_tsvector('simple', name))) from organisations
           on conflict do nothing`,
        );
        await c.query('analyze');
        return undefined;
      },
    },
  ];
}

// Bench data, first half: places and care types, the people, the organisations and their services.
import { CARE_TYPES, CARE_TYPE_CODES, categoriesFor } from '@care-assist/domain';
import { AT_HOME_CARE_TYPES, BRANDS, DEMO_USERS, PRICE_RANGES, SPECIALISMS_BY_CARE_TYPE } from '@care-assist/db';
import { REGION_PRICE_FACTOR, englandSectors } from './england.ts';
import {
  CARE_TYPE_WEIGHTS,
  REVIEW_APPETITE,
  NOUNS,
  FUNDING_ODDS,
  STREETS,
  FIRST_NAMES,
  LAST_NAMES,
} from './vocabulary.ts';
import { textArray, type BenchSql } from './sql.ts';
import type { BenchDataOptions, BenchStep } from './generate.ts';

export function directorySteps(o: BenchDataOptions, sql: BenchSql): BenchStep[] {
  const { seed, ref, organisations, uid, rnd, pickFrom, admin } = sql;
  return [
    {
      name: 'places and care types',
      run: async (c) => {
        // Bulk load: skip FK triggers (rows are consistent by construction); JIT would spend longer compiling than running.
        await c.query(`set session_replication_role = replica`);
        await c.query(`set jit = off`);
        await c.query(`create or replace function pg_temp.rnd(n bigint, stream int) returns double precision
          language sql immutable parallel safe
          as $$ select (hashint8extended(n, ${seed}::bigint * 1000 + stream) & 2147483647)::float8 / 2147483648.0 $$`);
        const sectors = englandSectors();
        const total = sectors.reduce((sum, s) => sum + s.weight, 0);
        let cumulative = 0;
        const cum = sectors.map((s) => (cumulative += s.weight) / total);
        cum[cum.length - 1] = 1.000001;
        await c.query(
          `create temp table b_sectors as
             select * from unnest($1::text[], $2::text[], $3::float8[], $4::float8[], $5::text[], $6::text[], $7::float8[], $8::float8[])
               as t(sector, district, latitude, longitude, town, county, price_factor, cum_hi)`,
          [
            sectors.map((s) => s.sector),
            sectors.map((s) => s.district),
            sectors.map((s) => s.latitude),
            sectors.map((s) => s.longitude),
            sectors.map((s) => s.town),
            sectors.map((s) => s.county),
            sectors.map((s) => REGION_PRICE_FACTOR[s.region]),
            cum,
          ],
        );
        await c.query(`create index on b_sectors (cum_hi)`);
        const weightTotal = CARE_TYPE_CODES.reduce((sum, t) => sum + CARE_TYPE_WEIGHTS[t], 0);
        let careCumulative = 0;
        const care = CARE_TYPE_CODES.map((t) => ({ t, cum: (careCumulative += CARE_TYPE_WEIGHTS[t]) / weightTotal }));
        care[care.length - 1]!.cum = 1.000001;
        await c.query(
          `create temp table b_care as select * from (values ${care
            .map(({ t, cum }, k) => {
              const range = PRICE_RANGES[t];
              const [self, budget, council] = FUNDING_ODDS[t];
              return `(${k}, '${t}', '${CARE_TYPES[t]}', ${cum}, '${range.unit}', ${range.minPence}, ${range.maxPence}, ${range.stepPence},
                ${textArray(SPECIALISMS_BY_CARE_TYPE[t])}, ${textArray(NOUNS[t])}, ${self}, ${budget}, ${council},
                ${AT_HOME_CARE_TYPES.includes(t)}, ${categoriesFor([t]).length > 6}, ${REVIEW_APPETITE[t]})`;
            })
            .join(',')}) as t(k, care_type, label, cum_hi, unit, min_pence, max_pence, step_pence, specialisms, nouns,
              self_odds, budget_odds, council_odds, at_home, residential, appetite)`,
        );
        return sectors.length;
      },
    },
    {
      name: 'users',
      run: async (c) => {
        const demo = await c.query(
          `insert into users (id, email, password_hash, display_name, role, created_at, updated_at)
           select ${uid('user', `'demo:' || key`)}, email, $1, display_name, role, $2::timestamptz - interval '400 days', $2::timestamptz - interval '400 days'
           from unnest($3::text[], $4::text[], $5::text[], $6::text[]) as t(key, email, display_name, role)`,
          [
            o.passwordHash,
            ref,
            DEMO_USERS.map((u) => u.key),
            DEMO_USERS.map((u) => u.email),
            DEMO_USERS.map((u) => u.displayName),
            DEMO_USERS.map((u) => u.role),
          ],
        );
        const people = await c.query(
          `insert into users (id, email, password_hash, display_name, role, created_at, updated_at)
           select ${uid('user', `kind || ':' || n`)}, kind || n || '@bench.care-assist.test', $1,
             ${pickFrom(textArray(FIRST_NAMES), 'n * 3 + k', 1)} || ' ' || ${pickFrom(textArray(LAST_NAMES), 'n * 3 + k', 2)},
             case kind when 'provider' then 'provider' else 'resident' end,
             $2::timestamptz - (interval '1 day' * floor(${rnd('n * 3 + k', 3)} * 1900)),
             $2::timestamptz - (interval '1 day' * floor(${rnd('n * 3 + k', 3)} * 1900))
           from (values (0, 'reviewer', ${o.reviewers}), (1, 'provider', ${organisations}), (2, 'holder', ${o.budgetHolders}))
             as kinds(k, kind, how_many)
           cross join lateral generate_series(1, how_many) n`,
          [o.passwordHash, ref],
        );
        return (demo.rowCount ?? 0) + (people.rowCount ?? 0);
      },
    },
    {
      name: 'organisations',
      run: async (c) => {
        const sectorCase = `case when j <= 300 then 'private' else (case
              when ${rnd('j', 11)} < 0.62 then 'private' when ${rnd('j', 11)} < 0.79 then 'voluntary_community'
              when ${rnd('j', 11)} < 0.92 then 'social_enterprise' when ${rnd('j', 11)} < 0.96 then 'public' else 'mutual' end) end`;
        const result = await c.query(
          `insert into organisations (id, name, sector, cqc_provider_id, company_number, charity_number, contact_email,
             contact_phone, website, verified_at, verified_by, created_at, updated_at)
           select ${uid('org', 'j')}, name || case sector when 'private' then ' Ltd' when 'social_enterprise' then ' CIC'
               when 'voluntary_community' then ' Trust' when 'public' then ' (Council service)' else ' Mutual' end,
             sector, '1-2' || lpad(j::text, 9, '0'),
             case when sector in ('private', 'social_enterprise') then lpad((3000000 + j)::text, 8, '0') end,
             case when sector = 'voluntary_community' then (1000000 + j)::text end,
             'office@org' || j || '.example', '01632 960' || lpad((j % 1000)::text, 3, '0'), 'https://www.org' || j || '.example',
             case when ${rnd('j', 12)} < 0.9 then created_at + interval '7 days' end,
             case when ${rnd('j', 12)} < 0.9 then ${admin} end, created_at, created_at
           from (
             select j, ${sectorCase} as sector,
               ${pickFrom(textArray(BRANDS), 'j', 13)} || case when j > ${BRANDS.length} then ' ' || ${pickFrom(textArray(['Care', 'Healthcare', 'Care Services', 'Support', 'Care Group', 'Community Care']), 'j', 14)} else ' Care Group' end as name,
               $1::timestamptz - (interval '1 day' * (2000 + floor(${rnd('j', 15)} * 3000))) as created_at
             from generate_series(1, ${organisations}) j
           ) o`,
          [ref],
        );
        await c.query(
          `insert into organisation_members (organisation_id, user_id, role, created_at)
           select ${uid('org', 'j')}, ${uid('user', `'provider:' || j`)}, 'owner', $1::timestamptz
           from generate_series(1, ${organisations}) j`,
          [ref],
        );
        return result.rowCount ?? 0;
      },
    },
    {
      name: 'services',
      run: async (c) => {
        // Chains: organisation j takes a share of services falling off as 1/sqrt(j), so a few groups run
        // hundreds of services and most run one or two.
        await c.query(
          `create temp table b_svc as
           select i, ${uid('service', 'i')} as id, 1 + floor(${organisations} * power(${rnd('i', 3)}, 2))::int as org,
             s.sector, s.district, s.latitude, s.longitude, s.town, s.county, s.price_factor, c.*,
             case when ${rnd('i', 20)} < 0.97 then 'published' when ${rnd('i', 20)} < 0.99 then 'pending' else 'draft' end as status,
             case when ${rnd('i', 21)} < 0.05 then 'outstanding' when ${rnd('i', 21)} < 0.80 then 'good'
                  when ${rnd('i', 21)} < 0.97 then 'requires_improvement' else 'inadequate' end as cqc_rating
           from generate_series(1, ${o.services}) i
           cross join lateral (select * from b_sectors where cum_hi > ${rnd('i', 1)} order by cum_hi limit 1) s
           cross join lateral (select * from b_care where cum_hi > ${rnd('i', 2)} order by cum_hi limit 1) c`,
        );
        const price = (stream: number) =>
          `(round((min_pence + (max_pence - min_pence) * ${rnd('i', stream)}) * price_factor / step_pence) * step_pence)::int`;
        const specialisms = `array(select sp from unnest(specialisms) with ordinality as t(sp, k)
              where (k = 1 and ${rnd('i', 30)} < 0.8) or (k > 1 and ${rnd('i * 16 + k', 31)} < 0.3))`;
        const result = await c.query(
          `insert into services (id, organisation_id, name, slug, summary, description, care_types, specialisms,
             address_line1, town, county, postcode, latitude, longitude, area_served_km, price_per_hour_pence,
             price_per_visit_pence, price_per_night_pence, price_per_week_pence, funding_accepted, accepting_new_clients,
             languages, phone, email, website, cqc_location_id, cqc_rating, cqc_rating_date, council_accredited, status,
             created_at, updated_at, beds, care_hours_per_week)
           select id, ${uid('org', 'org')}, name, trim(both '-' from lower(regexp_replace(name, '[^A-Za-z0-9]+', '-', 'g'))) || '-' || i,
             label || ' in ' || town || ' for ' || replace(array_to_string(specs, ', '), '_', ' ') || '.',
             name || ' provides ' || lower(label) || ' in ' || town || ' and across ' || county || '. We support '
               || replace(array_to_string(specs, ', '), '_', ' ') || '. Our team is trained in person-centred care, '
               || 'and we work closely with families, GPs and the council.',
             care_types, specs,
             (1 + floor(${rnd('i', 40)} * 200)::int) || ' ' || ${pickFrom(textArray(STREETS), 'i', 41)},
             town, county,
             sector || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + floor(${rnd('i', 42)} * 20)::int, 1)
               || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + floor(${rnd('i', 43)} * 20)::int, 1),
             latitude + (${rnd('i', 44)} - 0.5) * 0.005, longitude + (${rnd('i', 45)} - 0.5) * 0.008,
             case when at_home then 8 + floor(${rnd('i', 46)} * 20) end,
             case when unit = 'hour' then ${price(47)} end,
             case when unit = 'visit' then ${price(47)}
                  when care_type = 'home_care' and ${rnd('i', 48)} < 0.4 then (round((1500 + 700 * ${rnd('i', 49)}) * price_factor / 10) * 10)::int end,
             case when unit = 'night' then ${price(47)} end,
             case when unit = 'week' then ${price(47)} end,
             coalesce(nullif(array_remove(array[
               case when ${rnd('i', 50)} < self_odds then 'self_funded' end,
               case when ${rnd('i', 51)} < budget_odds then 'personal_budget' end,
               case when ${rnd('i', 52)} < council_odds then 'council_funded' end], null), '{}'), array['self_funded']),
             ${rnd('i', 53)} < 0.75,
             case when ${rnd('i', 54)} < 0.8 then array['English'] else array['English', ${pickFrom(textArray(['Polish', 'Punjabi', 'Urdu', 'Romanian', 'Bengali', 'Gujarati']), 'i', 55)}] end,
             '01632 960' || lpad((i % 1000)::text, 3, '0'), 'enquiries@service' || i || '.example', 'https://www.service' || i || '.example',
             '1-1' || lpad(i::text, 9, '0'), cqc_rating,
             ($1::date - (floor(${rnd('i', 56)} * 1400)::int)), ${rnd('i', 57)} < 0.3, status, created_at, created_at,
             case when care_type in ('care_home', 'nursing_home') then 12 + floor(${rnd('i', 58)} * 79)::int
                  when care_type in ('respite_care', 'extra_care') then 4 + floor(${rnd('i', 58)} * 37)::int end,
             case when care_type in ('home_care', 'live_in_care', 'supported_living', 'shared_lives')
                  then 150 + 10 * floor(${rnd('i', 59)} * 151)::int end
           from (
             select b.*,
               coalesce(nullif(${specialisms}, '{}'), specialisms[1:1]) as specs,
               array[care_type] || case when care_type = 'home_care' and ${rnd('i', 32)} < 0.1 then array['live_in_care']
                 when care_type = 'care_home' and ${rnd('i', 32)} < 0.1 then array['respite_care'] else '{}'::text[] end as care_types,
               case when org <= ${BRANDS.length} then (${textArray(BRANDS)})[org] else ${pickFrom(textArray(BRANDS), 'i', 33)} end
                 || ' ' || ${pickFrom('nouns', 'i', 34)} || case when at_home then ' ' || town else '' end as name,
               $1::timestamptz - (interval '1 day' * (1900 + floor(${rnd('i', 35)} * 1500))) as created_at
             from b_svc b
           ) x`,
          [ref],
        );
        await c.query(`insert into service_ratings (service_id) select id from b_svc`);
        return result.rowCount ?? 0;
      },
    },
  ];
}

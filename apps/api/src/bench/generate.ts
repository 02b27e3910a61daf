// The England-scale benchmark data set, written by Postgres itself: every table is filled by one
// `INSERT … SELECT` over generate_series, so 1,000,000 reviews take seconds rather than hours of round trips.
// Randomness is a hash of (seed, row number, stream) — `pg_temp.rnd` below — so the same seed always makes the
// same rows, whatever the plan or the number of workers. Aggregates and the search index are NOT made here:
// the CLI computes them afterwards with the project's own code (ratings aggregator, search documents).
import type pg from 'pg';
import {
  CARE_TYPES,
  CARE_TYPE_CODES,
  REVIEWER_RELATIONSHIPS,
  SPECIALISMS,
  categoriesFor,
  type CareType,
} from '@care-assist/domain';
import {
  AT_HOME_CARE_TYPES,
  BRANDS,
  DEMO_USERS,
  PRICE_RANGES,
  REFERENCE_DATE,
  REVIEW_PHRASES,
  SPECIALISMS_BY_CARE_TYPE,
} from '@care-assist/db';
import { REGION_PRICE_FACTOR, englandSectors } from './england.ts';

export interface BenchDataOptions {
  seed: number;
  services: number;
  reviews: number;
  reviewers: number;
  /** Residents with a council personal budget. */
  budgetHolders: number;
  searchEvents: number;
  /** The argon2 hash of the demo password, shared by every generated account. */
  passwordHash: string;
}

export interface BenchStep {
  name: string;
  run: (client: pg.ClientBase) => Promise<number | undefined>;
}

/** Share of services of each care type (England's CQC register has about this shape). */
const CARE_TYPE_WEIGHTS: Record<CareType, number> = {
  home_care: 30,
  care_home: 18,
  nursing_home: 9,
  day_service: 8,
  supported_living: 8,
  live_in_care: 6,
  respite_care: 6,
  telecare: 4,
  extra_care: 4,
  shared_lives: 3,
};

/** How many reviews a service of this type attracts, relative to others (care homes most). */
const REVIEW_APPETITE: Record<CareType, number> = {
  home_care: 1,
  care_home: 1.6,
  nursing_home: 1.5,
  day_service: 0.6,
  supported_living: 0.5,
  live_in_care: 0.8,
  respite_care: 0.6,
  telecare: 0.3,
  extra_care: 0.7,
  shared_lives: 0.4,
};

/** What services of each type are called after their brand ("Kingfisher Home Care", "Primrose Lodge"). */
const NOUNS: Record<CareType, string[]> = {
  home_care: ['Home Care', 'Care at Home', 'Homecare', 'Home Support'],
  live_in_care: ['Live-in Care', 'Live-in Support'],
  care_home: ['House', 'Lodge', 'Manor', 'Court', 'Care Home', 'Grange'],
  nursing_home: ['Nursing Home', 'Nursing Centre', 'Park Nursing Home'],
  day_service: ['Day Centre', 'Day Service', 'Community Hub'],
  respite_care: ['Respite House', 'Short Breaks'],
  supported_living: ['Supported Living', 'Support Services'],
  extra_care: ['Court Extra Care', 'Gardens Extra Care', 'Village'],
  shared_lives: ['Shared Lives'],
  telecare: ['Telecare', 'Lifeline', 'Careline'],
};

/** Chance that a service of this type accepts self-funding, personal budgets and council funding. */
const FUNDING_ODDS: Record<CareType, [number, number, number]> = {
  home_care: [0.95, 0.75, 0.6],
  live_in_care: [1, 0.45, 0.15],
  care_home: [0.95, 0.2, 0.65],
  nursing_home: [0.95, 0.15, 0.7],
  day_service: [0.8, 0.8, 0.7],
  respite_care: [0.85, 0.6, 0.6],
  supported_living: [0.3, 0.8, 0.95],
  extra_care: [0.7, 0.5, 0.8],
  shared_lives: [0.3, 0.7, 0.95],
  telecare: [1, 0.6, 0.5],
};

const STREETS = [
  'High Street',
  'Church Road',
  'Station Road',
  'Park Avenue',
  'Victoria Road',
  'London Road',
  'Mill Lane',
  'The Green',
  'Manor Road',
  'Queens Road',
  'Kings Road',
  'New Road',
  'Grange Road',
  'School Lane',
  'Albert Road',
];
const FIRST_NAMES = [
  'Margaret',
  'David',
  'Susan',
  'John',
  'Patricia',
  'Peter',
  'Linda',
  'Michael',
  'Janet',
  'Robert',
  'Helen',
  'Paul',
  'Karen',
  'Andrew',
  'Sarah',
  'Mark',
  'Priya',
  'Mohammed',
  'Aisha',
  'Tomasz',
  'Anna',
  'Rajesh',
  'Grace',
  'Daniel',
  'Emma',
  'James',
  'Fatima',
  'Oliver',
  'Chloe',
  'Ian',
];
const LAST_NAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Khan',
  'Kowalski',
  'Clarke',
  'Jackson',
  'Wood',
  'Harris',
  'Lewis',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Begum',
];
const SEARCH_WORDS = [
  'dementia',
  'home care',
  'care home',
  'nursing',
  'respite',
  'live in care',
  'day centre',
  'learning disability',
  'autism',
  'end of life',
  'dementa',
  'elderly care',
  'supported living',
  'telecare',
  'extra care',
];

const RESIDENTIAL_ONLY = ['cleanliness', 'food', 'activities', 'management'] as const;
const CATEGORY_COLUMNS = [
  'quality_of_care',
  'dignity_respect',
  'staff',
  'reliability',
  'communication',
  'value_for_money',
  ...RESIDENTIAL_ONLY,
] as const;

/**
 * Drops a table's secondary indexes for a bulk insert and gives back a function that builds them again from
 * their own definitions (one sort per index is far cheaper than a million index insertions).
 */
async function withoutIndexes(c: pg.ClientBase, table: string) {
  const { rows } = await c.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = 'public' and i.tablename = $1
       and not exists (select 1 from pg_constraint k where k.conname = i.indexname)`,
    [table],
  );
  for (const row of rows) await c.query(`drop index "${row.indexname}"`);
  return {
    restore: async () => {
      for (const row of rows) await c.query(row.indexdef);
    },
  };
}

/** A SQL text[] literal of trusted constants. */
function textArray(values: readonly string[]): string {
  return `array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(',')}]::text[]`;
}

export function benchSteps(o: BenchDataOptions): BenchStep[] {
  const seed = Math.trunc(o.seed);
  const ref = REFERENCE_DATE.toISOString();
  const organisations = Math.max(1, Math.round(o.services / 3.3));
  /** A stable uuid for the n-th row of a kind. */
  const uid = (kind: string, n: string) => `md5('${seed}:${kind}:' || (${n}))::uuid`;
  const rnd = (n: string, stream: number) => `pg_temp.rnd((${n})::bigint, ${stream})`;
  const pickFrom = (array: string, n: string, stream: number) =>
    `(${array})[1 + floor(${rnd(n, stream)} * cardinality(${array}))::int]`;
  const phrases = (kind: 'openings' | 'middles' | 'closings' | 'titles', mood: string) =>
    `(case ${mood} when 'good' then ${textArray(REVIEW_PHRASES[kind].good)} when 'mixed' then ${textArray(REVIEW_PHRASES[kind].mixed)} else ${textArray(REVIEW_PHRASES[kind].poor)} end)`;
  const admin = uid('user', `'demo:admin'`);

  const steps: BenchStep[] = [
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
  return steps;
}

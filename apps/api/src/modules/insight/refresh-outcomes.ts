// The outcomes summaries: every answered questionnaire and every admission, with the service, provider, area,
// sector and care type it is about, so the outcomes view filters and groups one small table instead of joining
// bookings, council care packages, services and organisations on each request. Rebuilt with the others.
import { sql } from 'drizzle-orm';

// Care booked here or arranged by the council: its service and care type, whichever it is.
const subjects = sql`
  subjects as (
    select b.id, 'booked' as source, b.service_id, b.care_type from bookings b
    union all
    select p.id, 'council', p.service_id, p.care_type from council_care_packages p
  ), placed as (
    select s.id, s.source, s.service_id, s.care_type, sv.organisation_id, o.name as organisation_name, sv.county,
      upper(split_part(trim(sv.postcode), ' ', 1)) as district, o.sector
    from subjects s
    join services sv on sv.id = s.service_id
    join organisations o on o.id = sv.organisation_id
  )`;

export const outcomeAnswers = sql`
  insert into insight_outcome_answers (due_on, subject_id, source, service_id, organisation_id, organisation_name,
    county, district, sector, care_type, respondent, satisfaction, quality_of_life, carer_satisfaction, carer_strain)
  with ${subjects}
  select r.due_on, p.id, p.source, p.service_id, p.organisation_id, p.organisation_name, p.county, p.district,
    p.sector, p.care_type, r.respondent, r.satisfaction,
    -- The mean of the domains answered ("prefer not to say" is left out, not counted as 0).
    (select avg(score) from unnest(array[r.control_score, r.personal_care_score, r.safety_score,
      r.social_contact_score, r.occupation_score]) as score),
    r.carer_satisfaction, r.carer_strain
  from outcome_reviews r
  join placed p on p.id = coalesce(r.booking_id, r.care_package_id)`;

export const outcomeAdmissions = sql`
  insert into insight_outcome_admissions (admitted_on, subject_id, service_id, organisation_id, organisation_name,
    county, district, sector, care_type, kind)
  with ${subjects}
  select a.admitted_on, p.id, p.service_id, p.organisation_id, p.organisation_name, p.county, p.district, p.sector,
    p.care_type, a.kind
  from care_admissions a
  join placed p on p.id = coalesce(a.booking_id, a.care_package_id)`;

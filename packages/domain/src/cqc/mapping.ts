// How CQC vocabulary maps onto ours. The CQC regulates every kind of health and social care; Care Assist
// lists adult social care only, so a service type with no row here is "skipped by type" on import.
//
// | CQC service type (directory "Service types", API gacServiceTypes name or description) | our care type |
// |---|---|
// | Homecare agencies; Domiciliary care service                                          | home_care |
// | Residential homes; Care home service without nursing                                | care_home |
// | Nursing homes; Care home service with nursing                                        | nursing_home |
// | Supported living; Supported housing; Supported living service                        | supported_living |
// | Extra Care housing services; Extra care housing                                      | extra_care |
// | Shared Lives; Shared lives                                                           | shared_lives |
// | Community services - learning disabilities / mental health / substance abuse;        | day_service |
// |   Community based services for people with a learning disability / mental health needs |           |
// | Dentist, Doctors/GPs, Hospitals, Clinics, Ambulances, Diagnosis/screening, ...       | (skipped) |
//
// | CQC specialism ("Specialisms/services", API specialisms name) | our specialism |
// |---|---|
// | Dementia                                                      | dementia |
// | Learning disabilities                                         | learning_disability |
// | Physical disabilities                                         | physical_disability |
// | Mental health conditions                                      | mental_health |
// | Sensory impairments                                           | sensory_impairment |
// | Autism; Autistic spectrum disorder                            | autism |
// | Substance misuse problems                                     | substance_misuse |
// | Caring for adults over 65 yrs; Older people                   | older_people |
// | Caring for adults under 65 yrs; Younger adults                | younger_adults |
// | End of life care                                              | end_of_life |
// | anything else (e.g. Eating disorders, Personal care)          | (not kept) |
import type { CareType, CqcRating, Specialism } from '../taxonomy.ts';

const key = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

export const CQC_SERVICE_TYPE_MAP: Record<string, CareType> = {
  'homecare agencies': 'home_care',
  'domiciliary care service': 'home_care',
  'residential homes': 'care_home',
  'care home service without nursing': 'care_home',
  'nursing homes': 'nursing_home',
  'care home service with nursing': 'nursing_home',
  'supported living': 'supported_living',
  'supported housing': 'supported_living',
  'supported living service': 'supported_living',
  'extra care housing services': 'extra_care',
  'extra care housing': 'extra_care',
  'shared lives': 'shared_lives',
  'community services - learning disabilities': 'day_service',
  'community services - mental health': 'day_service',
  'community services - substance abuse': 'day_service',
  'community based services for people with a learning disability': 'day_service',
  'community based services for people with mental health needs': 'day_service',
};

export const CQC_SPECIALISM_MAP: Record<string, Specialism> = {
  dementia: 'dementia',
  'learning disabilities': 'learning_disability',
  'physical disabilities': 'physical_disability',
  'mental health conditions': 'mental_health',
  'sensory impairments': 'sensory_impairment',
  autism: 'autism',
  'autistic spectrum disorder': 'autism',
  'substance misuse problems': 'substance_misuse',
  'caring for adults over 65 yrs': 'older_people',
  'older people': 'older_people',
  'caring for adults under 65 yrs': 'younger_adults',
  'younger adults': 'younger_adults',
  'end of life care': 'end_of_life',
};

/** Our care types for a list of CQC service types, in a stable order, without repeats. */
export function mapCqcServiceTypes(types: readonly string[]): CareType[] {
  return [...new Set(types.map((t) => CQC_SERVICE_TYPE_MAP[key(t)]).filter((t): t is CareType => !!t))];
}

export function mapCqcSpecialisms(names: readonly string[]): Specialism[] {
  return [...new Set(names.map((n) => CQC_SPECIALISM_MAP[key(n)]).filter((s): s is Specialism => !!s))];
}

const RATINGS: Record<string, CqcRating> = {
  outstanding: 'outstanding',
  good: 'good',
  'requires improvement': 'requires_improvement',
  inadequate: 'inadequate',
};

/** A CQC rating word; anything else ("Not rated", "No published rating", empty) is not yet rated. */
export function mapCqcRating(text: string | null | undefined): CqcRating {
  return (text && RATINGS[key(text)]) || 'not_yet_rated';
}

export const CQC_KEY_QUESTION_LABELS = {
  safe: 'Safe',
  effective: 'Effective',
  caring: 'Caring',
  responsive: 'Responsive',
  well_led: 'Well-led',
} as const;
export type CqcKeyQuestionCode = keyof typeof CQC_KEY_QUESTION_LABELS;

export function mapCqcKeyQuestion(name: string): CqcKeyQuestionCode | null {
  const code = key(name).replace(/[\s-]+/g, '_');
  return code in CQC_KEY_QUESTION_LABELS ? (code as CqcKeyQuestionCode) : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "09/Jan/2018 - 00:00" (the directory's format) or "2018-01-09" (the API's) -> "2018-01-09"; null if neither. */
export function parseCqcDate(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(trimmed);
  const dmy = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{4})(\s*-\s*\d{2}:\d{2})?$/.exec(trimmed);
  let y: number, m: number, d: number;
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [y, m, d] = [Number(dmy[3]), MONTHS.indexOf(dmy[2]!.toLowerCase()) + 1, Number(dmy[1])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

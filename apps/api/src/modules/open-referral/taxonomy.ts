// Our fixed vocabularies (care types and specialisms, from @care-assist/domain) as two Open Referral taxonomies.
// Term ids are derived from the codes, so they never change while the codes do not.
import {
  CARE_TYPE_CODES,
  CARE_TYPES,
  SPECIALISM_CODES,
  SPECIALISMS,
  type CareType,
  type OrukTaxonomy,
  type OrukTaxonomyTerm,
} from '@care-assist/domain';
import { derivedId } from './ids.ts';

export type TaxonomyKind = 'care_type' | 'specialism';

export interface TermMatch {
  kind: TaxonomyKind;
  code: string;
}

const CARE_TYPE_DESCRIPTIONS: Record<CareType, string> = {
  home_care: 'Care workers visit people in their own home to help with personal care and daily living.',
  live_in_care: 'A care worker lives in the person’s home to give care and support around the clock.',
  care_home: 'A home where people live and get personal care, without nursing.',
  nursing_home: 'A care home with registered nurses on duty at all times.',
  day_service: 'Daytime activities, company and care away from home.',
  respite_care: 'Short stays or short breaks that give unpaid carers a rest.',
  supported_living: 'Support for people in their own tenancy to live as independently as they can.',
  extra_care: 'Self-contained homes with care staff on site.',
  shared_lives: 'Care and support in the home of an approved Shared Lives carer.',
  telecare: 'Alarms and sensors that call for help when it is needed.',
};

const SPECIALISM_DESCRIPTION = 'Services that say they specialise in supporting people with this need.';

export const TAXONOMIES: Record<TaxonomyKind, OrukTaxonomy> = {
  care_type: {
    id: derivedId('taxonomy', 'care_type'),
    name: 'Care Assist care types',
    description: 'The kinds of adult social care service listed in Care Assist.',
    version: '1',
  },
  specialism: {
    id: derivedId('taxonomy', 'specialism'),
    name: 'Care Assist specialisms',
    description: 'The needs a care service says it specialises in.',
    version: '1',
  },
};

function term(kind: TaxonomyKind, code: string, name: string, description: string): OrukTaxonomyTerm {
  const taxonomy = TAXONOMIES[kind];
  return {
    id: derivedId('taxonomy_term', kind, code),
    name,
    description,
    taxonomy: taxonomy.name,
    taxonomy_id: taxonomy.id,
    term: code,
  };
}

export const TAXONOMY_TERMS: OrukTaxonomyTerm[] = [
  ...CARE_TYPE_CODES.map((code) => term('care_type', code, CARE_TYPES[code], CARE_TYPE_DESCRIPTIONS[code])),
  ...SPECIALISM_CODES.map((code) => term('specialism', code, SPECIALISMS[code], SPECIALISM_DESCRIPTION)),
];

const termsById = new Map<string, TermMatch>(
  TAXONOMY_TERMS.map((t) => [
    t.id,
    { kind: t.taxonomy_id === TAXONOMIES.care_type.id ? 'care_type' : 'specialism', code: t.term },
  ]),
);
const termsByKey = new Map(TAXONOMY_TERMS.map((t) => [`${t.taxonomy_id}/${t.term}`, t]));

export function findTerm(id: string): TermMatch | undefined {
  return termsById.get(id);
}

export function findTaxonomyKind(id: string): TaxonomyKind | undefined {
  return (Object.keys(TAXONOMIES) as TaxonomyKind[]).find((kind) => TAXONOMIES[kind].id === id);
}

export function termFor(kind: TaxonomyKind, code: string): OrukTaxonomyTerm | undefined {
  return termsByKey.get(`${TAXONOMIES[kind].id}/${code}`);
}

import { describe, expect, it } from 'vitest';
import { mapCqcKeyQuestion, mapCqcRating, mapCqcServiceTypes, mapCqcSpecialisms, parseCqcDate } from './mapping.ts';

describe('CQC mapping', () => {
  it('keeps adult social care types and drops the rest', () => {
    expect(mapCqcServiceTypes(['Homecare agencies', 'Supported living'])).toEqual(['home_care', 'supported_living']);
    expect(mapCqcServiceTypes(['Care home service with nursing', 'Nursing homes'])).toEqual(['nursing_home']);
    expect(mapCqcServiceTypes(['Dentist'])).toEqual([]);
    expect(mapCqcServiceTypes(['Doctors/GPs', 'Hospital'])).toEqual([]);
  });

  it('maps specialisms it knows and ignores the others', () => {
    expect(mapCqcSpecialisms(['Dementia', 'Caring for adults over 65 yrs', 'Eating disorders'])).toEqual([
      'dementia',
      'older_people',
    ]);
  });

  it('reads ratings and key questions', () => {
    expect(mapCqcRating('Requires improvement')).toBe('requires_improvement');
    expect(mapCqcRating('Not rated')).toBe('not_yet_rated');
    expect(mapCqcRating(undefined)).toBe('not_yet_rated');
    expect(mapCqcKeyQuestion('Well-led')).toBe('well_led');
    expect(mapCqcKeyQuestion('Safe')).toBe('safe');
    expect(mapCqcKeyQuestion('Overall')).toBeNull();
  });

  it('parses the directory and API date formats and rejects impossible dates', () => {
    expect(parseCqcDate('09/Jan/2018 - 00:00')).toBe('2018-01-09');
    expect(parseCqcDate('2023-11-30')).toBe('2023-11-30');
    expect(parseCqcDate('31/Feb/2020 - 00:00')).toBeNull();
    expect(parseCqcDate('yesterday')).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedListingFields, normaliseListingInput, sameListingValue } from './listing-input.ts';

describe('normaliseListingInput', () => {
  it('turns every blank optional text field into null and trims the rest', () => {
    expect(
      normaliseListingInput({
        name: '  Galleywood Home Support ',
        description: '',
        addressLine2: '',
        openingDetails: '   ',
        phone: '',
        email: '',
        website: '',
        cqcLocationId: '',
        languages: [' English ', '', 'Polish'],
      }),
    ).toEqual({
      name: 'Galleywood Home Support',
      description: '',
      addressLine2: null,
      openingDetails: null,
      phone: null,
      email: null,
      website: null,
      cqcLocationId: null,
      languages: ['English', 'Polish'],
    });
  });

  it('leaves absent fields absent, so a patch touches only what it names', () => {
    expect(normaliseListingInput({ pricePerHourPence: 3100 })).toEqual({ pricePerHourPence: 3100 });
  });
});

describe('sameListingValue', () => {
  it('treats null, undefined and blank text as the same nothing', () => {
    expect(sameListingValue('addressLine2', null, '')).toBe(true);
    expect(sameListingValue('addressLine2', undefined, '  ')).toBe(true);
    expect(sameListingValue('addressLine2', null, 'Unit 4')).toBe(false);
  });

  it('compares sets of care types, specialisms and languages in any order', () => {
    expect(sameListingValue('careTypes', ['home_care', 'live_in_care'], ['live_in_care', 'home_care'])).toBe(true);
    expect(sameListingValue('languages', ['English', 'Polish'], ['polish', 'English'])).toBe(true);
    expect(sameListingValue('careTypes', ['home_care'], ['home_care', 'nursing_home'])).toBe(false);
  });

  it('compares text by its words and numbers within float rounding', () => {
    expect(sameListingValue('name', 'Oak  House ', 'Oak House')).toBe(true);
    expect(sameListingValue('name', 'Oak House', 'Elm House')).toBe(false);
    expect(sameListingValue('areaServedKm', Math.fround(7.3), 7.3)).toBe(true);
    expect(sameListingValue('areaServedKm', 7.3, 8)).toBe(false);
  });

  it('finds no change when a listing is posted back as the form shows it', () => {
    const text = fc.option(fc.string(), { nil: null });
    fc.assert(
      fc.property(text, text, fc.array(fc.constantFrom('a', 'b', 'c')), (line2, phone, langs) => {
        const stored = { addressLine2: line2, phone, languages: langs };
        const posted = normaliseListingInput({
          addressLine2: line2 ?? '',
          phone: phone ?? '',
          languages: [...langs].reverse(),
        });
        expect(changedListingFields(stored, posted)).toEqual([]);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { precheckText } from './prechecks.ts';
import { findStaffNames } from './staff-names.ts';

const staffFlags = (text: string, staffNames: string[] = [], placeNames: string[] = []) =>
  precheckText({ text, staffNames, placeNames })
    .filter((f) => f.code === 'staff_name')
    .map((f) => f.match);

describe('staff members named in full', () => {
  it('flags a capitalised first and last name near a word about staff', () => {
    expect(staffFlags('Susan Miller was rude to my mother, and the other carers did nothing about it.')).toEqual([
      'Susan Miller',
    ]);
    expect(staffFlags('We complained to the manager about how Jo Smith-Jones spoke to Dad.')).toEqual([
      'Jo Smith-Jones',
    ]);
    // The older rule still holds: a title right before the name.
    expect(staffFlags('Mrs Susan Miller ignored us at every visit for months.')).toEqual(['Susan Miller']);
  });

  it('does not flag a name pair far from any staff word, or places, days and sentence openings', () => {
    expect(staffFlags('Susan Miller was rude.')).toEqual([]);
    expect(
      staffFlags(
        'Last Tuesday the carers from Writtle Grange Care Home were late again. The Manager said Chelmer Valley was short staffed.',
        [],
        ['Chelmer Valley Home Care', 'Chelmer Care Partnership', 'Chelmsford'],
      ),
    ).toEqual([]);
    expect(staffFlags('My Mum loved the staff at Christmas and the Sunday lunches the cook made.')).toEqual([]);
  });

  it('flags any full name the provider lists as staff, whatever its case or context', () => {
    expect(staffFlags('I would like to thank aisha khan for everything this year.', ['Aisha Khan'])).toEqual([
      'aisha khan',
    ]);
    // A first name alone is fine to publish, listed or not.
    expect(staffFlags('Aisha was wonderful with Mum all year long, thank you.', ['Aisha Khan', 'Aisha'])).toEqual([]);
  });

  it('names each person once however they were found', () => {
    expect(
      findStaffNames({ text: 'The nurse Susan Miller and carer Susan Miller', staffNames: ['Susan Miller'] }),
    ).toEqual(['Susan Miller']);
  });
});

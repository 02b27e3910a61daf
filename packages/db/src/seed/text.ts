// Summaries and descriptions written for residents: plain English, second person, naming the town and the kind of care.
import type { Faker } from '@faker-js/faker';
import type { CareType, FundingType, Specialism } from '@care-assist/domain';

const WHO: Record<Specialism, string> = {
  dementia: 'people living with dementia',
  learning_disability: 'people with a learning disability',
  physical_disability: 'people with physical disabilities',
  mental_health: 'people with mental health needs',
  end_of_life: 'people nearing the end of life',
  sensory_impairment: 'people with sight or hearing loss',
  autism: 'autistic people',
  substance_misuse: 'people recovering from drug or alcohol use',
  younger_adults: 'younger adults',
  older_people: 'older people',
};

const SUMMARIES: Record<CareType, readonly ((town: string) => string)[]> = {
  home_care: [
    (t) => `Visiting home care in ${t} and nearby villages, from 30-minute calls to longer visits.`,
    (t) => `Friendly carers helping people in ${t} stay safe and independent at home.`,
    (t) => `Home care in ${t} with help to wash, dress, eat well and take medication.`,
  ],
  live_in_care: [
    (t) => `A trained carer who lives with you in your own home in ${t}.`,
    (t) => `Live-in care across ${t}, so you can stay at home with round-the-clock support.`,
  ],
  care_home: [
    (t) => `A residential care home in ${t} with single rooms and a garden.`,
    (t) => `A homely care home in ${t} for people who need help day and night.`,
  ],
  nursing_home: [
    (t) => `A nursing home in ${t} with registered nurses on duty day and night.`,
    (t) => `Nursing care in ${t} for people with complex health needs.`,
  ],
  day_service: [
    (t) => `A day service in ${t} with activities, lunch and company.`,
    (t) => `Weekday sessions in ${t} for people who would like to get out and meet others.`,
  ],
  respite_care: [
    (t) => `Short stays in ${t} so that family carers can take a break.`,
    (t) => `Respite care in ${t}: planned or emergency short breaks, by the night.`,
  ],
  supported_living: [
    (t) => `Support to live in your own tenancy in ${t}, with staff on hand when you need them.`,
    (t) => `Supported living in ${t} for adults who want their own home and their own routine.`,
  ],
  extra_care: [
    (t) => `Extra care housing in ${t}: your own flat, with care on site if you need it.`,
    (t) => `Self-contained flats in ${t} with a care team on site around the clock.`,
  ],
  shared_lives: [
    (t) => `Live with, or regularly visit, an approved Shared Lives carer in ${t}.`,
    (t) => `Shared Lives in ${t}: family-based support matched to you.`,
  ],
  telecare: [
    (t) => `Personal alarms and a 24-hour response service across ${t}.`,
    (t) => `Telecare in ${t}: a pendant alarm, falls sensors and someone to answer day and night.`,
  ],
};

const INTRO: Record<CareType, (name: string, town: string, county: string) => string> = {
  home_care: (n, t) => `${n} provides home care for adults in ${t} and the surrounding area.`,
  live_in_care: (n, t) => `${n} provides live-in care for adults in ${t} and nearby villages.`,
  care_home: (n, t) => `${n} is a care home in ${t} offering residential care for adults.`,
  nursing_home: (n, t) => `${n} is a nursing home in ${t} for adults who need care from registered nurses.`,
  day_service: (n, t) => `${n} is a day service in ${t} open to adults on weekdays.`,
  respite_care: (n, t) =>
    `${n} offers respite care in ${t}: short stays for the person you care for while you take a break.`,
  supported_living: (n, t) =>
    `${n} provides supported living for adults in ${t} who want to live as independently as possible.`,
  extra_care: (n, t) => `${n} is an extra care housing scheme in ${t} for people aged 55 and over.`,
  shared_lives: (n, t, c) => `${n} runs a Shared Lives scheme in ${t} and across ${c}.`,
  telecare: (n, t) => `${n} provides telecare and personal alarms for people living in ${t} and the surrounding area.`,
};

const WHAT_WE_DO: Record<CareType, readonly string[]> = {
  home_care: [
    'Our carers help with washing, dressing, meals and medication at times that suit you, and we try hard to send the same small team each week.',
    'Visits range from a short morning call to several hours, and we can also help with shopping, appointments and staying in touch with friends.',
  ],
  live_in_care: [
    'Your carer lives in your home, follows your routine and is there through the night, with a care manager who visits regularly.',
    'We match you with a carer who shares your interests, and arrange cover for their breaks so care never stops.',
  ],
  care_home: [
    'Every resident has their own room, meals are cooked on site, and there is a full programme of activities and outings.',
    'Our staff help with personal care, medication and mobility, and families are welcome to visit at any time.',
  ],
  nursing_home: [
    'Registered nurses are on duty around the clock, and we work closely with local GPs, hospital teams and hospices.',
    'We care for people who need nursing as well as personal care, including after a stay in hospital.',
  ],
  day_service: [
    'We offer activities, a hot lunch and transport on weekdays, with help with personal care when needed.',
    'Days include music, gentle exercise, crafts and outings, and give family carers time for themselves.',
  ],
  respite_care: [
    'Guests have their own room and join in daily life and activities, and we can take bookings from one night to a few weeks.',
    'Short breaks can be planned in advance or arranged quickly in an emergency, and we follow your usual routines.',
  ],
  supported_living: [
    'Staff help with budgeting, cooking, health appointments and getting out into the community, while you hold your own tenancy.',
    'We build support around your goals, from learning to travel independently to finding work or volunteering.',
  ],
  extra_care: [
    'You have your own front door, with a restaurant, lounges and a care team on site who can visit you in your flat.',
    'Care is planned with you and can increase as your needs change, so you are less likely to need to move again.',
  ],
  shared_lives: [
    'We carefully match you with a trained Shared Lives carer, for day support, short breaks or a long-term home with their family.',
    'Our carers are assessed, trained and supported by our team, and matches are reviewed regularly with you.',
  ],
  telecare: [
    'A pendant or wrist alarm connects you to our monitoring centre, and a responder can come to you if you fall.',
    'We install the equipment, test it with you, and can add smoke, falls and bed sensors if they would help.',
  ],
};

function listOf(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function serviceSummary(faker: Faker, careType: CareType, town: string): string {
  return faker.helpers.arrayElement(SUMMARIES[careType])(town);
}

export function serviceDescription(
  faker: Faker,
  input: {
    name: string;
    careType: CareType;
    town: string;
    county: string;
    specialisms: Specialism[];
    funding: FundingType[];
  },
): string {
  const { name, careType, town, county, specialisms, funding } = input;
  const sentences = [INTRO[careType](name, town, county), faker.helpers.arrayElement(WHAT_WE_DO[careType])];
  const who = specialisms.filter((s) => s !== 'older_people').map((s) => WHO[s]);
  if (who.length > 0) sentences.push(`We have particular experience supporting ${listOf(who.slice(0, 3))}.`);
  if (funding.includes('personal_budget') && faker.datatype.boolean(0.6)) {
    sentences.push('We are happy to work with people using a personal budget or direct payment.');
  }
  return sentences.slice(0, 4).join(' ');
}

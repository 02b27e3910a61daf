// Demo reviews for the published demo services: realistic texts, category scores, relationships and dates
// within 24 months of the reference date; a few pending, a few reported, one safeguarding concern, and
// provider replies. service_ratings is computed by the same domain function the API uses, as of the
// reference date, so `npm run ratings:rebuild` finds no differences on a fresh demo database.
import { Faker, base, en, en_GB } from '@faker-js/faker';
import {
  REVIEWER_RELATIONSHIPS,
  aggregateRatingGroup,
  categoriesFor,
  needsSafeguarding,
  precheckText,
  ratingGroupKey,
  type AggregatedReview,
  type CategoryScores,
  type ReviewCategory,
} from '@care-assist/domain';
import type { reviewFlags, reviewResponses, reviews } from '../schema/index.ts';
import { REFERENCE_DATE, type DemoData, type DemoUserRow, type RatingRow } from './generate.ts';

export type ReviewRow = typeof reviews.$inferInsert & { id: string };
export type ResponseRow = typeof reviewResponses.$inferInsert;
export type FlagRow = typeof reviewFlags.$inferInsert;

export interface DemoReviews {
  reviewers: DemoUserRow[];
  reviews: ReviewRow[];
  responses: ResponseRow[];
  flags: FlagRow[];
  ratings: RatingRow[];
}

const REVIEWER_COUNT = 80;
const DAY = 24 * 60 * 60 * 1000;

const OPENINGS: Record<'good' | 'mixed' | 'poor', string[]> = {
  good: [
    'We could not have asked for better support for Mum.',
    'The team have looked after my father for over a year now and we are very grateful.',
    'I was nervous about having carers in my home, but they put me at ease straight away.',
    'From the first assessment visit everything was explained clearly.',
  ],
  mixed: [
    'The carers themselves are lovely, but the organisation could be better.',
    'Mostly good care, with a few problems along the way.',
    'The day-to-day care is fine, though communication from the office is patchy.',
  ],
  poor: [
    'Sadly our experience has not been a good one.',
    'I would think carefully before choosing this service.',
    'We moved Dad to another provider after three months.',
  ],
};
const MIDDLES: Record<'good' | 'mixed' | 'poor', string[]> = {
  good: [
    'The carers are kind, patient and always treat her with dignity.',
    'Visits are on time and they always stay the full length of the call.',
    'The manager rings us every month to check everything is going well.',
    'The food is home-cooked and there is always something going on in the lounge.',
    'They noticed a change in his breathing and called the GP the same day.',
  ],
  mixed: [
    'Visits are sometimes late at weekends and nobody rings to say so.',
    'There have been a lot of different carers, which Dad finds confusing.',
    'When we raised a concern it was sorted, but it took a couple of weeks.',
    'The fees went up twice this year without much explanation.',
  ],
  poor: [
    'Calls were often cut short and the rota changed without warning.',
    'We had to chase the office many times before anyone rang back.',
    'Medication was missed twice and we only found out by checking the chart.',
    'The room was not cleaned properly and the laundry kept going missing.',
  ],
};
const CLOSINGS: Record<'good' | 'mixed' | 'poor', string[]> = {
  good: ['I would recommend them to anyone.', 'Thank you to the whole team.', 'Excellent value for the care we get.'],
  mixed: [
    'I hope things improve.',
    'Good carers let down by the office.',
    'Worth considering, but ask questions first.',
  ],
  poor: ['Not good enough for the price.', 'I have made a complaint to the manager.', 'Very disappointing.'],
};
const TITLES: Record<'good' | 'mixed' | 'poor', string[]> = {
  good: ['Kind and reliable carers', 'Excellent care for Mum', 'Could not ask for more', 'A real weight off our minds'],
  mixed: ['Good carers, poor organisation', 'Mixed experience', 'Some ups and downs'],
  poor: ['Disappointing', 'Missed calls and poor communication', 'Not what we were promised'],
};
const REPLIES = [
  'Thank you for taking the time to share your experience. We have passed your kind words to the team.',
  'We are sorry to read this. Our registered manager would like to talk to you; please ring the office.',
  'Thank you for your feedback. We have reviewed our weekend rota so that visits are on time.',
];

function mood(overall: number): 'good' | 'mixed' | 'poor' {
  return overall >= 4 ? 'good' : overall === 3 ? 'mixed' : 'poor';
}

export function generateDemoReviews(data: DemoData, seed: number): DemoReviews {
  const faker = new Faker({ locale: [en_GB, en, base] });
  faker.seed(seed + 6);
  const reviewers: DemoUserRow[] = Array.from({ length: REVIEWER_COUNT }, (_, i) => ({
    id: faker.string.uuid(),
    email: `reviewer${i + 1}@demo.care-assist.test`,
    displayName: `${faker.person.firstName()} ${faker.person.lastName()}`,
    role: 'resident' as const,
    createdAt: new Date(REFERENCE_DATE.getTime() - (760 - i) * DAY),
    updatedAt: new Date(REFERENCE_DATE.getTime() - (760 - i) * DAY),
  }));
  const demoOrgIds = new Set(data.members.map((m) => m.organisationId));
  const published = data.services.filter((s) => s.status === 'published');

  const reviewRows: ReviewRow[] = [];
  const responses: ResponseRow[] = [];
  const flags: FlagRow[] = [];
  let specialsLeft = { pending: 10, reported: 5, safeguarding: 1 };

  for (const service of published) {
    if (!faker.datatype.boolean(0.8)) continue;
    // Each service has its own standard, so the demo shows a spread of ratings.
    const quality = faker.number.float({ min: 2.2, max: 4.9 });
    const count = faker.number.int({ min: 1, max: 24 });
    const authors = faker.helpers.arrayElements(reviewers, count);
    const applicable = categoriesFor(service.careTypes);
    for (const author of authors) {
      const overall = Math.min(5, Math.max(1, Math.round(quality + faker.number.float({ min: -1.4, max: 1.2 }))));
      const categories: CategoryScores = {};
      for (const category of applicable) {
        categories[category] = faker.datatype.boolean(0.15)
          ? null
          : Math.min(5, Math.max(1, overall + faker.helpers.arrayElement([-1, 0, 0, 0, 1])));
      }
      if (applicable.filter((c) => typeof categories[c] === 'number').length * 2 < applicable.length) {
        for (const c of applicable) categories[c] ??= overall;
      }
      const writtenAt = new Date(REFERENCE_DATE.getTime() - faker.number.int({ min: 2, max: 720 }) * DAY);
      const periodEnd = new Date(writtenAt.getTime() - faker.number.int({ min: 0, max: 200 }) * DAY);
      const m = mood(overall);
      let body = [
        faker.helpers.arrayElement(OPENINGS[m]),
        ...faker.helpers.arrayElements(MIDDLES[m], { min: 1, max: 3 }),
        faker.helpers.arrayElement(CLOSINGS[m]),
      ].join(' ');
      let status: ReviewRow['status'] = 'published';
      const recent = REFERENCE_DATE.getTime() - writtenAt.getTime() < 20 * DAY;
      if (recent && specialsLeft.safeguarding > 0 && m === 'poor') {
        specialsLeft = { ...specialsLeft, safeguarding: 0 };
        status = 'pending';
        body += ' I am worried she is being neglected at night and found bruises on her arm.';
      } else if (recent && specialsLeft.pending > 0) {
        // The first pending review shows the moderators what a personal-details pre-check looks like.
        if (specialsLeft.pending === 10) body += ' Ring me on 07700 900461 if you want to know more.';
        specialsLeft = { ...specialsLeft, pending: specialsLeft.pending - 1 };
        status = 'pending';
      }
      const prechecks = status === 'pending' ? precheckText({ text: body }) : [];
      const id = faker.string.uuid();
      const row: ReviewRow = {
        id,
        serviceId: service.id,
        authorId: author.id,
        relationship: faker.helpers.weightedArrayElement(
          REVIEWER_RELATIONSHIPS.map((r) => ({ value: r, weight: r === 'family' ? 6 : r === 'self' ? 3 : 1 })),
        ),
        overall,
        qualityOfCare: categories.quality_of_care ?? null,
        dignityRespect: categories.dignity_respect ?? null,
        staff: categories.staff ?? null,
        reliability: categories.reliability ?? null,
        communication: categories.communication ?? null,
        valueForMoney: categories.value_for_money ?? null,
        cleanliness: categories.cleanliness ?? null,
        food: categories.food ?? null,
        activities: categories.activities ?? null,
        management: categories.management ?? null,
        periodMonth: periodEnd.getUTCMonth() + 1,
        periodYear: periodEnd.getUTCFullYear(),
        title: faker.helpers.arrayElement(TITLES[m]),
        body,
        consentAt: writtenAt,
        status,
        verified: faker.datatype.boolean(0.3),
        helpfulCount: status === 'published' ? faker.number.int({ min: 0, max: 12 }) : 0,
        prechecks,
        safeguarding: needsSafeguarding(prechecks),
        publishedAt: status === 'published' ? new Date(writtenAt.getTime() + DAY) : null,
        moderatedAt: status === 'published' ? new Date(writtenAt.getTime() + DAY) : null,
        createdAt: writtenAt,
        updatedAt: writtenAt,
      };
      reviewRows.push(row);
      if (status !== 'published') continue;
      const replyChance = demoOrgIds.has(service.organisationId) ? 0.7 : m === 'good' ? 0.2 : 0.5;
      if (faker.datatype.boolean(replyChance)) {
        const at = new Date(writtenAt.getTime() + 2 * DAY);
        const changed = m !== 'good' && faker.datatype.boolean(0.5);
        responses.push({
          reviewId: id,
          organisationId: service.organisationId,
          authorId: author.id, // replaced below with a member where the demo has one
          body: changed ? REPLIES[2]! : m === 'good' ? REPLIES[0]! : REPLIES[1]!,
          changePlanned: changed,
          changeMade: false,
          createdAt: at,
          updatedAt: at,
        });
      }
      if (specialsLeft.reported > 0 && faker.datatype.boolean(0.01)) {
        specialsLeft = { ...specialsLeft, reported: specialsLeft.reported - 1 };
        const reporter = faker.helpers.arrayElement(reviewers.filter((r) => r.id !== author.id));
        flags.push({
          reviewId: id,
          reporterId: reporter.id,
          reason: faker.helpers.arrayElement(['false', 'not_about_service', 'conflict_of_interest'] as const),
          note: 'I do not think this is a genuine review.',
          createdAt: new Date(writtenAt.getTime() + 3 * DAY),
        });
      }
    }
  }

  // Replies are written by someone in the organisation: the demo provider for its own, else the moderator
  // account stands in (other organisations have no seeded members).
  const memberOf = new Map(data.members.map((m) => [m.organisationId, m.userId]));
  const stand = data.users.find((u) => u.role === 'admin')!.id;
  const providerResponses = responses.map((r) => ({ ...r, authorId: memberOf.get(r.organisationId) ?? stand }));

  return {
    reviewers,
    reviews: reviewRows,
    responses: providerResponses,
    flags,
    ratings: demoRatings(data, reviewRows, providerResponses),
  };
}

/** service_ratings for every demo service, by the API's own group computation, as of the reference date. */
function demoRatings(data: DemoData, reviewRows: ReviewRow[], responses: ResponseRow[]): RatingRow[] {
  const responseOf = new Map(responses.map((r) => [r.reviewId, r]));
  const byService = new Map<string, AggregatedReview[]>();
  for (const r of reviewRows) {
    if (r.status !== 'published') continue;
    const response = responseOf.get(r.id);
    const categories: CategoryScores = {};
    const columns: [ReviewCategory, number | null | undefined][] = [
      ['quality_of_care', r.qualityOfCare],
      ['dignity_respect', r.dignityRespect],
      ['staff', r.staff],
      ['reliability', r.reliability],
      ['communication', r.communication],
      ['value_for_money', r.valueForMoney],
      ['cleanliness', r.cleanliness],
      ['food', r.food],
      ['activities', r.activities],
      ['management', r.management],
    ];
    for (const [category, value] of columns) if (typeof value === 'number') categories[category] = value;
    const list = byService.get(r.serviceId) ?? [];
    list.push({
      overall: r.overall,
      categories,
      writtenAt: r.createdAt!,
      verified: r.verified ?? false,
      answered: response !== undefined,
      changeReported: response !== undefined && (response.changePlanned === true || response.changeMade === true),
    });
    byService.set(r.serviceId, list);
  }
  const groups = new Map<string, DemoData['services']>();
  for (const s of data.services) {
    const key = ratingGroupKey(s.careTypes, s.county);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const rows: RatingRow[] = [];
  for (const members of groups.values()) {
    const aggregates = aggregateRatingGroup(
      members.map((s) => ({
        id: s.id,
        prices: {
          hour: s.pricePerHourPence ?? null,
          visit: s.pricePerVisitPence ?? null,
          night: s.pricePerNightPence ?? null,
          week: s.pricePerWeekPence ?? null,
        },
        reviews: byService.get(s.id) ?? [],
      })),
      REFERENCE_DATE,
    );
    for (const [serviceId, aggregate] of aggregates) {
      rows.push({ serviceId, ...aggregate, computedAt: REFERENCE_DATE, updatedAt: REFERENCE_DATE });
    }
  }
  return rows;
}

/** The phrases demo reviews are made of, for other generators (the benchmark data set) to reuse. */
export const REVIEW_PHRASES = {
  openings: OPENINGS,
  middles: MIDDLES,
  closings: CLOSINGS,
  titles: TITLES,
  replies: REPLIES,
};

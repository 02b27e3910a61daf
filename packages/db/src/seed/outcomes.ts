// Demo brokerage history and outcomes: bookings by the demo reviewers at every stage across many services,
// outcomes questionnaires answered by people and their carers over time (some getting better, some not),
// hours delivered, a few admissions and care the council arranged outside Care Assist. All of that is a function
// of the seed, dated against REFERENCE_DATE; outcomes-write.ts writes it, with anonymous daily page views and
// enquiries.
// One thing follows the real clock: the demo resident's own booking starts seven weeks before `now`, so her
// 6-week outcomes questionnaire is due whenever the demo is started (the API sends it on her first page).
import { Faker, base, en, en_GB } from '@faker-js/faker';
import {
  QUALITY_OF_LIFE_DOMAIN_CODES,
  addDays,
  bookingCarePeriod,
  reviewSchedule,
  type BookingStatus,
  type CareType,
} from '@care-assist/domain';
import {
  bookingCarers,
  bookingEvents,
  bookings,
  careAdmissions,
  councilCarePackages,
  deliveredCareHours,
  outcomeReviews,
} from '../schema/index.ts';
import { AT_HOME_CARE_TYPES } from './care.ts';
import type { DemoData, DemoUserRow, ServiceRow } from './generate.ts';
import { REFERENCE_DATE } from './generate.ts';
import { DEMO_PROVIDER_ORGANISATION } from './users.ts';

type BookingRow = typeof bookings.$inferInsert & { id: string; status: BookingStatus };
type EventRow = typeof bookingEvents.$inferInsert;
type ReviewRow = typeof outcomeReviews.$inferInsert;
type HoursRow = typeof deliveredCareHours.$inferInsert;
type AdmissionRow = typeof careAdmissions.$inferInsert;
type PackageRow = typeof councilCarePackages.$inferInsert & { id: string; startOn: string };
type CarerRow = typeof bookingCarers.$inferInsert;

export interface DemoOutcomes {
  bookings: BookingRow[];
  events: EventRow[];
  carers: CarerRow[];
  reviews: ReviewRow[];
  hours: HoursRow[];
  admissions: AdmissionRow[];
  packages: PackageRow[];
}

const DAY_MS = 86_400_000;
const FRAMEWORK_PROVIDERS = 8;
const PACKAGES_PER_FRAMEWORK_PROVIDER = 12;
export const REFERENCE_DAY = REFERENCE_DATE.toISOString().slice(0, 10);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const at = (isoDay: string, hour = 10) => new Date(`${isoDay}T${String(hour).padStart(2, '0')}:00:00Z`);
/** The Monday on or before a day. */
const mondayOf = (isoDay: string) => addDays(isoDay, -((new Date(`${isoDay}T00:00:00Z`).getUTCDay() + 6) % 7));
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(n)));

/** How many of the generated bookings are at each stage. */
const STAGES: [BookingStatus, number][] = [
  ['requested', 14],
  ['quoted', 12],
  ['declined', 7],
  ['accepted', 9],
  ['active', 34],
  ['completed', 40],
  ['cancelled', 9],
];

function weeklyPriceOf(service: ServiceRow, hoursPerWeek: number | null): number {
  if (hoursPerWeek && service.pricePerHourPence) return hoursPerWeek * service.pricePerHourPence;
  if (service.pricePerWeekPence) return service.pricePerWeekPence;
  if (service.pricePerNightPence) return 7 * service.pricePerNightPence;
  return 25_000;
}

export function generateDemoOutcomes(
  data: DemoData,
  reviewers: readonly DemoUserRow[],
  seed: number,
  now: Date,
): DemoOutcomes {
  const faker = new Faker({ locale: [en_GB, en, base] });
  faker.seed(seed + 11);
  const uuid = () => faker.string.uuid();
  const out: DemoOutcomes = {
    bookings: [],
    events: [],
    carers: [],
    reviews: [],
    hours: [],
    admissions: [],
    packages: [],
  };
  const published = data.services.filter((s) => s.status === 'published');
  const demoOrg = data.organisations.find((o) => o.name === DEMO_PROVIDER_ORGANISATION)!;
  const demoServices = published.filter((s) => s.organisationId === demoOrg.id);
  const providerUser = data.users.find((u) => u.email === 'provider@demo.care-assist.test')!;
  const admin = data.users.find((u) => u.email === 'admin@demo.care-assist.test')!;
  const resident = data.users.find((u) => u.email === 'resident@demo.care-assist.test')!;

  /** Answers at successive review points follow a trend: some people's lives get better, some worse. */
  function answerSeries(
    bookingOrPackage: { bookingId?: string; carePackageId?: string },
    points: ReturnType<typeof reviewSchedule>,
    withCarer: { userId: string | null } | null,
    person: string | null,
    recordedBy: string,
  ) {
    const base = faker.number.float({ min: 1.8, max: 4.6 });
    const trend = faker.helpers.arrayElement([0.45, 0.3, 0, 0, -0.3]);
    points.forEach((point, i) => {
      const level = base + trend * i;
      const respondents: ['person' | 'carer', number][] = [['person', 0.8]];
      if (withCarer) respondents.push(['carer', 0.65]);
      for (const [respondent, chance] of respondents) {
        if (!faker.datatype.boolean(chance)) continue;
        const domain = () =>
          faker.datatype.boolean(0.06) ? null : clamp(level - 2 + faker.number.float({ min: -0.9, max: 0.9 }), 0, 3);
        const scores = Object.fromEntries(QUALITY_OF_LIFE_DOMAIN_CODES.map((d) => [d, domain()]));
        const submitted = new Date(at(point.dueOn).getTime() + faker.number.int({ min: 0, max: 12 }) * DAY_MS);
        out.reviews.push({
          ...bookingOrPackage,
          reviewPoint: point.key,
          dueOn: point.dueOn,
          respondent,
          respondentUserId: respondent === 'carer' ? (withCarer?.userId ?? null) : person,
          recordedBy: respondent === 'carer' ? (withCarer?.userId ?? recordedBy) : (person ?? recordedBy),
          satisfaction: clamp(level + faker.number.float({ min: -0.8, max: 0.8 }), 1, 5),
          controlScore: scores.control ?? null,
          personalCareScore: scores.personal_care ?? null,
          safetyScore: scores.safety ?? null,
          socialContactScore: scores.social_contact ?? null,
          occupationScore: scores.occupation ?? null,
          carerSatisfaction:
            respondent === 'carer' ? clamp(level + faker.number.float({ min: -1, max: 0.6 }), 1, 5) : null,
          carerStrain:
            respondent === 'carer'
              ? faker.datatype.boolean(0.08)
                ? null
                : clamp(2.6 - level / 2 + faker.number.float({ min: -0.5, max: 0.5 }), 0, 2)
              : null,
          submittedAt: submitted > REFERENCE_DATE ? REFERENCE_DATE : submitted,
        });
      }
    });
  }

  function addBooking(options: {
    requester: DemoUserRow;
    service: ServiceRow;
    status: BookingStatus;
    startOn: string;
    durationWeeks: number;
    requestedOn: string;
    carer: DemoUserRow | null;
    endedOn?: string;
    /** Outcomes and hours are generated up to this day. */
    until: string;
  }) {
    const { requester, service, status, startOn, durationWeeks, requestedOn, carer, until } = options;
    const careType = faker.helpers.arrayElement<CareType>(service.careTypes);
    const atHome = AT_HOME_CARE_TYPES.includes(careType);
    const hoursPerWeek = atHome ? faker.helpers.arrayElement([3, 5, 7, 10, 14, 21]) : null;
    const id = uuid();
    const quoted = status !== 'requested' && status !== 'declined';
    const quotedOn = addDays(requestedOn, faker.number.int({ min: 1, max: 4 }));
    out.bookings.push({
      id,
      requesterId: requester.id,
      serviceId: service.id,
      funding: quoted && status !== 'quoted' ? 'self_funded' : null,
      careType,
      hoursPerWeek,
      nightsPerWeek: atHome ? null : 7,
      startDate: startOn,
      durationWeeks,
      notes: faker.helpers.arrayElement([
        'Help with getting up, washing and dressing.',
        'Company and a hot lunch on weekdays; my mother lives alone.',
        'Support after a stay in hospital, until I am steadier on my feet.',
        'Short breaks so that my husband can rest.',
        '',
      ]),
      status,
      quoteWeeklyPence: quoted ? weeklyPriceOf(service, hoursPerWeek) : null,
      quoteStartDate: quoted ? startOn : null,
      quoteTerms: quoted ? 'Four weeks notice either way.' : null,
      quotedAt: quoted ? at(quotedOn, 11) : null,
      declineReason: status === 'declined' ? 'We have no carers free in that area at the moment.' : null,
      createdAt: at(requestedOn, 9),
      updatedAt: at(options.endedOn ?? (quoted ? quotedOn : requestedOn), 12),
    });
    const path: [BookingStatus | null, BookingStatus, string, string][] = [
      [null, 'requested', requester.id, requestedOn],
    ];
    if (status === 'declined') path.push(['requested', 'declined', providerUser.id, quotedOn]);
    if (quoted) path.push(['requested', 'quoted', providerUser.id, quotedOn]);
    if (['accepted', 'active', 'completed', 'cancelled'].includes(status))
      path.push(['quoted', 'accepted', requester.id, addDays(quotedOn, 1)]);
    if (['active', 'completed', 'cancelled'].includes(status))
      path.push(['accepted', 'active', providerUser.id, startOn]);
    if (status === 'completed' || status === 'cancelled')
      path.push(['active', status, status === 'completed' ? providerUser.id : requester.id, options.endedOn!]);
    for (const [fromStatus, toStatus, actorId, day] of path) {
      out.events.push({ bookingId: id, fromStatus, toStatus, actorId, note: '', at: at(day, 12) });
    }
    if (carer)
      out.carers.push({ bookingId: id, carerUserId: carer.id, namedBy: requester.id, createdAt: at(requestedOn) });

    if (status !== 'active' && status !== 'completed') return id;
    const period = bookingCarePeriod({
      startDate: startOn,
      quoteStartDate: startOn,
      durationWeeks,
      endedOn: options.endedOn ?? null,
    });
    const points = reviewSchedule(period).filter((p) => p.dueOn < until);
    answerSeries({ bookingId: id }, points, carer ? { userId: carer.id } : null, requester.id, requester.id);
    if (hoursPerWeek) {
      for (
        let week = mondayOf(period.startOn);
        week <= period.endOn! && week < mondayOf(until);
        week = addDays(week, 7)
      ) {
        if (!faker.datatype.boolean(0.85)) continue; // not every week gets recorded
        const missed = faker.datatype.boolean(0.2) ? faker.number.int({ min: 1, max: Math.min(4, hoursPerWeek) }) : 0;
        out.hours.push({
          bookingId: id,
          weekStarting: week,
          hours: hoursPerWeek - missed,
          recordedBy: providerUser.id,
          createdAt: at(addDays(week, 7)),
          updatedAt: at(addDays(week, 7)),
        });
      }
    }
    return id;
  }

  // Bookings by the demo reviewers at every stage, a fifth of them with the demo provider.
  let n = 0;
  for (const [status, count] of STAGES) {
    for (let i = 0; i < count; i++, n++) {
      const service =
        n % 5 === 0 && demoServices.length
          ? demoServices[n % demoServices.length]!
          : faker.helpers.arrayElement(published);
      const requester = reviewers[n % reviewers.length]!;
      const carer = faker.datatype.boolean(0.5) ? reviewers[(n * 7 + 3) % reviewers.length]! : null;
      const durationWeeks = faker.helpers.arrayElement([8, 12, 26, 52]);
      let startOn: string;
      let endedOn: string | undefined;
      if (status === 'active') {
        // Started, not yet over on the reference date.
        const weeksIn = faker.number.int({ min: 2, max: durationWeeks - 1 });
        startOn = addDays(REFERENCE_DAY, -weeksIn * 7 - faker.number.int({ min: 0, max: 6 }));
      } else if (status === 'completed' || status === 'cancelled') {
        startOn = addDays(REFERENCE_DAY, -faker.number.int({ min: durationWeeks * 7 + 7, max: 640 }));
        const plannedEnd = addDays(startOn, durationWeeks * 7 - 1);
        endedOn =
          status === 'cancelled'
            ? addDays(startOn, faker.number.int({ min: 5, max: durationWeeks * 7 - 2 }))
            : faker.datatype.boolean(0.8)
              ? plannedEnd
              : addDays(plannedEnd, -faker.number.int({ min: 7, max: 30 }));
      } else {
        startOn = addDays(REFERENCE_DAY, faker.number.int({ min: 7, max: 45 }));
      }
      const requestedOn = addDays(
        status === 'requested' || status === 'quoted' || status === 'declined' || status === 'accepted'
          ? REFERENCE_DAY
          : startOn,
        -faker.number.int({ min: 6, max: 20 }),
      );
      addBooking({
        requester,
        service,
        status,
        startOn,
        durationWeeks,
        requestedOn,
        carer,
        endedOn,
        until: REFERENCE_DAY,
      });
    }
  }

  // The demo resident's own care, clock-relative: started on a Monday seven weeks ago, so her 6-week
  // questionnaire is open; her carer (the demo reviewer "reviewer1") is asked too.
  const today = dayOf(now);
  const residentStart = mondayOf(addDays(today, -49));
  const residentService = demoServices.filter((s) => s.careTypes.includes('home_care'))[1] ?? demoServices[0]!;
  const residentBooking = addBooking({
    requester: resident,
    service: residentService,
    status: 'active',
    startOn: residentStart,
    durationWeeks: 26,
    requestedOn: addDays(residentStart, -12),
    carer: reviewers[0]!,
    until: addDays(residentStart, 42), // nothing answered yet: her first questionnaire is the one due now
  });
  const mine = out.bookings.find((b) => b.id === residentBooking)!;
  mine.careType = 'home_care';
  mine.hoursPerWeek = 7;
  mine.nightsPerWeek = null;
  mine.quoteWeeklyPence = 7 * (residentService.pricePerHourPence ?? 2_800);
  mine.notes = 'Help getting up and dressed on weekday mornings; my daughter helps at weekends.';
  mine.funding = 'self_funded';
  out.reviews = out.reviews.filter((r) => r.bookingId !== residentBooking);
  out.hours = out.hours.filter((h) => h.bookingId !== residentBooking || h.weekStarting < mondayOf(today));

  // A few admissions during started care.
  const started = out.bookings.filter(
    (b) => (b.status === 'active' || b.status === 'completed') && b.id !== residentBooking,
  );
  for (const booking of faker.helpers.arrayElements(started, 9)) {
    const offset = faker.number.int({ min: 10, max: booking.durationWeeks * 7 - 3 });
    const admittedOn = addDays(booking.startDate, offset);
    if (admittedOn > REFERENCE_DAY) continue;
    out.admissions.push({
      bookingId: booking.id,
      kind: faker.datatype.boolean(0.75) ? 'hospital' : 'residential_care',
      admittedOn,
      recordedBy: admin.id,
      createdAt: at(addDays(admittedOn, 3)),
    });
  }

  // Care the council arranged directly with providers, recorded by the demo admin with its outcomes. Councils
  // commission most of it from a few framework providers (of every sector), 12 people each, so the outcomes
  // view can compare providers against the area with 5 or more people behind each figure.
  const frameworkProviders = faker.helpers.arrayElements(
    data.organisations.filter((o) => published.some((s) => s.organisationId === o.id)),
    FRAMEWORK_PROVIDERS,
  );
  for (let i = 0; i < FRAMEWORK_PROVIDERS * PACKAGES_PER_FRAMEWORK_PROVIDER; i++) {
    const provider = frameworkProviders[i % frameworkProviders.length]!;
    const service = faker.helpers.arrayElement(published.filter((s) => s.organisationId === provider.id));
    const careType = faker.helpers.arrayElement<CareType>(service.careTypes);
    const startOn = addDays(REFERENCE_DAY, -faker.number.int({ min: 60, max: 540 }));
    const ended = faker.datatype.boolean(0.35);
    const endOn = ended ? addDays(startOn, faker.number.int({ min: 50, max: 300 })) : null;
    const pkg: PackageRow = {
      id: uuid(),
      personReference: `ASC-${200_000 + faker.number.int({ min: 1, max: 99_999 })}`,
      serviceId: service.id,
      careType,
      hoursPerWeek: AT_HOME_CARE_TYPES.includes(careType) ? faker.helpers.arrayElement([4, 7, 10.5, 14]) : null,
      startOn,
      endOn: endOn && endOn < REFERENCE_DAY ? endOn : null,
      createdBy: admin.id,
      createdAt: at(startOn),
      updatedAt: at(startOn),
    };
    out.packages.push(pkg);
    const points = reviewSchedule({ startOn, endOn: pkg.endOn ?? null }, pkg.endOn ? undefined : REFERENCE_DAY);
    answerSeries(
      { carePackageId: pkg.id },
      points,
      faker.datatype.boolean(0.4) ? { userId: null } : null,
      null,
      admin.id,
    );
    if (faker.datatype.boolean(0.2)) {
      out.admissions.push({
        carePackageId: pkg.id,
        kind: faker.datatype.boolean(0.6) ? 'hospital' : 'residential_care',
        admittedOn: addDays(startOn, faker.number.int({ min: 14, max: 50 })),
        recordedBy: admin.id,
        createdAt: at(addDays(startOn, 55)),
      });
    }
  }

  return out;
}

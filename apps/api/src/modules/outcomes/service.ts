// Outcomes questionnaires for care booked here. At each review point of a started booking the person receiving
// care (the booking's requester, who may act for them) and, when named, their main unpaid carer get an in-app
// notification linking to a short questionnaire. Requests are recorded once per booking, point and respondent
// (unique index), so the scheduled sweep and the on-demand check can both run, any number of times, in any
// number of processes, and each notification is created exactly once. Each respondent answers once per point.
import {
  bookingCarePeriod,
  findReviewPoint,
  openReviewPoint,
  reviewPointLabel,
  type BookingCarer,
  type NameCarerBody,
  type OutcomeAnswers,
  type OutcomeQuestionnaire,
  type OutcomeRespondent,
  type OutcomeReview,
  type Page,
  type PageRequest,
  pageOfAll,
} from '@care-assist/domain';
import type { Database } from '@care-assist/db';
import { Conflict, NotFound, Unauthorised, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { NotificationService } from '../notifications/service.ts';
import { answerColumns, checkRespondentAnswers, presentReview, sameAnswers } from './answers.ts';
import { requestKey, type OutcomeBooking, type OutcomeRepository } from './repository.ts';

interface OutcomeDeps {
  db: Database;
  outcomes: OutcomeRepository;
  notifications: NotificationService;
  clock: () => Date;
}

export function periodOf(booking: OutcomeBooking) {
  return bookingCarePeriod({
    startDate: booking.startDate,
    quoteStartDate: booking.quoteStartDate,
    durationWeeks: booking.durationWeeks,
    endedOn: booking.endedOn,
  });
}

/** The respondent role of a user on a booking, or null when they are neither the person nor the carer. */
function respondentOf(booking: OutcomeBooking, userId: string): OutcomeRespondent | null {
  if (booking.requesterId === userId) return 'person';
  if (booking.carerUserId === userId) return 'carer';
  return null;
}

export function createOutcomeService({ db, outcomes, notifications, clock }: OutcomeDeps) {
  const today = () => clock().toISOString().slice(0, 10);

  /** Creates the missing requests (and their notifications) for the open point of each booking given. */
  async function requestDue(bookingList: OutcomeBooking[], onlyUserId?: string): Promise<number> {
    let created = 0;
    // Read first: once a request exists (the usual case), checking costs no write.
    const requested = await outcomes.requestedKeys(bookingList.map((booking) => booking.id));
    for (const booking of bookingList) {
      const point = openReviewPoint(periodOf(booking), today());
      if (!point) continue;
      const respondents: [OutcomeRespondent, string | null][] = [
        ['person', booking.requesterId],
        ['carer', booking.carerUserId],
      ];
      for (const [respondent, userId] of respondents) {
        if (!userId || (onlyUserId && userId !== onlyUserId)) continue;
        if (requested.has(requestKey(booking.id, point.key, respondent))) continue;
        await db.transaction(async (tx) => {
          if (await outcomes.findBookingReview(booking.id, point.key, respondent, tx)) return;
          const request = await outcomes.insertRequest(
            {
              bookingId: booking.id,
              reviewPoint: point.key,
              respondent,
              userId,
              dueOn: point.dueOn,
              createdAt: clock(),
            },
            tx,
          );
          if (!request) return;
          const about = respondent === 'carer' ? 'the care of the person you look after' : 'your care';
          const [notification] = await notifications.notifyReturning(tx, userId, {
            kind: 'outcome_review_due',
            text: `How is ${about} from ${booking.serviceName} going? Answer a few questions (${reviewPointLabel(point.key)}).`,
            link: `/outcomes/${booking.id}/${point.key}`,
          });
          if (notification) await outcomes.setRequestNotification(request.id, notification.id, tx);
          created++;
        });
      }
    }
    return created;
  }

  async function loadForRespondent(actor: Actor | null, bookingId: string) {
    if (!actor) throw new Unauthorised();
    const booking = await outcomes.findBooking(bookingId);
    const respondent = booking ? respondentOf(booking, actor.userId) : null;
    if (!booking || !respondent) throw new NotFound('There is no such booking.');
    return { booking, respondent };
  }

  function questionnaire(
    booking: OutcomeBooking,
    respondent: OutcomeRespondent,
    point: { key: string; dueOn: string },
    answer: OutcomeReview | null,
  ): OutcomeQuestionnaire {
    return {
      bookingId: booking.id,
      serviceName: booking.serviceName,
      organisationName: booking.organisationName,
      reviewPoint: point.key,
      reviewPointLabel: reviewPointLabel(point.key),
      dueOn: point.dueOn,
      respondent,
      open: openReviewPoint(periodOf(booking), today())?.key === point.key,
      answer,
    };
  }

  return {
    /** The scheduled sweep over every started booking; returns how many requests it sent. */
    sendDueRequests: async () => requestDue(await outcomes.allReviewableBookings()),

    /** The on-demand check (run when someone loads their notifications): sends their due requests. */
    async sendDueFor(actor: Actor | null): Promise<number> {
      if (!actor || actor.role !== 'resident') return 0;
      return requestDue(await outcomes.reviewableBookingsOf(actor.userId), actor.userId);
    },

    /**
     * The questionnaires open for the signed-in person now (answered or not), after sending any that have
     * come due: the on-demand check, so a request never waits for the next sweep.
     */
    /** A person has a handful of open questionnaires (one per current booking): built in memory, then paged. */
    async due(actor: Actor | null, page: PageRequest): Promise<Page<OutcomeQuestionnaire>> {
      if (!actor) throw new Unauthorised();
      const mine = await outcomes.reviewableBookingsOf(actor.userId);
      await requestDue(mine, actor.userId);
      const open: OutcomeQuestionnaire[] = [];
      for (const booking of mine) {
        const point = openReviewPoint(periodOf(booking), today());
        const respondent = respondentOf(booking, actor.userId);
        if (!point || !respondent) continue;
        const answered = await outcomes.findBookingReview(booking.id, point.key, respondent);
        open.push(questionnaire(booking, respondent, point, answered ? presentReview(answered) : null));
      }
      return pageOfAll(open, page);
    },

    async get(actor: Actor | null, bookingId: string, reviewPoint: string): Promise<OutcomeQuestionnaire> {
      const { booking, respondent } = await loadForRespondent(actor, bookingId);
      const point = findReviewPoint(periodOf(booking), reviewPoint, today());
      if (!point) throw new NotFound('This booking has no review at that point (yet).');
      const answered = await outcomes.findBookingReview(booking.id, point.key, respondent);
      return questionnaire(booking, respondent, point, answered ? presentReview(answered) : null);
    },

    /**
     * Records the answers once. A resubmission with the same answers (a retry, a double click, two tabs)
     * returns the stored answer with created=false; different answers for an answered point are a 409.
     */
    async submit(
      actor: Actor | null,
      bookingId: string,
      reviewPoint: string,
      answers: OutcomeAnswers,
    ): Promise<{ review: OutcomeReview; created: boolean }> {
      const { booking, respondent } = await loadForRespondent(actor, bookingId);
      checkRespondentAnswers(respondent, answers);
      const period = periodOf(booking);
      const point = findReviewPoint(period, reviewPoint, today());
      if (!point) throw new NotFound('This booking has no review at that point (yet).');
      const existing = await outcomes.findBookingReview(booking.id, point.key, respondent);
      if (!existing && openReviewPoint(period, today())?.key !== point.key) {
        throw new Conflict('This review has closed; you will be asked again at the next review point.');
      }
      const inserted = existing
        ? undefined
        : await outcomes.insertReview({
            bookingId: booking.id,
            reviewPoint: point.key,
            dueOn: point.dueOn,
            respondent,
            respondentUserId: actor!.userId,
            recordedBy: actor!.userId,
            ...answerColumns(respondent, answers),
            submittedAt: clock(),
          });
      if (inserted) return { review: presentReview(inserted), created: true };
      // Someone (this person, in another request) answered first: same answers are a retry, others a conflict.
      const stored = existing ?? (await outcomes.findBookingReview(booking.id, point.key, respondent))!;
      if (!sameAnswers(stored, respondent, answers)) {
        throw new Conflict('You have already answered this review; answers cannot be changed.');
      }
      return { review: presentReview(stored), created: false };
    },

    /**
     * The requester names their main unpaid carer by the email of the carer's Care Assist account (a
     * resident account). The carer is asked at the review points from then on.
     */
    async nameCarer(actor: Actor | null, bookingId: string, body: NameCarerBody): Promise<BookingCarer> {
      if (!actor) throw new Unauthorised();
      const booking = await outcomes.findBooking(bookingId);
      // Anyone but the requester gets 404, so the booking's existence is not revealed.
      if (!booking || booking.requesterId !== actor.userId) throw new NotFound('There is no such booking.');
      if (['cancelled', 'declined', 'completed'].includes(booking.status)) {
        throw new Conflict('This booking has ended, so a carer can no longer be named.');
      }
      const carer = await outcomes.findUserByEmail(body.email);
      if (!carer || carer.disabledAt || carer.role !== 'resident') {
        throw new ValidationFailed('There is no resident account with that email address.', [
          { field: 'email', message: 'Ask your carer to create a Care Assist account with this email first' },
        ]);
      }
      if (carer.id === actor.userId) {
        throw new ValidationFailed('You cannot be your own carer.', [
          { field: 'email', message: "Enter your carer's email, not yours" },
        ]);
      }
      await outcomes.setCarer(booking.id, carer.id, actor.userId, clock());
      const named = await outcomes.carerOf(booking.id);
      return { bookingId: booking.id, carerName: named!.carerName };
    },

    async removeCarer(actor: Actor | null, bookingId: string): Promise<void> {
      if (!actor) throw new Unauthorised();
      const booking = await outcomes.findBooking(bookingId);
      if (!booking || booking.requesterId !== actor.userId) throw new NotFound('There is no such booking.');
      await outcomes.removeCarer(booking.id);
    },
  };
}
export type OutcomeService = ReturnType<typeof createOutcomeService>;

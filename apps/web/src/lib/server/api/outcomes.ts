// Outcomes (issue 10): a booking's questionnaires, carer, delivered hours and admissions, and council-arranged
// care packages with what council staff record about them.
import type {
  Admission,
  AdmissionBody,
  BookingCarer,
  BookingOutcomes,
  CarePackage,
  CarePackageBody,
  CarePackageDetail,
  CarePackageOutcomeBody,
  DeliveredHoursBody,
  DeliveredWeek,
  NameCarerBody,
  OutcomeAnswers,
  OutcomeQuestionnaire,
  OutcomeReview,
  OutcomeTotals,
  Page,
} from '@care-assist/domain';
import { request } from './client';

const booking = (id: string) => `/bookings/${encodeURIComponent(id)}`;
const carePackage = (id: string) => `/council/care-packages/${encodeURIComponent(id)}`;
const questionnaire = (bookingId: string, reviewPoint: string) =>
  `${booking(bookingId)}/outcomes/${encodeURIComponent(reviewPoint)}`;

export const outcomesApi = {
  outcomeQuestionnaire: (accessToken: string, bookingId: string, reviewPoint: string) =>
    request<OutcomeQuestionnaire>(questionnaire(bookingId, reviewPoint), { accessToken }),

  answerQuestionnaire: (accessToken: string, bookingId: string, reviewPoint: string, body: OutcomeAnswers) =>
    request<OutcomeReview>(questionnaire(bookingId, reviewPoint), { method: 'POST', body, accessToken }),

  bookingOutcomes: (accessToken: string, bookingId: string) =>
    request<BookingOutcomes>(`${booking(bookingId)}/outcomes`, { accessToken }),

  nameCarer: (accessToken: string, bookingId: string, body: NameCarerBody) =>
    request<BookingCarer>(`${booking(bookingId)}/carer`, { method: 'PUT', body, accessToken }),

  recordDeliveredHours: (accessToken: string, bookingId: string, weekStarting: string, body: DeliveredHoursBody) =>
    request<DeliveredWeek>(`${booking(bookingId)}/delivered-hours/${encodeURIComponent(weekStarting)}`, {
      method: 'PUT',
      body,
      accessToken,
    }),

  recordBookingAdmission: (accessToken: string, bookingId: string, body: AdmissionBody) =>
    request<Admission>(`${booking(bookingId)}/admissions`, { method: 'POST', body, accessToken }),

  outcomeTotals: (accessToken: string) => request<OutcomeTotals>('/council/outcomes', { accessToken }),

  carePackages: (accessToken: string, paging: { page?: string }) =>
    request<Page<CarePackage>>('/council/care-packages', { query: paging, accessToken }),

  recordCarePackage: (accessToken: string, body: CarePackageBody) =>
    request<CarePackage>('/council/care-packages', { method: 'POST', body, accessToken }),

  carePackage: (accessToken: string, id: string) => request<CarePackageDetail>(carePackage(id), { accessToken }),

  recordCarePackageOutcome: (accessToken: string, id: string, body: CarePackageOutcomeBody) =>
    request<OutcomeReview>(`${carePackage(id)}/outcomes`, { method: 'POST', body, accessToken }),

  recordCarePackageAdmission: (accessToken: string, id: string, body: AdmissionBody) =>
    request<Admission>(`${carePackage(id)}/admissions`, { method: 'POST', body, accessToken }),
};

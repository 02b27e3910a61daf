// Reviews and questions: reading and writing them, a provider's replies, and the people who flag them.
import type {
  EditReviewBody,
  MyReview,
  Page,
  PublicQuestion,
  PublicReview,
  ReplyBody,
  ReportBody,
  ReviewPage,
  SubmitReviewBody,
} from '@care-assist/domain';
import { request } from './client';

export const reviewsApi = {
  serviceReviews: (idOrSlug: string, query: Record<string, string | undefined>, fetchFn?: typeof fetch) =>
    request<ReviewPage>(`/services/${encodeURIComponent(idOrSlug)}/reviews`, { query, fetch: fetchFn }),

  submitReview: (accessToken: string | null, body: SubmitReviewBody, deviceId?: string) =>
    request<MyReview>('/reviews', {
      method: 'POST',
      body,
      accessToken,
      ...(deviceId ? { headers: { 'x-device-id': deviceId } } : {}),
    }),

  myReviews: (accessToken: string | null, paging: { page?: string; per_page?: string }) =>
    request<Page<MyReview>>('/reviews/mine', { query: paging, accessToken }),

  editReview: (accessToken: string | null, id: string, body: EditReviewBody) =>
    request<MyReview>(`/reviews/${encodeURIComponent(id)}`, { method: 'PUT', body, accessToken }),

  withdrawReview: (accessToken: string | null, id: string) =>
    request<MyReview>(`/reviews/${encodeURIComponent(id)}/withdraw`, { method: 'POST', accessToken }),

  markHelpful: (accessToken: string | null, id: string) =>
    request<{ helpfulCount: number }>(`/reviews/${encodeURIComponent(id)}/helpful`, { method: 'POST', accessToken }),

  reportReview: (accessToken: string | null, id: string, body: ReportBody) =>
    request<{ received: boolean }>(`/reviews/${encodeURIComponent(id)}/reports`, { method: 'POST', body, accessToken }),

  providerReviews: (accessToken: string | null, paging: { page?: string }) =>
    request<Page<MyReview>>('/reviews/for-my-services', { query: paging, accessToken }),

  replyToReview: (accessToken: string | null, id: string, body: ReplyBody) =>
    request<PublicReview>(`/reviews/${encodeURIComponent(id)}/response`, { method: 'POST', body, accessToken }),

  verifyReview: (accessToken: string | null, id: string) =>
    request<PublicReview>(`/reviews/${encodeURIComponent(id)}/verify`, { method: 'POST', accessToken }),

  serviceQuestions: (idOrSlug: string) =>
    request<Page<PublicQuestion>>(`/services/${encodeURIComponent(idOrSlug)}/questions`, { query: { per_page: '50' } }),

  askQuestion: (accessToken: string | null, idOrSlug: string, body: string) =>
    request<PublicQuestion>(`/services/${encodeURIComponent(idOrSlug)}/questions`, {
      method: 'POST',
      body: { body },
      accessToken,
    }),

  answerQuestion: (accessToken: string | null, questionId: string, body: string) =>
    request<{ id: string }>(`/questions/${encodeURIComponent(questionId)}/answers`, {
      method: 'POST',
      body: { body },
      accessToken,
    }),
};

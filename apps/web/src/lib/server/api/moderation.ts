// Moderators' and council staff's queues and decisions: reviews, suspected bursts, questions and answers,
// listings waiting for verification, organisation claims, and the audit log.
import type {
  AuditEntry,
  ContactWriterBody,
  EscalateBody,
  ModerationDecision,
  ModerationDecisionBody,
  ModerationQueue,
  ModerationReview,
  Organisation,
  OrganisationClaim,
  Page,
  PendingText,
  ProviderListing,
  ReviewGroup,
  ReviewGroupDecisionBody,
  TextDecisionBody,
  VerificationQueue,
} from '@care-assist/domain';
import { request } from './client';

export const moderationApi = {
  questionQueue: (accessToken: string | null, paging: { page?: string }) =>
    request<Page<PendingText>>('/moderation/questions', { query: paging, accessToken }),

  moderateText: (accessToken: string | null, kind: 'question' | 'answer', id: string, body: TextDecisionBody) =>
    request<{ id: string; status: string }>(`/moderation/${kind}s/${encodeURIComponent(id)}/decision`, {
      method: 'POST',
      body,
      accessToken,
    }),

  auditLog: (
    accessToken: string | null,
    filter: { targetType?: string; action?: string; actorId?: string; targetId?: string; page?: string },
  ) =>
    request<Page<AuditEntry>>('/moderation/audit', {
      query: {
        target_type: filter.targetType || undefined,
        action: filter.action || undefined,
        actor_id: filter.actorId || undefined,
        target_id: filter.targetId || undefined,
        page: filter.page,
      },
      accessToken,
    }),

  moderationQueue: (accessToken: string | null, queue: ModerationQueue, paging: { page?: string }) =>
    request<Page<ModerationReview>>('/moderation/reviews', { query: { queue, ...paging }, accessToken }),

  /** Open suspected bursts: few at a time (each is one decision), so the first 100 are shown with the total. */
  reviewGroups: (accessToken: string | null) =>
    request<Page<ReviewGroup>>('/moderation/review-groups', { query: { per_page: '100' }, accessToken }),

  decideReviewGroup: (accessToken: string | null, id: string, body: ReviewGroupDecisionBody) =>
    request<ReviewGroup>(`/moderation/review-groups/${encodeURIComponent(id)}/decision`, {
      method: 'POST',
      body,
      accessToken,
    }),

  escalateReview: (accessToken: string | null, id: string, body: EscalateBody) =>
    request<ModerationReview>(`/moderation/reviews/${encodeURIComponent(id)}/escalate`, {
      method: 'POST',
      body,
      accessToken,
    }),

  contactReviewWriter: (accessToken: string | null, id: string, body: ContactWriterBody) =>
    request<ModerationReview>(`/moderation/reviews/${encodeURIComponent(id)}/contact-writer`, {
      method: 'POST',
      body,
      accessToken,
    }),

  moderateReview: (accessToken: string | null, id: string, body: ModerationDecisionBody) =>
    request<ModerationReview>(`/moderation/reviews/${encodeURIComponent(id)}/decision`, {
      method: 'POST',
      body,
      accessToken,
    }),

  verificationQueue: (accessToken: string, status: string) =>
    request<VerificationQueue>('/moderation/services', { query: { status }, accessToken }),

  moderateListing: (
    accessToken: string,
    id: string,
    action: 'publish' | 'reject' | 'suspend',
    body: Partial<ModerationDecision>,
  ) =>
    request<ProviderListing>(`/moderation/services/${encodeURIComponent(id)}/${action}`, {
      method: 'POST',
      body,
      accessToken,
    }),

  organisationClaims: (accessToken: string, paging: { page?: string } = {}) =>
    request<Page<OrganisationClaim>>('/moderation/claims', { query: paging, accessToken }),

  decideClaim: (accessToken: string, id: string, action: 'approve' | 'reject', body: Partial<ModerationDecision>) =>
    request<OrganisationClaim>(`/moderation/claims/${encodeURIComponent(id)}/${action}`, {
      method: 'POST',
      body,
      accessToken,
    }),

  verifyOrganisation: (accessToken: string, id: string, note?: string) =>
    request<Organisation>(`/moderation/organisations/${encodeURIComponent(id)}/verify`, {
      method: 'POST',
      body: note ? { note } : {},
      accessToken,
    }),
};

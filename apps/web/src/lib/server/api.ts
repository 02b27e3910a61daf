// The one client the web server uses to talk to the Care Assist API.
// It turns problem+json answers into typed results, and an API that cannot be reached into a friendly 503.
import { env } from '$env/dynamic/private';
import { error } from '@sveltejs/kit';
import { requestContext } from './request-context';
import type {
  AuditEntry,
  Page,
  AuthResponse,
  ClaimSearchResponse,
  ContactWriterBody,
  EditReviewBody,
  EscalateBody,
  Invitation,
  ListingCreate,
  ListingEditResult,
  ListingPatch,
  MembersResponse,
  ModerationDecision,
  ModerationDecisionBody,
  ReviewGroup,
  ReviewGroupDecisionBody,
  ModerationQueue,
  ModerationReview,
  MyClaimsResponse,
  MyReview,
  Organisation,
  OrganisationClaim,
  OrganisationBody,
  PendingText,
  Problem,
  ProviderListing,
  PublicQuestion,
  PublicReview,
  ReplyBody,
  ReportBody,
  ReviewPage,
  SearchResponse,
  ServiceDetail,
  ServicePhoto,
  Shortlist,
  SubmitReviewBody,
  SuggestionsResponse,
  TextDecisionBody,
  User,
  VerificationQueue,
} from '@care-assist/domain';

const DEFAULT_API_URL = 'http://127.0.0.1:3001';
const TIMEOUT_MS = 10_000;

export const UNAVAILABLE_MESSAGE = 'The service is not available right now, please try again shortly';

let apiUrl: string | undefined;
export function baseUrl(): string {
  // Read once, on first use: $env/dynamic/private is only populated once the server has started.
  apiUrl ??= (env.API_URL || DEFAULT_API_URL).replace(/\/+$/, '');
  return apiUrl;
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T; headers: Headers }
  | { ok: false; status: number; problem: Problem; headers: Headers };

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | string[] | undefined>;
  body?: unknown;
  accessToken?: string | null;
  refreshToken?: string | null;
  /** For money-moving requests: the same key on a retry makes the API return the first answer. */
  idempotencyKey?: string;
  /** Extra request headers (e.g. x-page-view). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** Thrown (as a SvelteKit HttpError) when the API is down, times out or fails on its side. */
function unavailable(): never {
  error(503, { message: UNAVAILABLE_MESSAGE, code: 'unavailable' });
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  const url = new URL(`${baseUrl()}/api/v1${path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== '') url.searchParams.append(key, one);
    }
  }

  const headers = new Headers({ accept: 'application/json, application/problem+json' });
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  if (options.accessToken) headers.set('authorization', `Bearer ${options.accessToken}`);
  if (options.refreshToken) headers.set('cookie', `refresh_token=${options.refreshToken}`);
  const clientAddress = requestContext.getStore()?.clientAddress;
  if (clientAddress) headers.set('x-forwarded-for', clientAddress);
  if (options.idempotencyKey) headers.set('idempotency-key', options.idempotencyKey);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);

  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    const reason =
      cause instanceof Error ? ((cause.cause as { code?: string } | undefined)?.code ?? cause.message) : cause;
    console.error(`API ${options.method ?? 'GET'} ${url.pathname} failed: ${String(reason)}`);
    unavailable();
  }

  if (response.status >= 500) {
    console.error(`API ${options.method ?? 'GET'} ${url.pathname} answered ${response.status}`);
    unavailable();
  }

  if (response.ok) {
    const data = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
    return { ok: true, status: response.status, data, headers: response.headers };
  }
  return { ok: false, status: response.status, problem: await readProblem(response), headers: response.headers };
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return {
      type: body.type ?? 'about:blank',
      title: body.title ?? response.statusText,
      status: body.status ?? response.status,
      ...(body.detail ? { detail: body.detail } : {}),
      ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
    };
  } catch {
    return { type: 'about:blank', title: response.statusText || 'Request failed', status: response.status };
  }
}

/** The sentence to show for a refused call: the API's detail, or its title when it gave none. */
export function problemMessage(problem: Problem): string {
  return problem.detail ?? problem.title;
}

/** API field names can arrive as `postcode`, `/postcode` or `body/postcode`; we want the last part. */
export function problemFieldErrors(problem: Problem): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const { field, message } of problem.errors ?? []) {
    const name = field.split(/[/.]/).filter(Boolean).pop() ?? '';
    fieldErrors[name] ??= message;
  }
  return fieldErrors;
}

/** A refused form's errors: the API's field errors by input name, or its sentence for the whole form when it named no field. */
export function problemFormErrors(problem: Problem): Record<string, string> {
  const errors = problemFieldErrors(problem);
  if (Object.keys(errors).length === 0) errors.form = problemMessage(problem);
  return errors;
}

/** Query parameters the API's search accepts, already named as the API names them. */
export interface ServiceSearchParams {
  q?: string;
  postcode?: string;
  radius_km?: string;
  care_type?: string;
  specialism?: string;
  funding?: string;
  price_unit?: string;
  price_min?: string;
  price_max?: string;
  min_rating?: string;
  /** One or several CQC ratings (sent as a repeated parameter). */
  cqc_rating?: string | string[];
  vacancies?: string;
  language?: string;
  council_accredited?: string;
  sort?: string;
  page?: string;
  per_page?: string;
}

export const api = {
  searchServices: (query: ServiceSearchParams, fetchFn?: typeof fetch) =>
    request<SearchResponse>('/services', { query: { ...query }, fetch: fetchFn }),

  suggest: (q: string, fetchFn?: typeof fetch) =>
    request<SuggestionsResponse>('/suggestions', { query: { q }, fetch: fetchFn }),

  /**
   * `countView`: this fetch renders the page for a person, so the API adds it to the anonymous daily count,
   * once per viewer a day: it knows the viewer by the forwarded address and `viewerAgent` (their browser's user
   * agent), hashed under a salt that lasts one day.
   */
  getService: (
    idOrSlug: string,
    fetchFn?: typeof fetch,
    { countView = false, viewerAgent = '' }: { countView?: boolean; viewerAgent?: string | null } = {},
  ) =>
    request<ServiceDetail>(`/services/${encodeURIComponent(idOrSlug)}`, {
      fetch: fetchFn,
      ...(countView ? { headers: { 'x-page-view': '1', 'x-viewer-agent': viewerAgent ?? '' } } : {}),
    }),

  /** A service page shown by client-side navigation (see routes/services/[slug]/viewed). */
  countServiceView: (idOrSlug: string, viewerAgent: string | null) =>
    request<undefined>(`/services/${encodeURIComponent(idOrSlug)}/page-views`, {
      method: 'POST',
      headers: { 'x-viewer-agent': viewerAgent ?? '' },
    }),

  register: (body: { email: string; password: string; displayName: string; role?: 'resident' | 'provider' }) =>
    request<AuthResponse>('/auth/register', { method: 'POST', body }),

  login: (body: { email: string; password: string }) => request<AuthResponse>('/auth/login', { method: 'POST', body }),

  refresh: (refreshToken: string) => request<AuthResponse>('/auth/refresh', { method: 'POST', refreshToken }),

  logout: (refreshToken: string | null, accessToken: string | null) =>
    request<undefined>('/auth/logout', { method: 'POST', refreshToken, accessToken }),

  me: (accessToken: string) => request<User>('/me', { accessToken }),

  /** Any signed-in call (budgets, bookings, invoices, notifications). */
  call: <T>(path: string, options: RequestOptions & { accessToken: string | null }) => request<T>(path, options),

  /** A signed-in GET whose body is not JSON (e.g. the CSV statement), passed through as it comes. */
  async download(path: string, accessToken: string, query: Record<string, string | undefined> = {}) {
    const url = new URL(`${baseUrl()}/api/v1${path}`);
    for (const [key, value] of Object.entries(query)) if (value) url.searchParams.set(key, value);
    try {
      return await fetch(url, {
        headers: { authorization: `Bearer ${accessToken}` },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      unavailable();
    }
  },
  getShortlist: (accessToken: string) => request<Shortlist>('/shortlist', { accessToken }),

  addToShortlist: (accessToken: string, serviceId: string) =>
    request<Shortlist>(`/shortlist/${encodeURIComponent(serviceId)}`, { method: 'PUT', accessToken }),

  removeFromShortlist: (accessToken: string, serviceId: string) =>
    request<Shortlist>(`/shortlist/${encodeURIComponent(serviceId)}`, { method: 'DELETE', accessToken }),

  mergeShortlist: (accessToken: string, serviceIds: string[]) =>
    request<Shortlist>('/shortlist/merge', { method: 'POST', accessToken, body: { serviceIds } }),
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

  questionQueue: (accessToken: string | null, paging: { page?: string }) =>
    request<Page<PendingText>>('/moderation/questions', { query: paging, accessToken }),

  moderateText: (accessToken: string | null, kind: 'question' | 'answer', id: string, body: TextDecisionBody) =>
    request<{ id: string; status: string }>(`/moderation/${kind}s/${encodeURIComponent(id)}/decision`, {
      method: 'POST',
      body,
      accessToken,
    }),

  verifyReview: (accessToken: string | null, id: string) =>
    request<PublicReview>(`/reviews/${encodeURIComponent(id)}/verify`, { method: 'POST', accessToken }),

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

  /** A person belongs to a few organisations: the first (and only) page of up to 100. */
  myOrganisations: (accessToken: string) =>
    request<Page<Organisation>>('/organisations', { query: { per_page: '100' }, accessToken }),

  registerOrganisation: (accessToken: string, body: OrganisationBody) =>
    request<Organisation>('/organisations', { method: 'POST', body, accessToken }),

  organisationMembers: (accessToken: string, organisationId: string) =>
    request<MembersResponse>(`/organisations/${encodeURIComponent(organisationId)}/members`, { accessToken }),

  inviteMember: (accessToken: string, organisationId: string, body: { email: string; role: 'owner' | 'staff' }) =>
    request<Invitation>(`/organisations/${encodeURIComponent(organisationId)}/members`, {
      method: 'POST',
      body,
      accessToken,
    }),

  acceptInvitation: (accessToken: string, token: string) =>
    request<Organisation>('/organisations/invitations/accept', { method: 'POST', body: { token }, accessToken }),

  myListings: (accessToken: string, paging: { page?: string } = {}) =>
    request<Page<ProviderListing>>('/provider/services', { query: paging, accessToken }),

  myListing: (accessToken: string, id: string) =>
    request<ProviderListing>(`/provider/services/${encodeURIComponent(id)}`, { accessToken }),

  createListing: (accessToken: string, body: ListingCreate) =>
    request<ProviderListing>('/provider/services', { method: 'POST', body, accessToken }),

  updateListing: (accessToken: string, id: string, body: ListingPatch) =>
    request<ListingEditResult>(`/provider/services/${encodeURIComponent(id)}`, { method: 'PATCH', body, accessToken }),

  submitListing: (accessToken: string, id: string) =>
    request<ProviderListing>(`/provider/services/${encodeURIComponent(id)}/submit`, { method: 'POST', accessToken }),

  listingPhotos: (accessToken: string, id: string) =>
    request<Page<ServicePhoto>>(`/provider/services/${encodeURIComponent(id)}/photos`, {
      query: { per_page: '100' },
      accessToken,
    }),

  /** Sends the photo on as multipart (`altText`, `file`); the API checks the bytes, the size and the description. */
  async uploadListingPhoto(
    accessToken: string,
    id: string,
    altText: string,
    file: File,
  ): Promise<ApiResult<ServicePhoto>> {
    const body = new FormData();
    body.append('altText', altText);
    body.append('file', file, file.name || 'photo');
    let response: Response;
    try {
      response = await fetch(`${baseUrl()}/api/v1/provider/services/${encodeURIComponent(id)}/photos`, {
        method: 'POST',
        headers: { accept: 'application/json, application/problem+json', authorization: `Bearer ${accessToken}` },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      unavailable();
    }
    if (response.status >= 500) unavailable();
    if (response.ok)
      return {
        ok: true,
        status: response.status,
        data: (await response.json()) as ServicePhoto,
        headers: response.headers,
      };
    return { ok: false, status: response.status, problem: await readProblem(response), headers: response.headers };
  },

  /**
   * A listing photo's bytes, as the API serves them. Photos of published listings are public; those of other
   * listings only reach the organisation's members and council staff, so the viewer's token goes along.
   */
  async photo(fileName: string, accessToken: string | null): Promise<Response> {
    try {
      return await fetch(`${baseUrl()}/api/v1/photos/${encodeURIComponent(fileName)}`, {
        signal: AbortSignal.timeout(TIMEOUT_MS),
        ...(accessToken ? { headers: { authorization: `Bearer ${accessToken}` } } : {}),
      });
    } catch {
      unavailable();
    }
  },

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

  findClaimableServices: (accessToken: string, q: string) =>
    request<ClaimSearchResponse>('/claims/services', { query: { q }, accessToken }),

  /** A provider's own claims are few: the first (and only) page of up to 100. */
  myClaims: (accessToken: string) =>
    request<MyClaimsResponse>('/claims/mine', { query: { per_page: '100' }, accessToken }),

  claimOrganisation: (accessToken: string, organisationId: string, evidence: string) =>
    request<OrganisationClaim>(`/organisations/${encodeURIComponent(organisationId)}/claims`, {
      method: 'POST',
      body: { evidence },
      accessToken,
    }),

  verifyOrganisation: (accessToken: string, id: string, note?: string) =>
    request<Organisation>(`/moderation/organisations/${encodeURIComponent(id)}/verify`, {
      method: 'POST',
      body: note ? { note } : {},
      accessToken,
    }),
};

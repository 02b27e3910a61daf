// The declared access policy of every API route. The authorisation matrix test (matrix.test.ts) enumerates the
// routes the app actually registers and fails on any route missing here (or listed here but gone), then calls
// each one as every role and checks the answer against this table.
//
// Adding a route? Add one line: `'METHOD /path': <access>`, with the access its SERVICE enforces:
//   anyone          no sign-in needed (public pages, search, sign-in itself, open data)
//   (an anonymous caller of any other route must get 401, or 404 where the service hides that a thing exists)
//   signedIn        any signed-in person; ownership is checked in the service (another's resource is 404/403)
//   only(...roles)  only these roles get past the role check; everyone else is refused (403, or 404)
// and list it under the heading of its area.
import type { UserRole } from '@care-assist/domain';

export interface Access {
  /** May someone who is not signed in get an answer (anything but 401/403)? */
  anonymous: boolean;
  /** Roles that pass the role check. Other signed-in roles must be refused. */
  roles: readonly UserRole[];
  /** The route takes its own credential instead of an access token (the refresh cookie): its 401 is expected. */
  ownCredential?: boolean;
}

const ALL: readonly UserRole[] = ['resident', 'provider', 'moderator', 'admin'];
export const anyone: Access = { anonymous: true, roles: ALL };
export const signedIn: Access = { anonymous: false, roles: ALL };
export const only = (...roles: UserRole[]): Access => ({ anonymous: false, roles });
const council = only('moderator', 'admin');
/** Sessions: the refresh cookie is the credential, so a call without one is a 401 whoever makes it. */
const refreshCookie: Access = { ...anyone, ownCredential: true };

export const POLICY: Record<string, Access> = {
  // Operations and the OpenAPI document. /metrics answers only this machine or its token (see ops.test.ts);
  // the matrix calls from loopback, so it reads as public here.
  'OPTIONS *': anyone, // CORS preflight
  'GET /docs': anyone,
  'GET /docs/static/index.html': anyone,
  'GET /docs/static/swagger-initializer.js': anyone,
  'GET /docs/json': anyone,
  'GET /docs/yaml': anyone,
  'GET /docs/static/*': anyone,
  'GET /health': anyone,
  'GET /ready': anyone,
  'GET /metrics': anyone,

  // Accounts and sessions
  'POST /api/v1/auth/register': anyone,
  'POST /api/v1/auth/login': anyone,
  'POST /api/v1/auth/refresh': refreshCookie,
  'POST /api/v1/auth/logout': anyone,
  'GET /api/v1/me': signedIn,
  // The account lifecycle (issue 15): links from e-mails are their own credential, so those routes are public
  // (a bad token is a 400/409/410); the rest act on the signed-in person only.
  'POST /api/v1/auth/verify-email': anyone,
  'POST /api/v1/auth/verify-email/resend': signedIn,
  'POST /api/v1/auth/password-reset': anyone,
  'POST /api/v1/auth/password-reset/confirm': anyone,
  'POST /api/v1/auth/email-change/confirm': anyone,
  'POST /api/v1/email/unsubscribe': anyone,
  'GET /api/v1/privacy': anyone, // configured retention periods for the privacy notice
  'PATCH /api/v1/me': signedIn,
  'POST /api/v1/me/email': signedIn,
  'POST /api/v1/me/password': signedIn,
  'GET /api/v1/me/email-preferences': signedIn,
  'PUT /api/v1/me/email-preferences': signedIn,
  'GET /api/v1/me/data': signedIn,
  'DELETE /api/v1/me': signedIn,

  // Finding care
  'GET /api/v1/services': anyone,
  'GET /api/v1/services/:idOrSlug': anyone,
  'POST /api/v1/services/:idOrSlug/page-views': anyone, // anonymous count, nothing about the caller
  'GET /api/v1/suggestions': anyone,
  'GET /api/v1/photos/:fileName': anyone,
  'GET /api/v1/shortlist': signedIn,
  'PUT /api/v1/shortlist/:serviceId': signedIn,
  'DELETE /api/v1/shortlist/:serviceId': signedIn,
  'POST /api/v1/shortlist/merge': signedIn,

  // Personal budgets (holders see their own; council staff open and adjust them)
  'GET /api/v1/budgets': signedIn,
  'POST /api/v1/budgets': council,
  'GET /api/v1/budgets/brokerage-income': council,
  'GET /api/v1/budgets/:id': signedIn,
  'POST /api/v1/budgets/:id/entries': council,
  'GET /api/v1/budgets/:id/statement.csv': signedIn,

  // Bookings and invoices (requester, the provider's members, council staff: checked per booking)
  'GET /api/v1/bookings': signedIn,
  'POST /api/v1/bookings': only('resident'),
  'GET /api/v1/bookings/:id': signedIn,
  'POST /api/v1/bookings/:id/quote': signedIn,
  'POST /api/v1/bookings/:id/decline': signedIn,
  'POST /api/v1/bookings/:id/messages': signedIn,
  'POST /api/v1/bookings/:id/accept': signedIn,
  'POST /api/v1/bookings/:id/start': signedIn,
  'POST /api/v1/bookings/:id/cancel': signedIn,
  'POST /api/v1/bookings/:id/complete': signedIn,
  'POST /api/v1/bookings/:id/invoices': signedIn,
  'GET /api/v1/invoices/disputed': council,
  'POST /api/v1/invoices/:id/approve': signedIn,
  'POST /api/v1/invoices/:id/pay': signedIn,
  'POST /api/v1/invoices/:id/dispute': signedIn,
  'POST /api/v1/invoices/:id/resolve': council,
  'GET /api/v1/notifications': signedIn,
  'POST /api/v1/notifications/:id/read': signedIn,
  'POST /api/v1/notifications/read-all': signedIn,

  // Outcomes (the person and their named carer answer; the provider records hours of its own bookings; council
  // staff record admissions and council-arranged care and see everything: checked per booking in the services)
  'GET /api/v1/outcomes/due': signedIn,
  'GET /api/v1/bookings/:id/outcomes': signedIn,
  'GET /api/v1/bookings/:id/outcomes/:reviewPoint': signedIn,
  'POST /api/v1/bookings/:id/outcomes/:reviewPoint': signedIn,
  'PUT /api/v1/bookings/:id/carer': signedIn,
  'DELETE /api/v1/bookings/:id/carer': signedIn,
  'PUT /api/v1/bookings/:id/delivered-hours/:weekStarting': only('provider'),
  'POST /api/v1/bookings/:id/admissions': council,
  'GET /api/v1/council/outcomes': council,
  'GET /api/v1/council/care-packages': council,
  'GET /api/v1/council/care-packages/:id': council,
  'POST /api/v1/council/care-packages': council,
  'POST /api/v1/council/care-packages/:id/outcomes': council,
  'POST /api/v1/council/care-packages/:id/admissions': council,

  // Reviews and questions
  'POST /api/v1/reviews': only('resident'),
  'GET /api/v1/reviews/mine': signedIn,
  'GET /api/v1/reviews/for-my-services': only('provider'),
  'GET /api/v1/reviews/:id': anyone,
  'PUT /api/v1/reviews/:id': signedIn,
  'POST /api/v1/reviews/:id/withdraw': signedIn,
  'POST /api/v1/reviews/:id/helpful': signedIn,
  'POST /api/v1/reviews/:id/reports': signedIn,
  'POST /api/v1/reviews/:id/response': signedIn,
  'POST /api/v1/reviews/:id/verify': signedIn,
  'PUT /api/v1/reviews/:id/response': signedIn,
  'GET /api/v1/services/:idOrSlug/reviews': anyone,
  'GET /api/v1/services/:idOrSlug/questions': anyone,
  'POST /api/v1/services/:idOrSlug/questions': signedIn,
  'POST /api/v1/questions/:id/answers': signedIn,

  // Moderation (council staff; the audit log is for admins)
  'GET /api/v1/moderation/reviews': council,
  'GET /api/v1/moderation/reviews/:id': council,
  'POST /api/v1/moderation/reviews/:id/decision': council,
  // Added by h10 when main lacked them (the matrix test failed): moderators' safeguarding actions.
  'POST /api/v1/moderation/reviews/:id/escalate': council,
  'POST /api/v1/moderation/reviews/:id/contact-writer': council,
  'GET /api/v1/moderation/review-groups': council,
  'GET /api/v1/moderation/review-groups/:id': council,
  'POST /api/v1/moderation/review-groups/:id/decision': council,
  'GET /api/v1/moderation/audit': only('admin'),
  'GET /api/v1/moderation/questions': council,
  'POST /api/v1/moderation/questions/:id/decision': council,
  'POST /api/v1/moderation/answers/:id/decision': council,
  'GET /api/v1/moderation/services': council,
  'GET /api/v1/moderation/services/:id': council,
  'POST /api/v1/moderation/services/:id/publish': council,
  'POST /api/v1/moderation/services/:id/reject': council,
  'POST /api/v1/moderation/services/:id/suspend': council,
  'POST /api/v1/moderation/organisations/:id/verify': council,
  'GET /api/v1/moderation/claims': council,
  'POST /api/v1/moderation/claims/:id/approve': council,
  'POST /api/v1/moderation/claims/:id/reject': council,

  // Providers: organisations (members only, checked per organisation) and their listings
  'GET /api/v1/organisations': signedIn,
  'POST /api/v1/organisations': only('provider'),
  // The invitation link is its own credential: a person with no account yet reads what it is for.
  'GET /api/v1/organisations/invitations/:token': anyone,
  'POST /api/v1/organisations/invitations/accept': signedIn,
  'GET /api/v1/organisations/:id': signedIn,
  'PATCH /api/v1/organisations/:id': signedIn,
  'GET /api/v1/organisations/:id/members': signedIn,
  'POST /api/v1/organisations/:id/members': signedIn,
  'POST /api/v1/organisations/:id/claims': signedIn,
  'GET /api/v1/claims/services': only('provider'),
  'GET /api/v1/claims/mine': only('provider'),
  'GET /api/v1/provider/services': signedIn,
  'POST /api/v1/provider/services': signedIn,
  'GET /api/v1/provider/services/:id': signedIn,
  'PATCH /api/v1/provider/services/:id': signedIn,
  'POST /api/v1/provider/services/:id/submit': signedIn,
  'GET /api/v1/provider/services/:id/photos': signedIn,
  'POST /api/v1/provider/services/:id/photos': signedIn,

  // Council insight (the commissioner permission; admins grant it) and open data
  // Says what the caller may see (nothing, when signed out).
  'GET /api/v1/insight/access': anyone,
  'POST /api/v1/insight/refresh': council,
  'POST /api/v1/insight/recognitions': only('admin'), // "highly rated" on demand
  'GET /api/v1/insight/:view': council,
  'GET /api/v1/insight/:view/csv/:table': council,
  // Members of the organisation only (checked per organisation in modules/insight/provider-insight.ts).
  'GET /api/v1/provider/insight': signedIn,
  'GET /api/v1/council/commissioners': only('admin'),
  'PUT /api/v1/council/commissioners/:userId': only('admin'),
  'DELETE /api/v1/council/commissioners/:userId': only('admin'),
  'GET /openreferral': anyone,
  'GET /openreferral/openapi.json': anyone,
  'GET /openreferral/services': anyone,
  'GET /openreferral/services/:id': anyone,
  'GET /openreferral/service_at_locations': anyone,
  'GET /openreferral/service_at_locations/:id': anyone,
  'GET /openreferral/organizations': anyone,
  'GET /openreferral/organizations/:id': anyone,
  'GET /openreferral/taxonomies': anyone,
  'GET /openreferral/taxonomies/:id': anyone,
  'GET /openreferral/taxonomy_terms': anyone,
  'GET /openreferral/taxonomy_terms/:id': anyone,
  // Open data downloads: public, no personal data (modules/open-data).
  'GET /api/v1/open-data': anyone,
  'GET /api/v1/open-data/:file': anyone,
};

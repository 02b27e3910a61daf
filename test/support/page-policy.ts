// The declared access policy of every SvelteKit page and endpoint of apps/web, and of every form action.
// test/support/page-policy.test.ts enumerates apps/web/src/routes and fails on a page, endpoint or action that is
// missing here (or listed here but gone); test/e2e/pages.test.ts then visits every page as every role, checking
// the answer against this table, that no page logs a Content Security Policy violation, and that every form
// action refuses a foreign Origin.
//
// Adding a page? Add one entry under its route id (the folder under routes/, with [params]):
//   anonymous  may someone who is not signed in see it (else: a redirect to /login)
//   roles      the signed-in roles that get the page (others: a 4xx page or a redirect elsewhere, never the
//              content)
//   path       a concrete address to visit (dynamic routes: an example; a made-up id checks the gate only)
//   actions    the names of its form actions ('default' for an unnamed one)
import type { UserRole } from '@care-assist/domain';

export interface PagePolicy {
  anonymous: boolean;
  roles: readonly UserRole[];
  path: string;
  actions?: readonly string[];
  /** An endpoint (+server.ts) rather than a page. */
  endpoint?: boolean;
}

const ALL: readonly UserRole[] = ['resident', 'provider', 'moderator', 'admin'];
const NOBODY_ID = '00000000-0000-4000-8000-000000000000';
const council: readonly UserRole[] = ['moderator', 'admin'];
const publicPage = (path: string, actions?: readonly string[]): PagePolicy => ({
  anonymous: true,
  roles: ALL,
  path,
  ...(actions ? { actions } : {}),
});
const signedIn = (path: string, roles: readonly UserRole[] = ALL, actions?: readonly string[]): PagePolicy => ({
  anonymous: false,
  roles,
  path,
  ...(actions ? { actions } : {}),
});

/** `{slug}` in a path is replaced by a published service's slug found at run time. */
export const PAGE_POLICY: Record<string, PagePolicy> = {
  // Finding care: open to everyone.
  '/': publicPage('/'),
  '/search': publicPage('/search?postcode=CM1'),
  '/compare': publicPage('/compare'),
  '/services/[slug]': { ...publicPage('/services/{slug}'), actions: ['helpful', 'report', 'ask', 'answer'] },
  '/services/[slug]/viewed': { ...publicPage('/services/{slug}/viewed'), endpoint: true },
  '/suggestions': { ...publicPage('/suggestions?q=che'), endpoint: true },
  '/shortlist': publicPage('/shortlist', ['add', 'remove']),
  '/photos/[fileName]': { ...publicPage(`/photos/${NOBODY_ID}.jpg`), endpoint: true },
  '/help': publicPage('/help'),
  '/help/care-types': publicPage('/help/care-types'),
  '/help/moderation': publicPage('/help/moderation'),
  '/help/paying-for-care': publicPage('/help/paying-for-care'),
  '/help/paying-for-care/estimate': publicPage('/help/paying-for-care/estimate', ['default']),
  '/help/ratings': publicPage('/help/ratings'),
  '/help/highly-rated': publicPage('/help/highly-rated'),
  '/help/value-for-money': publicPage('/help/value-for-money'),
  '/open-data': publicPage('/open-data'),
  '/open-data/[file]': { ...publicPage('/open-data/services.csv'), endpoint: true },
  '/openreferral/[...path]': { ...publicPage('/openreferral/services'), endpoint: true },

  // Accounts.
  '/login': publicPage('/login', ['default']),
  '/register': publicPage('/register', ['default']),
  '/logout': publicPage('/logout', ['default']),
  '/account': signedIn('/account', ALL, ['resend']),
  '/account/details': signedIn('/account/details', ALL, ['name', 'email', 'password']),
  '/account/notifications': signedIn('/account/notifications', ALL, ['default']),
  '/account/data': { ...signedIn('/account/data'), endpoint: true },
  '/account/delete': signedIn('/account/delete', ALL, ['default']),
  // Shown after deletion, when the person is already signed out.
  '/account/deleted': publicPage('/account/deleted'),
  // Links from e-mails: they work whether or not the person is signed in (a made-up token shows the error page).
  '/forgot-password': publicPage('/forgot-password', ['default']),
  '/reset-password/[token]': publicPage('/reset-password/not-a-real-token', ['default']),
  '/verify-email/[token]': publicPage('/verify-email/not-a-real-token'),
  '/confirm-email/[token]': publicPage('/confirm-email/not-a-real-token'),
  '/unsubscribe/[token]': publicPage('/unsubscribe/not-a-real-token', ['default']),

  // What we hold and why, how the site is tested for accessibility, cookies, and the providers' terms.
  '/privacy': publicPage('/privacy'),
  '/accessibility': publicPage('/accessibility'),
  '/cookies': publicPage('/cookies'),
  '/terms/providers': publicPage('/terms/providers'),
  '/account/reviews': signedIn('/account/reviews', ALL, ['withdraw']),
  '/notifications': signedIn('/notifications', ALL, ['readAll']),

  // Residents: reviews, bookings, budgets, outcomes. The API decides whose booking it is (another's: 404).
  '/services/[slug]/review': signedIn('/services/{slug}/review', ALL, ['default']),
  '/services/[slug]/request-quote': signedIn('/services/{slug}/request-quote', ALL, ['default']),
  '/bookings': signedIn('/bookings', ['resident', 'provider', 'admin']),
  '/bookings/[id]': signedIn(
    `/bookings/${NOBODY_ID}`,
    [],
    ['quote', 'decline', 'accept', 'start', 'cancel', 'complete', 'message', 'invoice', 'approve', 'pay', 'dispute'],
  ),
  '/bookings/[id]/outcomes': signedIn(`/bookings/${NOBODY_ID}/outcomes`, [], ['carer', 'hours', 'admission']),
  '/outcomes/[bookingId]/[reviewPoint]': signedIn(`/outcomes/${NOBODY_ID}/week_6`, [], ['default']),
  '/budget': signedIn('/budget'),
  '/budget/statement.csv': { ...signedIn('/budget/statement.csv', []), endpoint: true },

  // Providers. A made-up listing or invitation is nobody's: a 4xx for everyone.
  '/provider': signedIn('/provider', ALL, ['registerOrganisation', 'submit', 'invite']),
  '/provider/insight': signedIn('/provider/insight'),
  '/provider/requests': signedIn('/provider/requests', ['provider']),
  '/provider/reviews': signedIn('/provider/reviews', ['provider'], ['verify', 'reply']),
  '/provider/services/new': signedIn('/provider/services/new', ALL, ['default']),
  // Claiming a CQC-imported listing: the search page tells non-providers it is for providers; a claim needs a
  // real listing (without one it goes back to the search); the list of claims is the API's, providers only.
  '/provider/claim': signedIn('/provider/claim'),
  '/provider/claim/[serviceId]': signedIn(`/provider/claim/${NOBODY_ID}`, [], ['default']),
  '/provider/claims': signedIn('/provider/claims', ['provider']),
  '/provider/services/[id]': signedIn(`/provider/services/${NOBODY_ID}`, [], ['save', 'photo']),
  // Anyone may open an invitation link, signed in or not (someone invited may have no account yet); the token
  // decides (a made-up one says it is not valid), and accepting asks to sign in.
  '/provider/invitations/[token]': publicPage('/provider/invitations/not-a-real-invitation-token', ['default']),

  // Council.
  '/moderation': signedIn('/moderation', council, ['text', 'group', 'review', 'escalate', 'contact']),
  '/moderation/audit': signedIn('/moderation/audit', ['admin']),
  '/council/brokerage': signedIn('/council/brokerage', ['admin']),
  '/council/budgets': signedIn('/council/budgets', ['admin'], ['open']),
  '/council/budgets/[id]': signedIn(`/council/budgets/${NOBODY_ID}`, [], ['money']),
  '/council/claims': signedIn('/council/claims', council),
  '/council/commissioners': signedIn('/council/commissioners', ['admin']),
  '/council/disputes': signedIn('/council/disputes', ['admin'], ['resolve']),
  '/council/insight': signedIn('/council/insight', ['admin']),
  '/council/insight/csv': { ...signedIn('/council/insight/csv', []), endpoint: true },
  '/council/outcomes': signedIn('/council/outcomes', council, ['package']),
  // A made-up package is nobody's: a 4xx for everyone (test/e2e/outcomes.test.ts opens a real one).
  '/council/outcomes/[id]': signedIn(`/council/outcomes/${NOBODY_ID}`, [], ['answers', 'admission']),
  '/council/verification': signedIn('/council/verification', council, ['verifyOrganisation']),
};

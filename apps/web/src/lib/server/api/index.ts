// The web server's client for the Care Assist API, one typed function per call, grouped by area in this folder:
// `api.getService(slug)`, `api.booking(token, id)`. Paths, encoding and types live in the area files; the one
// fetch (timeout, forwarded headers, the 503 for an API that cannot be reached) in client.ts.
import { accountsApi } from './accounts';
import { bookingsApi } from './bookings';
import { budgetsApi } from './budgets';
import { insightApi } from './insight';
import { moderationApi } from './moderation';
import { outcomesApi } from './outcomes';
import { providersApi } from './providers';
import { reviewsApi } from './reviews';
import { servicesApi } from './services';

export const api = {
  ...accountsApi,
  ...servicesApi,
  ...reviewsApi,
  ...providersApi,
  ...moderationApi,
  ...bookingsApi,
  ...budgetsApi,
  ...outcomesApi,
  ...insightApi,
};

export { send, unavailable, UNAVAILABLE_MESSAGE, type ApiResult } from './client';
export { problemFieldErrors, problemFormErrors, problemMessage } from './problems';
export type { ServiceSearchParams } from './services';

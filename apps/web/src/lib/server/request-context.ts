// Per-request context for code that has no `event` in reach (the API client): the resident's own IP
// address, forwarded to the API so its rate limits count each person, not the web server as one client.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  clientAddress: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

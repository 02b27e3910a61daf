// Reading the development mail catcher the product runs (JSON at /messages.json), as a person waits for their inbox.
import { expect } from 'vitest';
import type { RunningProduct } from './product.ts';

export interface CaughtMessage {
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
  links: string[];
}

/** Every message `to` has been sent whose subject matches, newest first, once there are at least `atLeast`. */
export async function waitForMails(
  product: RunningProduct,
  to: string,
  subject: RegExp,
  atLeast = 1,
): Promise<CaughtMessage[]> {
  let found: CaughtMessage[] = [];
  await expect
    .poll(
      async () => {
        const messages = (await (await fetch(`${product.mailUrl}/messages.json`)).json()) as CaughtMessage[];
        found = messages.filter((m) => m.to.includes(to) && subject.test(m.subject));
        return found.length >= atLeast;
      },
      { timeout: 20_000, interval: 250 },
    )
    .toBe(true);
  return found;
}

export const waitForMail = async (product: RunningProduct, to: string, subject: RegExp) =>
  (await waitForMails(product, to, subject))[0]!;

/** The link in a message that contains `path`, pointed at the product under test. */
export function linkIn(product: RunningProduct, message: CaughtMessage, path: string): string {
  const link = message.links.find((l) => l.includes(path));
  if (!link) throw new Error(`no ${path} link in "${message.subject}": ${message.links.join(', ')}`);
  return link.replace(/^http:\/\/localhost:\d+/, product.webUrl);
}

/** Signs in to the API directly (for the parts of a test that are someone else's doing) and returns the token. */
export async function apiToken(product: RunningProduct, email: string, password: string): Promise<string> {
  const res = await fetch(`${product.apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export async function apiCall<T>(
  product: RunningProduct,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${product.apiUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  expect(res.ok, `${method} ${path}: ${res.status} ${text}`).toBe(true);
  return (text ? JSON.parse(text) : undefined) as T;
}

// The authorisation matrix, generated from the route table: every route the app registers must have a declared
// policy (policy.ts), and every route is called anonymously and as each role, with ids that belong to nobody.
// Anonymous callers of a non-public route and roles outside a route's policy must be refused; nobody ever gets
// a 5xx, a stack trace or SQL. Ownership (another resident's booking, another provider's listing...) is checked
// on real resources in ownership.test.ts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_ROLES, type UserRole } from '@care-assist/domain';
import { makeUser } from '../helpers/factories.ts';
import { buildTestApp, type TestContext } from '../helpers/test-app.ts';
import { POLICY } from './policy.ts';

let ctx: TestContext;
const tokens = {} as Record<UserRole, string>;

beforeAll(async () => {
  ctx = await buildTestApp();
  for (const role of USER_ROLES) tokens[role] = (await makeUser(ctx.app, ctx.database.handle.db, role)).token;
});
afterAll(() => ctx.close());

const key = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

/** A concrete URL for a route pattern: every parameter is an id nobody owns. */
function concrete(url: string): string {
  return url
    .replace(/:fileName/g, `${randomUUID()}.png`)
    .replace(/:view/g, 'performance')
    .replace(/:table/g, 'services')
    .replace(/:[A-Za-z]+/g, () => randomUUID())
    .replace(/\*$/, 'index.css');
}

function call(method: string, url: string, role: UserRole | null) {
  return ctx.app.inject({
    method: method as 'GET',
    url,
    headers: role ? { authorization: `Bearer ${tokens[role]}` } : {},
    ...(['POST', 'PUT', 'PATCH'].includes(method) ? { payload: {} } : {}),
  });
}

// A body refused by its schema (400) or media type (415) is refused before the service runs: a refusal too.
// A service may also answer 404 to hide that a thing exists at all.
const REFUSED_ANONYMOUS = [401, 404, 400, 415];
const REFUSED_ROLE = [403, 404, 400, 415];
const LEAKS = /\n\s+at |\bselect\b.+\bfrom\b|\binsert into\b|node_modules/i;

describe('the route table and the policy', () => {
  it('declares a policy for every registered route, and no policy for a route that is gone', () => {
    const registered = new Set(ctx.routes.map(key));
    expect(
      [...registered].filter((route) => !(route in POLICY)),
      'routes without a declared policy',
    ).toEqual([]);
    expect(
      Object.keys(POLICY).filter((route) => !registered.has(route)),
      'policies for no route',
    ).toEqual([]);
  });
});

describe('every route, anonymously and as every role', () => {
  const cells = { total: 0, refusals: 0, exact: 0 };
  afterAll(() => {
    console.info(
      `authorisation matrix: ${ctx.routes.length} routes x ${USER_ROLES.length + 1} callers = ${cells.total} calls; ` +
        `${cells.refusals} must-refuse cells, ${cells.exact} of them refused by the access check itself (401, 403/404), ` +
        'the rest by body validation before the service ran',
    );
  });

  it('refuses whoever the policy refuses, and never fails or leaks', async () => {
    const problems: string[] = [];
    for (const route of ctx.routes) {
      const policy = POLICY[key(route)];
      if (!policy) continue; // reported by the test above
      const url = concrete(route.url);
      for (const role of [null, ...USER_ROLES]) {
        const res = await call(route.method, url, role);
        cells.total++;
        const who = role ?? 'anonymous';
        const where = `${route.method} ${route.url} as ${who}: ${res.statusCode}`;
        if (res.statusCode >= 500) problems.push(`${where} (server error)`);
        if (LEAKS.test(res.body)) problems.push(`${where} (body leaks internals)`);
        if ((role === null && !policy.anonymous) || (role !== null && !policy.roles.includes(role))) cells.refusals++;
        if (role === null && !policy.anonymous) {
          if (!REFUSED_ANONYMOUS.includes(res.statusCode)) problems.push(`${where} (anonymous not refused)`);
          else if (res.statusCode === 401) cells.exact++;
        } else if (role !== null && !policy.roles.includes(role)) {
          if (!REFUSED_ROLE.includes(res.statusCode)) problems.push(`${where} (role not refused)`);
          else if (res.statusCode === 403 || res.statusCode === 404) cells.exact++;
        } else if (!policy.ownCredential && (res.statusCode === 401 || (role === null && res.statusCode === 403))) {
          problems.push(`${where} (allowed caller refused as unauthenticated)`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

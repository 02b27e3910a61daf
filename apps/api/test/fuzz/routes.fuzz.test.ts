// Property-based fuzzing of every route (fast-check, seeded, bounded): path parameters, query strings and JSON
// bodies are generated from each route's own TypeBox schema (its field names) with hostile values: wrong types,
// huge strings, unicode, control characters, negative and huge numbers, extra fields. Invariants: never a 5xx,
// never a stack trace or SQL in a body, and a rejected request changes nothing (row counts of every table and
// the ledger sum before and after).
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../helpers/factories.ts';
import { buildTestApp, type RegisteredRoute, type TestContext } from '../helpers/test-app.ts';

const SEED = 1313;
const RUNS_PER_ROUTE = 6;
// Tables a refused request may legitimately write to: failed sign-ins are counted (sign-in throttle).
const EXPECTED_WRITES = new Set(['sign_in_throttles']);

let ctx: TestContext;
let callers: Record<string, Record<string, string>>;
let tables: string[] = [];

beforeAll(async () => {
  ctx = await buildTestApp();
  const db = ctx.database.handle.db;
  callers = { anonymous: {} };
  for (const role of ['resident', 'provider', 'admin'] as const)
    callers[role] = (await makeUser(ctx.app, db, role)).auth;
  const rows = await db.execute<{ name: string }>(
    sql`select tablename as name from pg_tables where schemaname = 'public' and tablename not like '%migrations%'`,
  );
  tables = rows.rows.map((r) => r.name).filter((name) => !EXPECTED_WRITES.has(name));
});
afterAll(() => ctx.close());

/** Row counts of every table and the budget ledger's sum: what a refused request must leave unchanged. */
async function snapshot(): Promise<string> {
  const counts = tables.map((t) => sql`(select count(*) from ${sql.identifier(t)})::text`);
  const result = await ctx.database.handle.db.execute(
    sql`select concat_ws(',', ${sql.join(counts, sql`, `)}, (select coalesce(sum(amount_pence), 0) from budget_ledger)::text) as s`,
  );
  return String((result.rows[0] as { s: string }).s);
}

const hostileString = fc.oneof(
  // Plausible text with a control character in it (NUL broke many routes once: issue 13 #4).
  {
    arbitrary: fc
      .constantFrom('Chelmsford', 'care', 'home_care', 'CM1 1AA', 'pat@example.test')
      .map((s) => `${s}\u0000`),
    weight: 3,
  },
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '%00',
    '../../etc/passwd',
    "'; drop table users; --",
    '<script>x</script>',
  ),
  fc.constantFrom('0x10', '1e309', '-1', 'NaN', 'true', 'null', '[]', '{}'),
  fc.integer({ min: 0, max: 3 }).map((n) => 'x'.repeat(10 ** (n + 2))),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.constantFrom(-1, 0, 2 ** 31, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

const propertiesOf = (schema: unknown): string[] =>
  Object.keys((schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});

/** A request for the route: its own field names with hostile values, sometimes an extra field. */
function requestFor(route: RegisteredRoute) {
  const paramNames = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const withExtra = (names: string[]) =>
    fc.record({
      known: fc.dictionary(fc.constantFrom(...(names.length ? names : ['q'])), hostileValue, {
        maxKeys: names.length + 1,
      }),
      extra: fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), hostileValue)),
    });
  return fc.record({
    params: fc.tuple(...paramNames.map(() => hostileString), fc.constant('')),
    query: withExtra(propertiesOf(route.schema?.querystring)),
    body: withExtra(propertiesOf(route.schema?.body)),
    caller: fc.constantFrom('anonymous', 'resident', 'provider', 'admin'),
    rawBody: fc.option(fc.constantFrom('{', '[]', '"x"', 'null', '{"a":1}'.repeat(3)), { freq: 5 }),
  });
}

/** How a browser would put any value in a URL. */
const asText = (value: unknown) =>
  value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);

const LEAKS = /\n\s+at |\bselect\b.+\bfrom\b|\binsert into\b|node_modules|violates .* constraint/i;
const SKIPPED = /^\/docs|^\/metrics$|^\*$/;

describe('fuzzing every route', () => {
  let cases = 0;
  afterAll(() => console.info(`fuzz: ${cases} requests over ${ctx.routes.length} routes (seed ${SEED})`));

  it('never answers 5xx, never leaks internals, and changes nothing when it refuses', async () => {
    const failures: string[] = [];
    for (const route of ctx.routes.filter((r) => !SKIPPED.test(r.url) && r.method !== 'OPTIONS')) {
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (input) => {
          let i = 0;
          const path = route.url.replace(/:([A-Za-z]+)/g, () => encodeURIComponent(asText(input.params[i++])));
          const query = new URLSearchParams();
          for (const [name, value] of Object.entries(input.query.known)) query.append(name, asText(value));
          if (input.query.extra) query.append(input.query.extra[0], asText(input.query.extra[1]));
          const body: Record<string, unknown> = { ...input.body.known };
          if (input.body.extra) body[input.body.extra[0]] = input.body.extra[1];
          const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
          const before = await snapshot();
          const res = await ctx.app.inject({
            method: route.method as 'GET',
            url: `${path}${query.size ? `?${query.toString()}` : ''}`,
            headers: { ...callers[input.caller], ...(hasBody ? { 'content-type': 'application/json' } : {}) },
            ...(hasBody ? { payload: input.rawBody ?? JSON.stringify(body) } : {}),
          });
          cases++;
          const where = `${route.method} ${route.url} -> ${res.statusCode}`;
          if (res.statusCode >= 500) failures.push(`${where}: ${res.body.slice(0, 200)}`);
          if (LEAKS.test(res.body)) failures.push(`${where} leaks: ${res.body.slice(0, 200)}`);
          if (res.statusCode >= 400 && (await snapshot()) !== before) failures.push(`${where} changed data`);
          return true;
        }),
        { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
  });
});

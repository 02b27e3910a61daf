// Review and report submission is rate limited per person: the next one in the hour gets a 429 problem.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeOrganisation, makeService, makeUser } from './helpers/factories.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp({ REVIEW_RATE_LIMIT_PER_HOUR: '2' });
});
afterAll(() => ctx.close());

it('refuses the third review submission within an hour from one person, but not from another', async () => {
  const db = ctx.database.handle.db;
  const org = await makeOrganisation(db);
  const service = await makeService(db, { organisationId: org.id });
  const author = await makeUser(ctx.app, db, 'resident');
  const submit = (auth: Record<string, string>) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/reviews', headers: auth, payload: { serviceId: service.id } });
  // Two bad submissions still count towards the limit (they are refused by validation, 400).
  expect((await submit(author.auth)).statusCode).toBe(400);
  expect((await submit(author.auth)).statusCode).toBe(400);
  expectProblem(await submit(author.auth), 429);
  const other = await makeUser(ctx.app, db, 'resident');
  expect((await submit(other.auth)).statusCode).toBe(400);
});

// Malformed uploads (issue 13 #11): a multipart body cut off mid-way is a 400, a JSON body is a 415, a
// control character in the alt text is a 400; nothing is stored in any case.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicePhotos } from '@care-assist/db';
import { addMember, makeOrganisation, makeService, makeUserRow } from './helpers/factories.ts';
import { bearer, buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
let url: string;
let auth: Record<string, string>;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const BOUNDARY = '----care-assist-test-boundary';

function multipartBody(altText: string): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="altText"\r\n\r\n${altText}\r\n` +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

async function nothingStored() {
  const [row] = await ctx.database.handle.db.select({ n: count() }).from(servicePhotos);
  expect(row?.n).toBe(0);
  const files = await readdir(path.join(ctx.config.dataDir, 'photos')).catch(() => [] as string[]);
  expect(files).toEqual([]);
}

beforeAll(async () => {
  ctx = await buildTestApp();
  const db = ctx.database.handle.db;
  const org = await makeOrganisation(db);
  const owner = await makeUserRow(db, { role: 'provider' });
  await addMember(db, org.id, owner.id, 'owner');
  const service = await makeService(db, { organisationId: org.id });
  url = `/api/v1/provider/services/${service.id}/photos`;
  auth = bearer(ctx, owner);
});
afterAll(() => ctx.close());

describe('malformed photo uploads', () => {
  it('a truncated multipart body is a 400', async () => {
    const whole = multipartBody('The garden in summer');
    for (const cut of [whole.length - 10, whole.length - 40, 60]) {
      const res = await ctx.app.inject({
        method: 'POST',
        url,
        headers: { ...auth, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        payload: whole.subarray(0, cut),
      });
      expectProblem(res, 400);
    }
    await nothingStored();
  });

  it('a JSON body is a 415', async () => {
    const res = await ctx.app.inject({ method: 'POST', url, headers: auth, payload: { altText: 'x', file: 'abc' } });
    expectProblem(res, 415);
    await nothingStored();
  });

  it('a control character in the alt text is a 400', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url,
      headers: { ...auth, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: multipartBody('The garden\u0000 in summer'),
    });
    expectProblem(res, 400);
    await nothingStored();
  });

  it('the same body, whole and clean, is stored (the test can pass)', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url,
      headers: { ...auth, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: multipartBody('The garden in summer'),
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});

// Listing photos: images only (by their bytes, not their claimed type), 5 MB at most, generated names,
// and only for members of the listing's organisation.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDetail, ServicePhoto } from '@care-assist/domain';
import { addMember, makeOrganisation, makeService, makeUserRow } from './helpers/factories.ts';
import { bearer, buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

// A real 1x1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function photoForm(bytes: Buffer, type: string, fileName: string, altText = 'The garden in summer') {
  const form = new FormData();
  form.append('altText', altText);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), fileName);
  return form;
}

const photoFiles = async () => readdir(path.join(ctx.config.dataDir, 'photos')).catch(() => [] as string[]);

describe('listing photos', () => {
  it('stores an image under a generated name and serves it with its checked type', async () => {
    const db = ctx.database.handle.db;
    const org = await makeOrganisation(db);
    const owner = await makeUserRow(db, { role: 'provider' });
    const stranger = await makeUserRow(db, { role: 'provider' });
    await addMember(db, org.id, owner.id, 'owner');
    const service = await makeService(db, { organisationId: org.id });
    const url = `/api/v1/provider/services/${service.id}/photos`;

    const uploaded = await ctx.app.inject({
      method: 'POST',
      url,
      headers: bearer(ctx, owner),
      payload: photoForm(PNG, 'image/png', '../../etc/passwd.png'),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const photo = uploaded.json<ServicePhoto>();
    // Re-encoded (issue 13: no metadata survives): a PNG is stored as WebP.
    expect(photo).toMatchObject({ contentType: 'image/webp', altText: 'The garden in summer' });
    expect(photo.url).toMatch(/^\/api\/v1\/photos\/[0-9a-f-]{36}\.webp$/);
    expect(await photoFiles()).toEqual([photo.url.split('/').pop()]);

    const served = await ctx.app.inject({ method: 'GET', url: photo.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.rawPayload.length).toBe(photo.sizeBytes);
    expect(served.rawPayload.subarray(8, 12).toString('latin1')).toBe('WEBP');

    // The public page of the (published) listing lists it with its description.
    const detail = await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${service.id}` });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json<ServiceDetail>().photos).toEqual([
      { fileName: photo.url.split('/').pop(), altText: 'The garden in summer' },
    ]);

    // Not an image, whatever it claims; too big; no description; someone else's listing: nothing stored.
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url,
        headers: bearer(ctx, owner),
        payload: photoForm(Buffer.from('<script>alert(1)</script>'), 'image/png', 'x.png'),
      }),
      415,
    );
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url,
        headers: bearer(ctx, owner),
        payload: photoForm(Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]), 'image/png', 'big.png'),
      }),
      413,
    );
    const noAlt = expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url,
        headers: bearer(ctx, owner),
        payload: photoForm(PNG, 'image/png', 'a.png', ''),
      }),
      400,
    );
    expect(noAlt.errors?.map((e) => e.field)).toEqual(['altText']);
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url,
        headers: bearer(ctx, stranger),
        payload: photoForm(PNG, 'image/png', 'a.png'),
      }),
      403,
    );
    expectProblem(await ctx.app.inject({ method: 'POST', url, payload: photoForm(PNG, 'image/png', 'a.png') }), 401);
    expect(await photoFiles()).toHaveLength(1);
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/v1/photos/..%2F..%2Fconfig.png' }), 400);
  });
});

// Listing photos are decoded and re-encoded before they are stored (issue 13): a JPEG carrying the GPS position
// where it was taken comes out without any EXIF; data hidden after the image is gone; a decompression bomb and
// a file that only starts like an image are refused; the size in pixels is bounded. Photos of a listing that is
// not published reach only its organisation's members and council staff.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '@care-assist/db';
import type { ServicePhoto } from '@care-assist/domain';
import { addMember, makeOrganisation, makeService, makeUserRow } from './helpers/factories.ts';
import { bearer, buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
let owner: Awaited<ReturnType<typeof makeUserRow>>;
let stranger: Awaited<ReturnType<typeof makeUserRow>>;
let moderator: Awaited<ReturnType<typeof makeUserRow>>;
let resident: Awaited<ReturnType<typeof makeUserRow>>;
let serviceId: string;

beforeAll(async () => {
  ctx = await buildTestApp();
  const db = ctx.database.handle.db;
  const org = await makeOrganisation(db);
  owner = await makeUserRow(db, { role: 'provider' });
  stranger = await makeUserRow(db, { role: 'provider' });
  moderator = await makeUserRow(db, { role: 'moderator' });
  resident = await makeUserRow(db, { role: 'resident' });
  await addMember(db, org.id, owner.id, 'owner');
  serviceId = (await makeService(db, { organisationId: org.id })).id;
});
afterAll(() => ctx.close());

// --- A real JPEG with a GPS position in its EXIF, built byte by byte so the test does not trust sharp to make it.
const SECRET_DESCRIPTION = 'Room 12, Mrs Example, back garden';

function ifdEntry(tag: number, type: number, count: number, value: Buffer): Buffer {
  const entry = Buffer.alloc(12);
  entry.writeUInt16BE(tag, 0);
  entry.writeUInt16BE(type, 2);
  entry.writeUInt32BE(count, 4);
  value.copy(entry, 8, 0, 4);
  return entry;
}
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const rationals = (pairs: [number, number][]) => Buffer.concat(pairs.flatMap(([a, b]) => [u32(a), u32(b)]));

/** An APP1 Exif segment: IFD0 with an ImageDescription and a pointer to a GPS IFD (51°44'N 0°28'E). */
function exifSegment(): Buffer {
  const description = Buffer.from(`${SECRET_DESCRIPTION}\0`, 'latin1');
  // Layout after the 8-byte TIFF header: IFD0 (2 entries), GPS IFD (4 entries), then the out-of-line values.
  const ifd0Size = 2 + 2 * 12 + 4;
  const gpsSize = 2 + 4 * 12 + 4;
  const gpsOffset = 8 + ifd0Size;
  const dataOffset = gpsOffset + gpsSize;
  const latitude = rationals([
    [51, 1],
    [44, 1],
    [1234, 100],
  ]);
  const longitude = rationals([
    [0, 1],
    [28, 1],
    [5678, 100],
  ]);
  const latOffset = dataOffset;
  const lonOffset = latOffset + latitude.length;
  const descOffset = lonOffset + longitude.length;
  const ifd0 = Buffer.concat([
    Buffer.from([0, 2]),
    ifdEntry(0x010e, 2, description.length, u32(descOffset)), // ImageDescription
    ifdEntry(0x8825, 4, 1, u32(gpsOffset)), // GPSInfo
    u32(0),
  ]);
  const gps = Buffer.concat([
    Buffer.from([0, 4]),
    ifdEntry(0x0001, 2, 2, Buffer.from('N\0\0\0', 'latin1')),
    ifdEntry(0x0002, 5, 3, u32(latOffset)),
    ifdEntry(0x0003, 2, 2, Buffer.from('E\0\0\0', 'latin1')),
    ifdEntry(0x0004, 5, 3, u32(lonOffset)),
    u32(0),
  ]);
  const tiff = Buffer.concat([Buffer.from('MM\0*', 'latin1'), u32(8), ifd0, gps, latitude, longitude, description]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

async function jpegWithGps(width = 64, height = 48): Promise<Buffer> {
  const plain = await sharp({ create: { width, height, channels: 3, background: { r: 90, g: 140, b: 60 } } })
    .jpeg()
    .toBuffer();
  // Insert the Exif segment straight after the start-of-image marker, where cameras put it.
  return Buffer.concat([plain.subarray(0, 2), exifSegment(), plain.subarray(2)]);
}

// --- A PNG whose header claims 20000 x 20000 pixels (400 MP): a decompression bomb if anyone decoded it.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  const patched = Buffer.from(png);
  // IHDR starts at byte 8: length (4), "IHDR" (4), width (4), height (4), ..., CRC over type + data.
  patched.writeUInt32BE(width, 16);
  patched.writeUInt32BE(height, 20);
  patched.writeUInt32BE(crc32(patched.subarray(12, 29)), 29);
  return patched;
}

function upload(bytes: Buffer, type: string, who = owner) {
  const form = new FormData();
  form.append('altText', 'The garden in summer');
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'photo');
  return ctx.app.inject({
    method: 'POST',
    url: `/api/v1/provider/services/${serviceId}/photos`,
    headers: bearer(ctx, who),
    payload: form,
  });
}

const stored = (photo: ServicePhoto) => readFile(path.join(ctx.config.dataDir, 'photos', photo.url.split('/').pop()!));

describe('photos are re-encoded before they are stored', () => {
  it('strips the EXIF, GPS position included, from a JPEG and keeps it a JPEG', async () => {
    const original = await jpegWithGps();
    // The fixture really carries the position (read by libvips, independently of how it was written).
    const before = await sharp(original).metadata();
    expect(before.exif?.length).toBeGreaterThan(0);
    expect(original.includes(Buffer.from(SECRET_DESCRIPTION))).toBe(true);

    const res = await upload(original, 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json<ServicePhoto>();
    expect(photo.contentType).toBe('image/jpeg');
    const bytes = await stored(photo);
    const after = await sharp(bytes).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(bytes.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect(bytes.includes(Buffer.from(SECRET_DESCRIPTION))).toBe(false);
    expect([after.width, after.height]).toEqual([64, 48]);

    // What is served is the clean copy.
    const served = await ctx.app.inject({ method: 'GET', url: photo.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.rawPayload.equals(bytes)).toBe(true);
  });

  it('turns a PNG into WebP, drops anything appended after the image, and scales down a huge photo', async () => {
    const png = await sharp({ create: { width: 3000, height: 1500, channels: 4, background: '#4a8' } })
      .png()
      .toBuffer();
    const smuggled = Buffer.concat([png, Buffer.from('<script>alert(document.cookie)</script>')]);
    const res = await upload(smuggled, 'image/png');
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json<ServicePhoto>();
    expect(photo.contentType).toBe('image/webp');
    expect(photo.url).toMatch(/\.webp$/);
    const bytes = await stored(photo);
    expect(bytes.includes(Buffer.from('<script>'))).toBe(false);
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 2000, 1000]);
  });

  it('refuses a decompression bomb, a file that only starts like an image, and a type it does not take', async () => {
    const files = async () =>
      (await ctx.database.handle.query<{ n: number }>('select count(*)::int as n from service_photos', []))[0]!.n;
    const count = await files();
    const bomb = expectProblem(await upload(await pngClaiming(20_000, 20_000), 'image/png'), 415);
    expect(bomb.detail).toMatch(/too large/);
    const jpegHeaderOnly = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 0x41)]);
    expectProblem(await upload(jpegHeaderOnly, 'image/jpeg'), 415);
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    expectProblem(await upload(gif, 'image/png'), 415);
    expect(await files()).toBe(count);
  });
});

describe('photos of a listing that is not published', () => {
  it('reach its members and council staff only, never a shared cache', async () => {
    const res = await upload(await jpegWithGps(), 'image/jpeg');
    const photo = res.json<ServicePhoto>();
    const get = (who?: typeof owner) =>
      ctx.app.inject({ method: 'GET', url: photo.url, headers: who ? bearer(ctx, who) : {} });

    const published = await get();
    expect(published.statusCode).toBe(200);
    expect(published.headers['cache-control']).toMatch(/^public/);

    await ctx.database.handle.db.update(services).set({ status: 'draft' }).where(eq(services.id, serviceId));
    expectProblem(await get(), 404);
    expectProblem(await get(stranger), 404);
    expectProblem(await get(resident), 404);
    for (const allowed of [owner, moderator]) {
      const seen = await get(allowed);
      expect(seen.statusCode).toBe(200);
      expect(seen.headers['cache-control']).toBe('private, no-store');
    }
    await ctx.database.handle.db.update(services).set({ status: 'published' }).where(eq(services.id, serviceId));
  });
});

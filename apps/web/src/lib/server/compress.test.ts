import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressResponse, encodingFor } from './compress';

const page = `<!doctype html><html><body>${'<p>A care service near you</p>'.repeat(200)}</body></html>`;
const html = () => new Response(page, { status: 200, headers: { 'content-type': 'text/html' } });
const asking = (acceptEncoding: string | null) =>
  new Request('http://localhost/search', acceptEncoding ? { headers: { 'accept-encoding': acceptEncoding } } : {});

describe('compressResponse', () => {
  it('sends pages as brotli or gzip, whichever the browser prefers, and the text survives', async () => {
    const br = await compressResponse(asking('gzip, deflate, br'), html());
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('accept-encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(page.length / 5);
    expect(brotliDecompressSync(brBytes).toString()).toBe(page);

    const gz = await compressResponse(asking('gzip'), html());
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(page);
  });

  it('leaves alone what it should: no encoding asked for, images, tiny bodies, already encoded', async () => {
    expect((await compressResponse(asking(null), html())).headers.get('content-encoding')).toBeNull();
    expect((await compressResponse(asking('br;q=0'), html())).headers.get('content-encoding')).toBeNull();
    const image = new Response(new Uint8Array(4096), { headers: { 'content-type': 'image/webp' } });
    expect((await compressResponse(asking('br'), image)).headers.get('content-encoding')).toBeNull();
    const tiny = new Response('ok', { status: 404, headers: { 'content-type': 'text/plain' } });
    const sent = await compressResponse(asking('br'), tiny);
    expect([sent.status, await sent.text(), sent.headers.get('content-encoding')]).toEqual([404, 'ok', null]);
  });

  it('reads the Accept-Encoding list with its weights', () => {
    expect(encodingFor('gzip;q=1.0, br;q=0.5')).toBe('br');
    expect(encodingFor('identity')).toBeNull();
    expect(encodingFor('GZIP')).toBe('gzip');
  });
});

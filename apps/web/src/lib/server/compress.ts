// Compresses the pages and data the server renders (static files are precompressed by adapter-node). A search
// results page is about 115 KB of HTML; sent as it was, a phone on a slow connection waited for all of it before
// the first paint (Lighthouse: "no compression applied"). Brotli at a low quality costs about a millisecond.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|problem\+json|geo\+json))/;
/** Below this, the headers cost more than the bytes saved. */
const MIN_BYTES = 1024;

export function encodingFor(acceptEncoding: string | null): 'br' | 'gzip' | null {
  const accepted = (acceptEncoding ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
    .map(([name]) => name!.trim().toLowerCase());
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return null;
}

export async function compressResponse(request: Request, response: Response): Promise<Response> {
  const encoding = encodingFor(request.headers.get('accept-encoding'));
  const type = response.headers.get('content-type') ?? '';
  if (!encoding || !response.body || response.headers.has('content-encoding') || !COMPRESSIBLE.test(type)) {
    return response;
  }
  const body = Buffer.from(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  headers.append('vary', 'accept-encoding');
  if (body.length < MIN_BYTES) return new Response(body, { status: response.status, headers });
  const packed =
    encoding === 'br'
      ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
      : await gzipAsync(body, { level: 6 });
  headers.set('content-encoding', encoding);
  headers.delete('content-length');
  return new Response(packed, { status: response.status, headers });
}

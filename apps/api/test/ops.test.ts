import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

describe('operations endpoints', () => {
  it('reports liveness', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('reports readiness of the database and search engine', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', checks: { database: { ok: true }, search: { ok: true } } });
  });

  it('exposes Prometheus metrics, including request durations by route', async () => {
    await ctx.app.inject({ method: 'GET', url: '/health' });
    const res = await ctx.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} \d+/,
    );
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });

  it('keeps /metrics from callers on other machines, even through a trusted proxy (issue 13 #12)', async () => {
    for (const headers of [{}, { 'x-forwarded-for': '127.0.0.1' }]) {
      const res = await ctx.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9', headers });
      expectProblem(res, 404);
    }
  });

  it('with METRICS_TOKEN, /metrics answers only the scraper presenting it', async () => {
    const token = 'scrape-token-0123456789abcdef';
    const withToken = await buildTestApp({ METRICS_TOKEN: token });
    try {
      const get = (authorization?: string) =>
        withToken.app.inject({
          method: 'GET',
          url: '/metrics',
          remoteAddress: '10.1.2.3',
          headers: authorization ? { authorization } : {},
        });
      expectProblem(await get(), 404);
      expectProblem(await get('Bearer wrong-token-0123456789abcdef'), 404);
      expectProblem(await get(token), 404);
      const res = await get(`Bearer ${token}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('process_cpu_user_seconds_total');
    } finally {
      await withToken.close();
    }
  });

  it('publishes an OpenAPI 3 document covering every public route, and a UI', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/services',
      '/api/v1/services/{idOrSlug}',
      '/api/v1/auth/login',
      '/api/v1/auth/register',
      '/api/v1/auth/refresh',
      '/api/v1/auth/logout',
      '/api/v1/me',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const ui = await ctx.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('answers unknown routes with problem+json', async () => {
    const body = expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/v1/nothing-here' }), 404);
    expect(body.detail).toContain('/api/v1/nothing-here');
  });

  it('gives every response a request id, and keeps one the caller sent', async () => {
    const own = await ctx.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'trace-123' } });
    expect(own.headers['x-request-id']).toBe('trace-123');
    const generated = await ctx.app.inject({ method: 'GET', url: '/health' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers and allows only the web origin', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/health', headers: { origin: ctx.config.webOrigin } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBe(ctx.config.webOrigin);
    const other = await ctx.app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } });
    // The allowed origin is fixed, never reflected, so the browser refuses other sites.
    expect(other.headers['access-control-allow-origin']).toBe(ctx.config.webOrigin);
  });
});

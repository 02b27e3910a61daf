// The OpenAPI document is the contract other councils' tools read: it must validate, say who needs a token
// (checked against the declared access policy of every route), describe its tags, and document errors as
// application/problem+json.
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY } from './authorisation/policy.ts';
import { buildTestApp, type TestContext } from './helpers/test-app.ts';

interface Operation {
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, { format?: string }> } }> };
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
}
interface Document {
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
}

let ctx: TestContext;
let document: Document;

beforeAll(async () => {
  ctx = await buildTestApp();
  const res = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
  expect(res.statusCode).toBe(200);
  document = res.json<Document>();
});
afterAll(() => ctx.close());

function operations(): { key: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
  );
}

/** 'GET /api/v1/bookings/:id' in the policy is 'GET /api/v1/bookings/{id}' in the document. */
const documentKey = (policyKey: string) => policyKey.replace(/:([A-Za-z]+)/g, '{$1}');

describe('the OpenAPI document', () => {
  it('validates as OpenAPI 3 (swagger-parser)', async () => {
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it('names a server and has no path with a trailing slash', () => {
    expect(document.servers?.length).toBeGreaterThan(0);
    expect(Object.keys(document.paths).filter((path) => path !== '/' && path.endsWith('/'))).toEqual([]);
    expect(document.paths['/api/v1/bookings']?.get?.operationId).toBe('listBookings');
  });

  it('describes every tag an operation uses', () => {
    const described = new Map((document.tags ?? []).map((tag) => [tag.name, tag.description ?? '']));
    const used = new Set(operations().flatMap(({ operation }) => operation.tags ?? []));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((tag) => !described.get(tag)?.trim())).toEqual([]);
  });

  it('declares Bearer security on every operation that needs a signed-in person, and on no public one', () => {
    const documented = new Map(operations().map(({ key, operation }) => [key, operation]));
    const wrong: string[] = [];
    let signedIn = 0;
    for (const [policyKey, access] of Object.entries(POLICY)) {
      const operation = documented.get(documentKey(policyKey));
      if (!operation) continue; // the Swagger UI's own routes and OPTIONS are not operations of the API
      const security = operation.security ?? [];
      const requiresBearer = security.length > 0 && security.every((option) => 'bearerAuth' in option);
      const acceptsBearer = security.some((option) => 'bearerAuth' in option);
      if (!access.anonymous) {
        signedIn++;
        if (!requiresBearer) wrong.push(`${policyKey} needs a token but documents ${JSON.stringify(security)}`);
      } else if (requiresBearer && !access.ownCredential) {
        wrong.push(`${policyKey} is public but documents a required token`);
      }
      if (access.anonymous && !acceptsBearer && security.length > 0 && !access.ownCredential) {
        if (!security.some((option) => Object.keys(option).length === 0))
          wrong.push(`${policyKey}: ${JSON.stringify(security)}`);
      }
    }
    expect(signedIn).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });

  it('documents every error response as application/problem+json, 201 with Location and 401 with WWW-Authenticate', () => {
    const wrong: string[] = [];
    for (const { key, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const code = Number(status);
        const types = Object.keys(response.content ?? {});
        if (code >= 400 && types.join() !== 'application/problem+json') wrong.push(`${key} ${status}: ${types.join()}`);
        if (code === 201 && !response.headers?.Location) wrong.push(`${key} 201 without Location`);
        if (code === 401 && !response.headers?.['WWW-Authenticate']) wrong.push(`${key} 401 without WWW-Authenticate`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives the photo upload a multipart request body with the file and its description', () => {
    const upload = document.paths['/api/v1/provider/services/{id}/photos']?.post;
    const schema = upload?.requestBody?.content['multipart/form-data']?.schema;
    expect(schema?.properties?.file?.format).toBe('binary');
    expect(schema?.properties?.altText).toBeDefined();
  });
});

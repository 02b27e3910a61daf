// Ajv validators for the Open Referral UK 3.0 profile's own JSON schemas (test/fixtures/oruk-3.0-uk, CC BY-SA 4.0).
// The files declare no $schema; HSDS 3.0 documents its schemas as JSON Schema 2020-12, and every keyword they use
// means the same there, so we use Ajv's 2020-12 validator in strict mode with formats (uuid, uri, email,
// date-time) checked. The profile's Frictionless Data annotations are registered as keywords that assert nothing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const PROFILE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'oruk-3.0-uk');

function load(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(PROFILE_DIR, file), 'utf8')) as Record<string, unknown>;
}

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats.default(ajv);
for (const keyword of [
  'name',
  'constraints',
  'core',
  'example',
  'path',
  'datapackage_metadata',
  'datapackage_type',
  'tabular_required',
]) {
  ajv.addKeyword({ keyword });
}

// The single-entity files refer to each other by file name ("$ref": "taxonomy_term.json").
for (const file of readdirSync(PROFILE_DIR).filter((f) => f.endsWith('.json') && f !== 'openapi.json')) {
  ajv.addSchema(load(file), file);
}

const openapi = load('openapi.json') as {
  paths: Record<string, { get: { responses: { 200: { content: { 'application/json': { schema: object } } } } } }>;
  components: { schemas: { Page: { properties: Record<string, unknown> } } };
};

/** The profile's Page envelope, with every field required (the profile lists them; we send them all). */
function pageOf(item: object): object {
  const page = openapi.components.schemas.Page;
  return {
    type: 'object',
    properties: { ...page.properties, contents: { type: 'array', items: item } },
    required: [...Object.keys(page.properties), 'contents'],
  };
}

const compiled = (name: string) => load(`compiled/${name}.json`);

export const orukSchemas = {
  meta: ajv.compile({
    ...openapi.paths['/']!.get.responses[200].content['application/json'].schema,
    required: ['version', 'profile', 'openapi_url'],
  }),
  service: ajv.compile(compiled('service')),
  servicePage: ajv.compile(pageOf(compiled('service_list'))),
  /** /services?full=true: each item a whole service. */
  fullServicePage: ajv.compile(pageOf(compiled('service'))),
  // The profile's openapi.json points /service_at_locations/{id} at compiled/service.json while describing "a
  // fully nested service_at_location"; we answer a service_at_location and check it against that entity's schema.
  serviceAtLocation: ajv.getSchema('service_at_location.json')!,
  serviceAtLocationPage: ajv.compile(pageOf(compiled('service_at_location_list'))),
  organization: ajv.compile(compiled('organization')),
  organizationPage: ajv.compile(pageOf(compiled('organization_list'))),
  taxonomyPage: ajv.compile(pageOf({ $ref: 'taxonomy.json' })),
  taxonomy: ajv.getSchema('taxonomy.json')!,
  taxonomyTermPage: ajv.compile(pageOf({ $ref: 'taxonomy_term.json' })),
  taxonomyTerm: ajv.getSchema('taxonomy_term.json')!,
  phone: ajv.getSchema('phone.json')!,
};

/** Throws with Ajv's messages when `data` does not validate, so a failing test says what is wrong. */
export function expectValid(validate: ValidateFunction, data: unknown): void {
  if (!validate(data)) {
    const messages = (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''}`);
    throw new Error(`does not match the Open Referral UK schema: ${messages.join('; ')}`);
  }
}

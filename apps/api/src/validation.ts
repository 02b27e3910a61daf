// How requests are validated against their TypeBox schemas. Two rules on top of plain Ajv:
// 1. Only the query string and path parameters are coerced ("?page=2" is the number 2). A JSON body must carry
//    real numbers and booleans: `{"amountPence": true}` or `"0x10"` is a 400, never a 1p or 16p allocation.
// 2. No string anywhere in a request may hold a control character (NUL and the rest of C0 except tab, line feed
//    and carriage return, plus DEL). PostgreSQL cannot store NUL in text and nothing legitimate sends the others,
//    so they are refused here, for every route at once, as a 400 naming the field.
import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifySchema, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';

type ValidateFunction = ((data: unknown) => boolean) & { errors?: FastifySchemaValidationError[] | null };

// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The JSON pointer of the first string (or object key) holding a control character, or null. */
export function findControlCharacter(value: unknown, pointer = ''): string | null {
  if (typeof value === 'string') return CONTROL_CHARACTERS.test(value) ? pointer : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], `${pointer}/${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const path = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (CONTROL_CHARACTERS.test(key)) return path;
      const found = findControlCharacter(child, path);
      if (found !== null) return found;
    }
  }
  return null;
}

const shared = { removeAdditional: false, allErrors: true } as const;

/** One validator compiler for the app: coercing for querystring/params/headers, strict for bodies. */
export function createValidatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  const pool = AjvCompiler();
  const coercing = pool({}, { customOptions: { ...shared, coerceTypes: true } });
  const strict = pool({}, { customOptions: { ...shared, coerceTypes: false } });
  return (route) => {
    const compile = route.httpPart === 'body' ? strict : coercing;
    const validate = compile(route) as ValidateFunction;
    if (route.httpPart === 'headers') return validate;
    const guarded: ValidateFunction = (data) => {
      if (!validate(data)) {
        guarded.errors = validate.errors ?? null;
        return false;
      }
      const instancePath = findControlCharacter(data);
      if (instancePath === null) {
        guarded.errors = null;
        return true;
      }
      guarded.errors = [
        {
          keyword: 'controlCharacters',
          instancePath,
          schemaPath: '#',
          params: {},
          message: 'must not contain control characters',
        },
      ];
      return false;
    };
    return guarded;
  };
}

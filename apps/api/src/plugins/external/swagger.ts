// OpenAPI 3 document at /docs/json, generated from the TypeBox route schemas, with a UI at /docs.
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Care Assist API',
          description: 'Find, compare and arrange care services. Errors are application/problem+json (RFC 9457).',
          version: '0.1.0',
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
        tags: [
          { name: 'services', description: 'Care services directory and search' },
          { name: 'auth', description: 'Sign up, sign in, token refresh' },
          { name: 'shortlist', description: 'The services a signed-in user keeps to compare' },
          { name: 'ops', description: 'Health, readiness and metrics' },
          {
            name: 'open referral',
            description: 'The public directory as Open Referral UK (HSDS 3.0 UK profile): published services only',
          },
        ],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  },
  { name: 'swagger' },
);

// The public directory of care services.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemSchema, SearchQuerySchema, SearchResponseSchema, ServiceDetailSchema } from '@care-assist/domain';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        operationId: 'searchServices',
        tags: ['services'],
        summary: 'Search published care services by words, place, distance and filters, with facet counts',
        description:
          'Answered by Meilisearch, or by the Postgres fallback when Meilisearch is unreachable; the ' +
          '`X-Search-Backend` response header says which (`meilisearch` or `postgres`).',
        querystring: SearchQuerySchema,
        response: { 200: SearchResponseSchema, 400: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { response, backend } = await app.modules.directory.search(request.query);
      void reply.header('x-search-backend', backend);
      return response;
    },
  );

  app.get(
    '/:idOrSlug',
    {
      schema: {
        operationId: 'getService',
        tags: ['services'],
        summary: 'One published care service, by id or slug',
        description:
          'With the header `X-Page-View: 1` (sent by the web app when it renders the service page for a person, ' +
          'not for a bot, prefetch or re-render), the view is added to the anonymous daily count: once per viewer ' +
          '(address and `X-Viewer-Agent`, the browser the web app served) and day.',
        params: Type.Object({ idOrSlug: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: ServiceDetailSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const service = await app.modules.directory.get(request.params.idOrSlug);
      if (request.headers['x-page-view'] === '1') await countPageView(service.id, request);
      return service;
    },
  );

  app.post(
    '/:idOrSlug/page-views',
    {
      schema: {
        operationId: 'countServicePageView',
        tags: ['services'],
        summary: 'Count one view of a service page shown by client-side navigation (anonymous daily count)',
        params: Type.Object({ idOrSlug: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 204: Type.Null(), 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const service = await app.modules.directory.get(request.params.idOrSlug);
      await countPageView(service.id, request);
      return reply.code(204).send(null);
    },
  );

  /**
   * Counting must never cost the visitor their page: a failure is logged and the page is served. The viewer is
   * the caller's address (the web app forwards the person's through the trusted proxy) and browser: the web app
   * sends the person's user agent as X-Viewer-Agent, other callers are known by their own.
   */
  async function countPageView(serviceId: string, request: FastifyRequest) {
    const agent = request.headers['x-viewer-agent'] ?? request.headers['user-agent'] ?? '';
    try {
      await app.modules.listingActivity.countPageView(serviceId, {
        address: request.ip,
        userAgent: (Array.isArray(agent) ? agent.join(' ') : agent).slice(0, 512),
      });
    } catch (err) {
      request.log.warn({ err }, 'could not count a service page view');
    }
  }
};
export default routes;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemSchema, UserSchema } from '@care-assist/domain';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        operationId: 'me',
        tags: ['auth'],
        summary: 'The signed-in user',
        security: [{ bearerAuth: [] }],
        response: { 200: UserSchema, 401: ProblemSchema },
      },
    },
    async (request) => app.modules.auth.currentUser(request.actor),
  );
};
export default routes;

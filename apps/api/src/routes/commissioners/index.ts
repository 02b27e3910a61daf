// Council admins grant the commissioner permission to moderators (and revoke it); admins have it by role.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CommissionerChangeSchema, CommissionerListSchema, PageQuerySchema, ProblemSchema } from '@care-assist/domain';
import { pageOfList } from '../short-lists.ts';

const security = [{ bearerAuth: [] }];
const UserParams = Type.Object({ userId: Type.String({ format: 'uuid' }) });
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        operationId: 'listCommissioners',
        tags: ['insight'],
        summary: 'Council staff and whether each is a commissioner (admins only)',
        security,
        querystring: PageQuerySchema,
        response: { 200: CommissionerListSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => pageOfList(request.query, () => app.modules.commissioners.list(request.actor)),
  );

  app.put(
    '/:userId',
    {
      schema: {
        operationId: 'grantCommissioner',
        tags: ['insight'],
        summary: 'Grant a moderator the commissioner permission (admins only; audited)',
        security,
        params: UserParams,
        response: { 200: CommissionerChangeSchema, ...problems },
      },
    },
    async (request) => app.modules.commissioners.grant(request.actor, request.params.userId),
  );

  app.delete(
    '/:userId',
    {
      schema: {
        operationId: 'revokeCommissioner',
        tags: ['insight'],
        summary: 'Take the commissioner permission back from a moderator (admins only; audited)',
        security,
        params: UserParams,
        response: { 200: CommissionerChangeSchema, ...problems },
      },
    },
    async (request) => app.modules.commissioners.revoke(request.actor, request.params.userId),
  );
};
export default routes;

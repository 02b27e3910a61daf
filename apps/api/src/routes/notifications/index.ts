// In-app notifications for the signed-in user, with the unread count.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NotificationListSchema, PageQuerySchema, pageRequest, ProblemSchema } from '@care-assist/domain';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { notifications } = app.modules;

  app.get(
    '/',
    {
      schema: {
        operationId: 'listNotifications',
        tags: ['notifications'],
        summary: 'My latest notifications and how many are unread',
        querystring: PageQuerySchema,
        response: { 200: NotificationListSchema, 400: ProblemSchema, 401: ProblemSchema },
      },
    },
    async (request) => {
      // The on-demand check: an outcomes questionnaire that has come due is sent before the list is read.
      await app.modules.outcomes.sendDueFor(request.actor);
      return notifications.list(request.actor, pageRequest(request.query));
    },
  );

  app.post(
    '/:id/read',
    {
      schema: {
        operationId: 'markNotificationRead',
        tags: ['notifications'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      await notifications.markRead(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/read-all',
    {
      schema: {
        operationId: 'markAllNotificationsRead',
        tags: ['notifications'],
        response: { 204: Type.Null(), 401: ProblemSchema },
      },
    },
    async (request, reply) => {
      await notifications.markAllRead(request.actor);
      return reply.code(204).send(null);
    },
  );
};
export default routes;

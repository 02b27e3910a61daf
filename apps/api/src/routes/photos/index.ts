// Listing photos, served from DATA_DIR/photos by their generated names with their checked content type.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemSchema } from '@care-assist/domain';
import { NotFound } from '../../errors.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:fileName',
    {
      schema: {
        operationId: 'getPhoto',
        tags: ['services'],
        summary: 'A listing photo (of an unpublished listing: its organisation’s members and council staff only)',
        params: Type.Object({ fileName: Type.String({ pattern: '^[0-9a-f-]{36}\\.(jpg|png|webp)$' }) }),
        response: { 200: Type.Unknown(), 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const found = await app.modules.photos.find(request.actor, request.params.fileName);
      if (!found) throw new NotFound('There is no such photo.');
      return (
        reply
          .type(found.photo.contentType)
          // A photo of a listing nobody else may see yet must not sit in a shared cache.
          .header('cache-control', found.public ? 'public, max-age=86400, immutable' : 'private, no-store')
          .send(createReadStream(path.join(app.modules.photos.photoDir, found.photo.fileName)))
      );
    },
  );
};
export default routes;

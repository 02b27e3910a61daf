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
        summary: 'A listing photo',
        params: Type.Object({ fileName: Type.String({ pattern: '^[0-9a-f-]{36}\\.(jpg|png|webp)$' }) }),
        response: { 200: Type.Unknown(), 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const photo = await app.modules.photos.find(request.params.fileName);
      if (!photo) throw new NotFound('There is no such photo.');
      return reply
        .type(photo.contentType)
        .header('cache-control', 'public, max-age=86400, immutable')
        .send(createReadStream(path.join(app.modules.photos.photoDir, photo.fileName)));
    },
  );
};
export default routes;

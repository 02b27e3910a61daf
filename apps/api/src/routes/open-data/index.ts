// Open data downloads: the directory and the ratings and price benchmarks per service and per provider, as CSV
// and JSON, with the data dictionary and licence. Public, cached (ETag + Cache-Control) and rate-limited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  OPEN_DATA_DATASETS,
  OPEN_DATA_DICTIONARY,
  OPEN_DATA_FILES,
  OPEN_DATA_LICENCE,
  OpenDataIndexSchema,
  ProblemSchema,
  type OpenDataDataset,
  type OpenDataFormat,
} from '@care-assist/domain';
import type { Config } from '../../config.ts';
import {
  directoryRows,
  providerRatingRows,
  serviceRatingRows,
  toCsv,
  toJson,
} from '../../modules/open-data/presenters.ts';
import { publicDataCaching, publicDataRateLimit } from '../public-data.ts';

const tags = ['open data'];

/** The files are whole: no paging or filters, and an unknown parameter is a 400 rather than silently ignored. */
const NoQuery = Type.Object({}, { additionalProperties: false });

const routes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  await publicDataCaching(app);
  const limit = publicDataRateLimit(config);
  const openData = () => app.modules.openData;

  async function rowsOf(dataset: OpenDataDataset) {
    if (dataset === 'directory') return directoryRows(await openData().directory(), config.webOrigin);
    const tables = await openData().ratings();
    return dataset === 'service-ratings' ? serviceRatingRows(tables) : providerRatingRows(tables);
  }

  app.get(
    '/',
    {
      config: limit,
      schema: {
        operationId: 'getOpenDataIndex',
        tags,
        summary: 'The open data files, their data dictionary, row counts and licence',
        querystring: NoQuery,
        response: { 200: OpenDataIndexSchema, 400: ProblemSchema, 429: ProblemSchema },
      },
    },
    async () => {
      const [directory, tables] = await Promise.all([openData().directory(), openData().ratings()]);
      const rows: Record<OpenDataDataset, number> = {
        directory: directory.length,
        'service-ratings': tables.services.length,
        'provider-ratings': tables.providers.length,
      };
      return {
        licence: OPEN_DATA_LICENCE,
        datasets: OPEN_DATA_DATASETS.map((id) => ({
          id,
          ...OPEN_DATA_DICTIONARY[id],
          files: [`${id}.csv`, `${id}.json`],
          rows: rows[id],
        })),
        totals: {
          publishedServices: directory.length,
          providers: tables.providers.length,
          reviewsShown: tables.totalReviews.total,
          providersLeftOut: tables.totalReviews.cellsLeftOut,
        },
      };
    },
  );

  app.get(
    '/:file',
    {
      config: limit,
      schema: {
        operationId: 'downloadOpenData',
        tags,
        summary: 'One open data file: directory, service-ratings or provider-ratings, as .csv or .json',
        querystring: NoQuery,
        params: Type.Object({
          file: Type.String({ pattern: `^(${OPEN_DATA_FILES.map((f) => f.replace('.', '\\.')).join('|')})$` }),
        }),
        response: {
          200: Type.String({ description: 'The file (text/csv or application/json)' }),
          400: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const [dataset, format] = request.params.file.split('.') as [OpenDataDataset, OpenDataFormat];
      const rows = await rowsOf(dataset);
      void reply.header('content-disposition', `attachment; filename="care-assist-${request.params.file}"`);
      if (format === 'csv') {
        return reply.type('text/csv; charset=utf-8').send(toCsv(dataset, rows));
      }
      return reply.type('application/json; charset=utf-8').send(toJson(dataset, rows));
    },
  );
};
export default routes;

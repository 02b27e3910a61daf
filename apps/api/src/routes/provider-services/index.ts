// The caller's own listings: create, edit, submit for council review.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HttpProblem, ValidationFailed } from '../../errors.ts';
import type { PhotoUpload } from '../../modules/listings/photos.ts';
import { CONTROL_CHARACTERS } from '../../validation.ts';
import multipart from '@fastify/multipart';
import {
  PHOTO_LIMITS,
  PhotoUploadBodySchema,
  ServicePhotoSchema,
  ListingCreateSchema,
  ListingEditResultSchema,
  ListingPatchSchema,
  PageQuerySchema,
  PageSchema,
  ProblemSchema,
  ProviderListingSchema,
} from '@care-assist/domain';
import { pageOfList } from '../short-lists.ts';
import { IdParams } from '../params.ts';
import { created } from '../created.ts';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const security = [{ bearerAuth: [] }];
const tags = ['provider'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const listings = app.modules.listings;

  app.get(
    '/',
    {
      schema: {
        operationId: 'listMyListings',
        tags,
        security,
        summary: "Listings of the caller's organisations, in every status",
        querystring: PageQuerySchema,
        response: { 200: PageSchema(ProviderListingSchema), 400: ProblemSchema, 401: ProblemSchema },
      },
    },
    async (request) => pageOfList(request.query, () => listings.listMine(request.actor)),
  );

  app.post(
    '/',
    {
      schema: {
        operationId: 'createListing',
        tags,
        security,
        summary: 'Create a listing as a draft',
        body: ListingCreateSchema,
        response: { 201: ProviderListingSchema, ...problems },
      },
    },
    async (request, reply) => {
      const listing = await listings.create(request.actor, request.body);
      return created(reply, `/api/v1/provider/services/${listing.id}`, listing);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        operationId: 'getMyListing',
        tags,
        security,
        summary: 'One of the caller’s listings',
        params: IdParams,
        response: { 200: ProviderListingSchema, ...problems },
      },
    },
    async (request) => listings.get(request.actor, request.params.id),
  );

  app.patch(
    '/:id',
    {
      schema: {
        operationId: 'updateListing',
        tags,
        security,
        summary: 'Edit a listing; significant edits to a published listing send it back to review',
        params: IdParams,
        body: ListingPatchSchema,
        response: { 200: ListingEditResultSchema, ...problems },
      },
    },
    async (request) => listings.update(request.actor, request.params.id, request.body),
  );

  app.post(
    '/:id/submit',
    {
      schema: {
        operationId: 'submitListing',
        tags,
        security,
        summary: 'Ask the council to check and publish a draft or rejected listing',
        params: IdParams,
        response: { 200: ProviderListingSchema, ...problems },
      },
    },
    async (request) => listings.submit(request.actor, request.params.id),
  );

  // Multipart only here, for photos: one file, a few small fields, an image-sized limit.
  await app.register(multipart, {
    limits: { fileSize: PHOTO_LIMITS.maxBytes, files: 1, fields: 3, fieldSize: 1024 },
    throwFileSizeLimit: true,
  });

  app.get(
    '/:id/photos',
    {
      schema: {
        operationId: 'listListingPhotos',
        tags,
        security,
        summary: 'Photos of one of the caller’s listings',
        params: IdParams,
        querystring: PageQuerySchema,
        response: { 200: PageSchema(ServicePhotoSchema), ...problems },
      },
    },
    async (request) => pageOfList(request.query, () => app.modules.photos.list(request.actor, request.params.id)),
  );

  app.post(
    '/:id/photos',
    {
      config: { documentedBody: PhotoUploadBodySchema },
      schema: {
        operationId: 'uploadListingPhoto',
        tags,
        security,
        summary: 'Upload a JPEG, PNG or WebP photo (5 MB at most) as multipart fields `altText` and `file`',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: ServicePhotoSchema, 406: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, ...problems },
      },
    },
    async (request, reply) => {
      // Anything but multipart (a JSON body, say) is the wrong media type, whoever sends it.
      if (!request.isMultipart()) {
        throw new HttpProblem(415, 'Unsupported media type', 'Send the photo as multipart/form-data.');
      }
      const photo = await app.modules.photos.add(request.actor, request.params.id, () => readPhotoUpload(request));
      return created(reply, photo.url, photo);
    },
  );
};
export default routes;

/** The file and alt text of an upload. A body cut off mid-way is the client's fault: 400, not 500. */
async function readPhotoUpload(request: FastifyRequest): Promise<PhotoUpload> {
  let bytes: Buffer | null = null;
  let altText = '';
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') bytes = await part.toBuffer();
      else if (part.fieldname === 'altText' && typeof part.value === 'string') altText = part.value;
    }
  } catch (error) {
    // @fastify/multipart's own errors (too large, too many parts) carry a 4xx; busboy's parse errors do not.
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500) throw error;
    throw new ValidationFailed('The upload was incomplete or malformed; please try again.', [
      { field: 'file', message: 'The upload did not arrive in one piece' },
    ]);
  }
  if (!bytes) throw new ValidationFailed('Choose a photo to upload.', [{ field: 'file', message: 'Choose a photo' }]);
  if (CONTROL_CHARACTERS.test(altText)) {
    throw new ValidationFailed('The description contains characters that are not allowed.', [
      { field: 'altText', message: 'must not contain control characters' },
    ]);
  }
  return { bytes, altText };
}

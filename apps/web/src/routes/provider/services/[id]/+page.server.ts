// Edit a listing and its photos. Significant edits to a published listing send it back to the council for review.
import { error, fail } from '@sveltejs/kit';
import { PHOTO_LIMITS } from '@care-assist/domain';
import { api, problemMessage } from '$lib/server/api';
import { formString } from '$lib/server/forms';
import { requireSignIn } from '$lib/server/access';
import { listingFromForm, listingProblemErrors, listingToValues } from '$lib/server/listing-form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url, params }) => {
  const token = requireSignIn(locals, url);
  const [result, photos] = await Promise.all([api.myListing(token, params.id), api.listingPhotos(token, params.id)]);
  if (!result.ok) {
    error(result.status === 403 ? 403 : 404, {
      message: result.status === 403 ? 'That listing belongs to another organisation' : 'There is no such listing',
    });
  }
  return {
    listing: result.data,
    values: listingToValues(result.data),
    photos: photos.ok
      ? photos.data.items.map((photo) => ({
          id: photo.id,
          src: `/photos/${photo.url.split('/').pop()}`,
          altText: photo.altText,
        }))
      : [],
    created: url.searchParams.has('created'),
  };
}) satisfies PageServerLoad;

const MAX_MB = PHOTO_LIMITS.maxBytes / (1024 * 1024);

export const actions = {
  save: async ({ request, locals, url, params }) => {
    const token = requireSignIn(locals, url);
    const { body, values, errors } = listingFromForm(await request.formData());
    if (Object.keys(errors).length) return fail(400, { values, errors });
    const result = await api.updateListing(token, params.id, body);
    if (!result.ok) return fail(result.status, { values, errors: listingProblemErrors(result.problem) });
    return { saved: true, backToReview: result.data.backToReview };
  },

  photo: async ({ request, locals, url, params }) => {
    const token = requireSignIn(locals, url);
    const form = await request.formData();
    const altText = formString(form, 'altText');
    const file = form.get('file');
    const photoErrors: Record<string, string> = {};
    if (!(file instanceof File) || file.size === 0) photoErrors.photoFile = 'Choose a photo to upload';
    else if (file.size > PHOTO_LIMITS.maxBytes) photoErrors.photoFile = `The photo must be ${MAX_MB} MB or smaller`;
    if (altText.length < 3 || altText.length > 300) {
      photoErrors.photoAltText = 'Describe the photo in 3 to 300 characters';
    }
    if (Object.keys(photoErrors).length || !(file instanceof File)) {
      return fail(400, { photoErrors, photoValues: { altText } });
    }

    const result = await api.uploadListingPhoto(token, params.id, altText, file);
    if (!result.ok) {
      const fields: Record<string, string> = {};
      for (const { field, message } of result.problem.errors ?? []) {
        fields[field.endsWith('altText') ? 'photoAltText' : 'photoFile'] ??= message;
      }
      if (result.status === 413) fields.photoFile = `The photo must be ${MAX_MB} MB or smaller`;
      if (result.status === 415) fields.photoFile = 'The photo must be a JPEG, PNG or WebP image';
      if (!Object.keys(fields).length) fields.form = problemMessage(result.problem);
      return fail(result.status, { photoErrors: fields, photoValues: { altText } });
    }
    return { photoAdded: true };
  },
} satisfies Actions;

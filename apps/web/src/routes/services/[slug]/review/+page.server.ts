// Write a review of one service. Signed-in residents only; the API checks every rule and we show its
// field errors next to the fields, keeping what the person typed.
import { error, fail, redirect } from '@sveltejs/kit';
import {
  ALL_REVIEW_CATEGORIES,
  REVIEWER_RELATIONSHIPS,
  categoriesFor,
  mentionsHarm,
  type CategoryScores,
  type MyReview,
  type ReviewerRelationship,
} from '@care-assist/domain';
import { api, problemFormErrors } from '$lib/server/api';
import { deviceIdFor } from '$lib/server/device';
import { formStrings, type FieldErrors } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { requireSignIn } from '$lib/server/access';

// No JavaScript on this page: everything on it works as plain HTML and forms, and a phone that hydrates nothing
// has nothing to block on (issue 14, Lighthouse on a phone).
export const csr = false;

/** What ?edit= names: one of the person's own reviews of this service that was sent back or rejected. */
async function reviewToEdit(accessToken: string, url: URL, serviceId: string): Promise<MyReview | null> {
  const id = url.searchParams.get('edit');
  if (!id) return null;
  // The person's own reviews, a page of 100 at a time (people write a handful; reviewers a few dozen).
  let review: MyReview | undefined;
  for (let page = 1; !review; page++) {
    const mine = await api.myReviews(accessToken, { page: String(page), per_page: '100' });
    if (!mine.ok) break;
    review = mine.data.items.find((r) => r.id === id && r.serviceId === serviceId);
    if (page >= mine.data.totalPages) break;
  }
  if (!review || !EDITABLE.includes(review.status)) {
    error(404, { message: 'There is no review of yours to edit here. Your reviews are listed on "Your reviews".' });
  }
  return review;
}
const EDITABLE: readonly string[] = ['pending', 'changes_requested', 'rejected'];

/** The form's values from a review being edited, so the person changes only what was asked. */
function valuesOf(review: MyReview): Record<string, string> {
  const values: Record<string, string> = {
    relationship: review.relationship,
    overall: String(review.overall),
    periodMonth: String(review.periodMonth),
    periodYear: String(review.periodYear),
    title: review.title,
    body: review.body,
  };
  for (const [category, score] of Object.entries(review.categories)) {
    if (score !== null && score !== undefined) values[category] = String(score);
  }
  return values;
}

export const load = (async ({ params, locals, url }) => {
  const accessToken = requireSignIn(locals, url.pathname + url.search);
  const result = await api.getService(params.slug);
  if (!result.ok) error(404, { message: 'Service not found', code: 'not_found' });
  const editing = await reviewToEdit(accessToken, url, result.data.id);
  return {
    service: result.data,
    categories: categoriesFor(result.data.careTypes),
    editing: editing && {
      id: editing.id,
      values: valuesOf(editing),
      rejectReason: editing.rejectReason,
      moderatorNote: editing.moderatorNote,
    },
  };
}) satisfies PageServerLoad;

const toScore = (value: string) => (/^[1-5]$/.test(value) ? Number(value) : null);

export const actions = {
  default: async ({ request, params, locals, url, cookies }) => {
    requireSignIn(locals, url.pathname + url.search);
    const service = await api.getService(params.slug);
    if (!service.ok) error(404, { message: 'Service not found', code: 'not_found' });
    const form = await request.formData();
    const values: Record<string, string> = formStrings(form, [
      'relationship',
      'overall',
      'periodMonth',
      'periodYear',
      'title',
      'body',
      'consent',
      ...ALL_REVIEW_CATEGORIES,
    ]);
    const errors: FieldErrors = {};
    if (!REVIEWER_RELATIONSHIPS.includes(values.relationship as ReviewerRelationship)) {
      errors.relationship = 'Choose how you know the person who receives care';
    }
    if (!toScore(values.overall ?? '')) errors.overall = 'Choose an overall rating from 1 to 5';
    if (!/^\d{1,2}$/.test(values.periodMonth ?? '') || !/^\d{4}$/.test(values.periodYear ?? '')) {
      errors.periodMonth = 'Choose the month and year of the care';
    }
    if (Object.keys(errors).length > 0) return fail(400, { values, errors });

    const categories: CategoryScores = {};
    for (const category of categoriesFor(service.data.careTypes))
      categories[category] = toScore(values[category] ?? '');
    const answers = {
      relationship: values.relationship as ReviewerRelationship,
      overall: toScore(values.overall!)!,
      categories,
      periodMonth: Number(values.periodMonth),
      periodYear: Number(values.periodYear),
      title: values.title!,
      body: values.body!,
      consent: values.consent === 'yes',
    };
    const editing = await reviewToEdit(locals.accessToken!, url, service.data.id);
    const result = editing
      ? await api.editReview(locals.accessToken, editing.id, answers)
      : await api.submitReview(
          locals.accessToken,
          { serviceId: service.data.id, ...answers },
          deviceIdFor(cookies, url),
        );
    if (!result.ok) {
      const fieldErrors = problemFormErrors(result.problem);
      return fail(result.status, { values, errors: fieldErrors });
    }
    redirect(303, `/account/reviews?submitted=1${mentionsHarm(answers.title, answers.body) ? '&concern=1' : ''}`);
  },
} satisfies Actions;

// A service page: everything a resident needs to judge one care service, including its reviews
// (filtered and sorted from the query string) and the helpful/report forms.
import { error, fail } from '@sveltejs/kit';
import { REPORT_REASONS, type ReportReason } from '@care-assist/domain';
import { api, problemMessage } from '$lib/server/api';
import { countsAsPageView } from '$lib/server/page-views';
import { readWeeklyCost } from '$lib/weekly-cost-form';
import { formString } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { requireSignIn } from '$lib/server/access';

const FILTERS = ['relationship', 'rating', 'verified', 'sort', 'page'] as const;

export const load = (async ({ params, url, request, isDataRequest }) => {
  const query = Object.fromEntries(FILTERS.map((f) => [f, url.searchParams.get(f) || undefined]));
  const countView = countsAsPageView({ request, isDataRequest, url });
  const [result, reviews, questions] = await Promise.all([
    api.getService(params.slug, undefined, { countView, viewerAgent: request.headers.get('user-agent') }),
    api.serviceReviews(params.slug, query),
    api.serviceQuestions(params.slug),
  ]);
  if (result.ok) {
    return {
      service: result.data,
      weeklyCost: readWeeklyCost(url.searchParams, result.data.prices),
      shortlisted: url.searchParams.get('shortlisted') === '1',
      reviews: reviews.ok ? reviews.data : null,
      reviewFilters: query,
      questions: questions.ok ? questions.data.items : [],
      questionsTotal: questions.ok ? questions.data.total : 0,
      reviewFilterError: reviews.ok ? null : problemMessage(reviews.problem),
    };
  }
  if (result.status === 404 || result.status === 400) {
    error(404, { message: 'Service not found', code: 'not_found' });
  }
  error(result.status, { message: problemMessage(result.problem) });
}) satisfies PageServerLoad;

export const actions = {
  helpful: async ({ request, locals, url }) => {
    requireSignIn(locals, url.pathname);
    const reviewId = formString(await request.formData(), 'reviewId');
    const result = await api.markHelpful(locals.accessToken, reviewId);
    if (!result.ok) return fail(result.status, { reviewId, message: problemMessage(result.problem) });
    return { reviewId, message: 'Thank you: you marked this review as helpful.' };
  },
  report: async ({ request, locals, url }) => {
    requireSignIn(locals, url.pathname);
    const form = await request.formData();
    const reviewId = formString(form, 'reviewId');
    const reason = formString(form, 'reason');
    if (!(reason in REPORT_REASONS))
      return fail(400, { reviewId, message: 'Choose why you are reporting this review.' });
    const note = formString(form, 'note');
    const result = await api.reportReview(locals.accessToken, reviewId, {
      reason: reason as ReportReason,
      ...(note ? { note } : {}),
    });
    if (!result.ok) return fail(result.status, { reviewId, message: problemMessage(result.problem) });
    return { reviewId, message: 'Thank you: a moderator will look at this review.' };
  },
  ask: async ({ request, locals, url, params }) => {
    requireSignIn(locals, url.pathname);
    const body = formString(await request.formData(), 'question');
    const result = await api.askQuestion(locals.accessToken, params.slug, body);
    if (!result.ok)
      return fail(result.status, {
        questionMessage: result.problem.errors?.[0]?.message ?? problemMessage(result.problem),
        question: body,
      });
    return { questionMessage: 'Thank you: your question will appear once a moderator has checked it.' };
  },
  answer: async ({ request, locals, url }) => {
    requireSignIn(locals, url.pathname);
    const form = await request.formData();
    const questionId = formString(form, 'questionId');
    const result = await api.answerQuestion(locals.accessToken, questionId, formString(form, 'answer'));
    if (!result.ok) return fail(result.status, { questionId, questionMessage: problemMessage(result.problem) });
    return { questionId, questionMessage: 'Thank you: your answer will appear once a moderator has checked it.' };
  },
} satisfies Actions;

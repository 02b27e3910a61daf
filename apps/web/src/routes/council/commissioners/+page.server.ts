// Admins grant council moderators the commissioner permission (council insight) and take it back; the API
// checks that the caller is an admin and writes each change to the audit log.
import { error, fail } from '@sveltejs/kit';
import { api, problemMessage } from '$lib/server/api';
import { formString } from '$lib/server/forms';
import { requireSignIn } from '$lib/server/access';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  const accessToken = requireSignIn(locals, url);
  const staff = await api.commissioners(accessToken);
  if (!staff.ok) error(staff.status, { message: problemMessage(staff.problem) });
  return { staff: staff.data.items };
}) satisfies PageServerLoad;

async function change(
  commissioner: boolean,
  { request, locals, url }: { request: Request; locals: App.Locals; url: URL },
) {
  const accessToken = requireSignIn(locals, url);
  const form = await request.formData();
  const userId = formString(form, 'userId');
  const name = formString(form, 'name');
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return fail(400, { error: 'Choose a person from the list.' });
  const result = await api.setCommissioner(accessToken, userId, commissioner);
  if (!result.ok) return fail(result.status, { error: problemMessage(result.problem) });
  return {
    done: commissioner ? `${name} can now see council insight.` : `${name} can no longer see council insight.`,
  };
}

export const actions = {
  grant: (event) => change(true, event),
  revoke: (event) => change(false, event),
} satisfies Actions;

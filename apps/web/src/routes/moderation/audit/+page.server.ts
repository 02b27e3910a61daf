// The council's audit log of moderation and verification actions (admins), filtered by target, action or actor.
import { error } from '@sveltejs/kit';
import { api, problemMessage } from '$lib/server/api';
import type { PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/access';
import { pageQuery } from '$lib/paging';

/** For the error summary: a field id to link to, when there is one. */
type FilterError = { field?: string; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load = (async ({ locals, url }) => {
  requirePermission(locals, url, 'read_audit_log');
  const filter = {
    targetType: url.searchParams.get('targetType')?.trim().slice(0, 40) ?? '',
    action: url.searchParams.get('action')?.trim().slice(0, 40) ?? '',
    actorId: url.searchParams.get('actorId')?.trim() ?? '',
  };
  // A mangled "only this person" link: say so, and show everyone's actions instead of nothing.
  const linkErrors: FilterError[] = [];
  if (filter.actorId && !UUID.test(filter.actorId)) {
    linkErrors.push({ message: 'That link does not name anyone in the log: choose a name in the log below' });
    filter.actorId = '';
  }
  const result = await api.auditLog(locals.accessToken, { ...filter, ...pageQuery(url) });
  if (!result.ok) {
    if (result.status === 400) {
      const errors: FilterError[] = [{ message: problemMessage(result.problem) }];
      return { filter, entries: [], list: null, errors };
    }
    error(result.status, { message: problemMessage(result.problem) });
  }
  return { filter, entries: result.data.items, list: result.data, errors: linkErrors };
}) satisfies PageServerLoad;

// Council staff: what outcome records exist (answers from people and carers, delivered hours, admissions),
// the council-arranged care recorded outside Care Assist, and a form to record more of it.
import { error, fail } from '@sveltejs/kit';
import { CARE_TYPE_CODES, type CareType } from '@care-assist/domain';
import { api, problemFormErrors, problemMessage } from '$lib/server/api';
import { formStrings } from '$lib/server/forms';
import { requirePermission } from '$lib/server/access';
import { pageQuery } from '$lib/paging';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  const accessToken = requirePermission(locals, url, 'record_outcomes');
  const [totals, packages] = await Promise.all([
    api.outcomeTotals(accessToken),
    api.carePackages(accessToken, pageQuery(url)),
  ]);
  if (!totals.ok) error(totals.status, problemMessage(totals.problem));
  if (!packages.ok) error(packages.status, problemMessage(packages.problem));
  return { totals: totals.data, packages: packages.data.items, packageList: packages.data };
}) satisfies PageServerLoad;

export const actions = {
  package: async ({ locals, request, url }) => {
    const accessToken = requirePermission(locals, url, 'record_outcomes');
    const form = await request.formData();
    const values = formStrings(form, ['personReference', 'service', 'careType', 'hoursPerWeek', 'startOn', 'endOn']);
    const errors: Record<string, string> = {};
    if (!values.personReference) errors.personReference = 'Enter the council case reference';
    if (!CARE_TYPE_CODES.includes(values.careType as CareType)) errors.careType = 'Choose the type of care';
    if (values.hoursPerWeek && !/^\d{1,3}(\.\d{1,2})?$/.test(values.hoursPerWeek))
      errors.hoursPerWeek = 'Enter hours a week as a number, like 10.5';
    // Staff name the service by its address on Care Assist (the end of its page's link) or its id.
    const service = values.service ? await api.getService(values.service.replace(/^.*\/services\//, '')) : null;
    if (!service?.ok) errors.service = 'Enter the address of a published service, like chelmer-valley-home-care';
    if (Object.keys(errors).length > 0 || !service?.ok) return fail(400, { values, errors });
    const body = {
      personReference: values.personReference,
      serviceId: service.data.id,
      careType: values.careType as CareType,
      ...(values.hoursPerWeek ? { hoursPerWeek: Number(values.hoursPerWeek) } : {}),
      startOn: values.startOn,
      ...(values.endOn ? { endOn: values.endOn } : {}),
    };
    const result = await api.recordCarePackage(accessToken, body);
    if (!result.ok) {
      return fail(result.status, { values, errors: problemFormErrors(result.problem) });
    }
    return {
      done: `Recorded care ${result.data.personReference} with ${result.data.serviceName}.`,
      packageId: result.data.id,
    };
  },
} satisfies Actions;

// Turns a form's field errors into error summary items, in the order the fields appear on the page.
import type { ErrorSummaryItem } from '$lib/components/ErrorSummary.svelte';

/**
 * `form` is the key for errors that belong to no single field; those are listed first, without a link. Without a
 * field order the fields are listed in the order the action gave them.
 */
export function errorSummaryItems(
  errors: Record<string, string>,
  fieldOrder: string[] = Object.keys(errors),
): ErrorSummaryItem[] {
  const items: ErrorSummaryItem[] = [];
  if (errors.form) items.push({ message: errors.form });
  for (const field of fieldOrder) {
    const message = errors[field];
    if (message) items.push({ message, field });
  }
  for (const [field, message] of Object.entries(errors)) {
    if (field !== 'form' && !fieldOrder.includes(field)) items.push({ message });
  }
  return items;
}

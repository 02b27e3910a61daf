// What a form action handed back to its page: the values to show again and the errors by field (`form` for
// errors that belong to no single field). Pages with several actions get a union of shapes; read them here.

type ActionResult = object | null | undefined;

export function formValues(form: ActionResult): Record<string, string> {
  return (form && 'values' in form ? (form.values ?? {}) : {}) as Record<string, string>;
}

export function formErrors(form: ActionResult): Record<string, string> {
  return (form && 'errors' in form ? (form.errors ?? {}) : {}) as Record<string, string>;
}

/**
 * A field is named once: its id is also the key of the value to show again and of its error. Spread what this
 * returns into a field, as in `<TextField {...field('reason')} label="Reason" />`.
 */
export function fieldProps(values: Partial<Record<string, string>>, errors: Partial<Record<string, string>>) {
  return (id: string) => ({ id, value: values[id] ?? '', error: errors[id] });
}

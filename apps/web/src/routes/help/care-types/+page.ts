// A page of plain help text: served as HTML with no JavaScript, so it is quick on any phone.
export const csr = false;

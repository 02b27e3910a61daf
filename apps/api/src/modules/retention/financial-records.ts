// What is left of a deleted account's bookings when the council no longer has to keep it. Deleting an account
// keeps its bookings, invoices and ledger entries (the council must keep financial records) without the person's
// name or what they wrote. Once `financialRecordYears` have passed after the end of the financial year (1 April
// to 31 March) in which a booking last changed, the rest of its text goes too: the provider's quote terms and
// reasons, every message and the notes on its history. Amounts, dates, the service and the ledger stay, as
// anonymous figures, so budgets and the council's totals still add up. The queries are in repository.ts.

/** The first 1 April (UTC) on or before `date`: financial years in England start then. */
export function financialYearStart(date: Date): Date {
  const year = date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return new Date(Date.UTC(year, 3, 1));
}

/**
 * Bookings last changed before this moment belong to financial years that ended at least `years` years before
 * `now`: a year ending 31 March Y is kept until 1 April Y + years.
 */
export function financialRecordsCutoff(now: Date, years: number): Date {
  const back = new Date(now);
  back.setUTCFullYear(back.getUTCFullYear() - years);
  return financialYearStart(back);
}

/** At deletion: what the person wrote in their requests and messages (accounts/deletion.ts calls it in its tx). */
export { eraseWrittenByRequester } from './repository.ts';

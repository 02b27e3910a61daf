// Small display helpers for the web pages; money, ratings and distances come from @care-assist/domain.

const MILES_PER_KM = 0.621371;

// One formatter each, made once: building an Intl formatter per call (what toLocaleString with options does) was a
// measurable part of rendering a service page with its monthly trend.
const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});
const shortUtcDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const utcMonth = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export function formatDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : longDate.format(date);
}

/** "1 Dec 2026, 14:05" in UK time: when something happened (audit entries, notifications, escalations). */
export function formatDateTime(iso: string): string {
  return londonDateTime.format(new Date(iso));
}

/** "1 Dec 2026": a ledger or budget date, which the API gives as a UTC day. */
export function formatShortDate(iso: string): string {
  return shortUtcDate.format(new Date(iso));
}

/** "Dec 2026" for a month written "2026-12". */
export function formatMonth(month: string): string {
  return utcMonth.format(new Date(`${month}-01T00:00:00Z`));
}

/** "5 km (3.1 miles)": radius choices are in km like the API, with miles for people who think in miles. */
export function radiusLabel(km: number): string {
  const miles = km * MILES_PER_KM;
  const shown = miles < 10 ? miles.toFixed(1) : Math.round(miles).toString();
  return `${km} km (${shown} miles)`;
}

/** Provider-entered web addresses are only linked when they are plain http(s) addresses. */
export function safeExternalUrl(value: string | null | undefined): URL | null {
  if (!value) return null;
  try {
    const url = new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** The digits to dial, for a `tel:` link. */
export function dialNumber(phone: string): string {
  return phone.replace(/[^\d+]/g, '');
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

export const ROLE_LABELS: Record<string, string> = {
  resident: 'Looking for care',
  provider: 'Care provider',
  moderator: 'Council moderator',
  admin: 'Council administrator',
};

/** "CM1 1AA" as people write it when they typed a full postcode; otherwise the API's label ("CM1", "CM1 1"). */
export function placeName(location: { query: string; label: string }): string {
  const compact = location.query.toUpperCase().replace(/\s+/g, '');
  if (/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact)) return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  return location.label;
}

// Money is integer pence everywhere; these helpers are the only place it becomes pounds.
import { PRICE_UNITS, type PriceUnit } from './taxonomy.ts';

const poundFormat = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/**
 * Pounds as people type them ("1,250.50", "£40", "12.5", "-25") as whole pence, or null when the text is not an
 * amount of money (empty, letters, three decimal places, commas that are not thousands separators, too large).
 * A minus sign is accepted only when `signed` is set (an adjustment can take money away). Whole-number arithmetic, so
 * "0.29" is 29 pence, never 28.999...
 */
export function parsePounds(text: string, { signed = false } = {}): number | null {
  const match = /^([-+]?)£?([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text.replace(/\s/g, ''));
  if (!match) return null;
  const [, signBefore = '', signAfter = '', whole = '', fraction = ''] = match;
  const sign = signBefore || signAfter;
  if ((signBefore && signAfter) || (sign === '-' && !signed)) return null;
  const pence = Number(whole.replace(/,/g, '')) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(pence)) return null;
  return sign === '-' && pence !== 0 ? -pence : pence;
}

export function formatPence(amountPence: number): string {
  return poundFormat.format(amountPence / 100);
}

export interface Price {
  unit: PriceUnit;
  amountPence: number;
}

export function formatPrice(price: Price): string {
  return `${formatPence(price.amountPence)} ${PRICE_UNITS[price.unit]}`;
}

/** The price people compare first: hourly for care at home, weekly for residential care. */
export function headlinePrice(prices: Partial<Record<PriceUnit, number | null>>): Price | null {
  for (const unit of ['hour', 'week', 'night', 'visit'] as const) {
    const amountPence = prices[unit];
    if (typeof amountPence === 'number') return { unit, amountPence };
  }
  return null;
}

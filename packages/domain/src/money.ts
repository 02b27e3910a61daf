// Money is integer pence everywhere; these helpers are the only place it becomes pounds.
import { PRICE_UNITS, type PriceUnit } from './taxonomy.ts';

const poundFormat = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

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

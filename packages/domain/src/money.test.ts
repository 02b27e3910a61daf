import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPence, parsePounds } from './money.ts';

const pence = fc.integer({ min: 0, max: 10_000_000_000 });

describe('parsePounds', () => {
  it('reads what people type', () => {
    expect(parsePounds('40')).toBe(4000);
    expect(parsePounds('£40')).toBe(4000);
    expect(parsePounds('12.5')).toBe(1250);
    expect(parsePounds('0.29')).toBe(29);
    expect(parsePounds(' 1,250.50 ')).toBe(125050);
    expect(parsePounds('£ 1 250')).toBe(125000);
    expect(parsePounds('+25')).toBe(2500);
  });

  it('takes a minus sign only when asked to', () => {
    expect(parsePounds('-25')).toBeNull();
    expect(parsePounds('-25', { signed: true })).toBe(-2500);
    expect(parsePounds('-£25.10', { signed: true })).toBe(-2510);
    expect(parsePounds('£-25.10', { signed: true })).toBe(-2510);
    expect(parsePounds('-£-25', { signed: true })).toBeNull();
  });

  it('refuses what is not an amount of money', () => {
    for (const text of ['', ' ', '£', 'ten', '12.345', '1,2', '12,34.00', '1.2.3', '12e3', 'NaN', '0x10', '.5', '5.']) {
      expect(parsePounds(text), text).toBeNull();
    }
    expect(parsePounds('9'.repeat(20))).toBeNull();
  });

  it('reads back every amount as we print it', () => {
    fc.assert(
      fc.property(pence, (amount) => {
        expect(parsePounds(formatPence(amount))).toBe(amount);
        expect(parsePounds((amount / 100).toFixed(2))).toBe(amount);
        expect(parsePounds(formatPence(-amount), { signed: true })).toBe(amount === 0 ? 0 : -amount);
      }),
    );
  });

  it('gives whole pence or null for any text, and never a negative amount unless signed', () => {
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (text, signed) => {
        const result = parsePounds(text, { signed });
        expect(result === null || Number.isSafeInteger(result)).toBe(true);
        if (!signed && result !== null) expect(result).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('ignores spaces and a pound sign, and agrees with the same text without them', () => {
    fc.assert(
      fc.property(pence, fc.boolean(), (amount, withSign) => {
        const plain = (amount / 100).toFixed(2);
        expect(parsePounds(`${withSign ? '£' : ''} ${plain} `)).toBe(parsePounds(plain));
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMonth, formatShortDate } from './format';

describe('date formatting', () => {
  it('shows when something happened in UK time, summer and winter', () => {
    expect(formatDateTime('2026-07-01T13:05:00Z')).toBe('1 Jul 2026, 14:05');
    expect(formatDateTime('2026-12-01T13:05:00Z')).toBe('1 Dec 2026, 13:05');
  });

  it('shows a UTC day as that day wherever the server runs', () => {
    expect(formatShortDate('2026-04-01')).toBe('1 Apr 2026');
    expect(formatShortDate('2026-03-31T23:30:00Z')).toBe('31 Mar 2026');
  });

  it('names a month written year-month', () => {
    expect(formatMonth('2026-12')).toBe('Dec 2026');
    expect(formatMonth('2025-01')).toBe('Jan 2025');
  });
});

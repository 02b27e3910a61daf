import { describe, expect, it } from 'vitest';
import { isSignificantEdit, nextStatus } from './listing-rules.ts';

describe('listing lifecycle', () => {
  it('goes draft -> pending -> published, and pending -> rejected -> pending again', () => {
    expect(nextStatus('submit', 'draft')).toBe('pending');
    expect(nextStatus('publish', 'pending')).toBe('published');
    expect(nextStatus('reject', 'pending')).toBe('rejected');
    expect(nextStatus('submit', 'rejected')).toBe('pending');
  });

  it('refuses moves that skip the council or go backwards', () => {
    expect(nextStatus('publish', 'draft')).toBeNull();
    expect(nextStatus('publish', 'rejected')).toBeNull();
    expect(nextStatus('submit', 'published')).toBeNull();
    expect(nextStatus('reject', 'published')).toBeNull();
    expect(nextStatus('suspend', 'draft')).toBeNull();
  });

  it('lets the council suspend a published listing and reinstate it', () => {
    expect(nextStatus('suspend', 'published')).toBe('suspended');
    expect(nextStatus('publish', 'suspended')).toBe('published');
  });
});

describe('significant edits', () => {
  it('treats prices and vacancies as minor, and what the listing claims to be as significant', () => {
    expect(isSignificantEdit(['pricePerHourPence', 'acceptingNewClients'])).toBe(false);
    expect(isSignificantEdit(['pricePerHourPence', 'name'])).toBe(true);
    expect(isSignificantEdit(['careTypes'])).toBe(true);
    expect(isSignificantEdit(['postcode'])).toBe(true);
  });
});

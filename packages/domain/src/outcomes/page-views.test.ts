import { describe, expect, it } from 'vitest';
import { countsAsPageView, isLikelyBot } from './page-views.ts';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const render = (overrides: Partial<Parameters<typeof countsAsPageView>[0]> = {}) => ({
  method: 'GET',
  isDataRequest: false,
  userAgent: CHROME,
  purpose: '',
  searchParams: new URLSearchParams(),
  ...overrides,
});

describe('countsAsPageView', () => {
  it('counts a browser loading the page', () => {
    expect(countsAsPageView(render())).toBe(true);
    expect(countsAsPageView(render({ searchParams: new URLSearchParams('utm_source=leaflet') }))).toBe(true);
  });

  it('does not count bots, headless browsers, tools or a missing user agent', () => {
    for (const agent of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36',
      'curl/8.5.0',
      'python-requests/2.32',
      null,
    ]) {
      expect(isLikelyBot(agent)).toBe(true);
      expect(countsAsPageView(render({ userAgent: agent }))).toBe(false);
    }
  });

  it('does not count prefetches, data requests, form posts or re-renders of the same listing', () => {
    expect(countsAsPageView(render({ purpose: 'prefetch' }))).toBe(false);
    expect(countsAsPageView(render({ purpose: 'prefetch;prerender' }))).toBe(false);
    expect(countsAsPageView(render({ isDataRequest: true }))).toBe(false);
    expect(countsAsPageView(render({ method: 'POST' }))).toBe(false);
    expect(countsAsPageView(render({ searchParams: new URLSearchParams('sort=newest') }))).toBe(false);
    expect(countsAsPageView(render({ searchParams: new URLSearchParams('page=2') }))).toBe(false);
  });
});

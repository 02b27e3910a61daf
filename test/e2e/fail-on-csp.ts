// Every browser test fails when the page logged a Content Security Policy violation: a refused inline style
// or script is a feature that silently does not work (issue 14: rating bars drew as 2 px stubs).
import { afterEach, expect } from 'vitest';
import { takeCspViolations } from './browser.ts';

afterEach(() => {
  expect(takeCspViolations(), 'Content Security Policy violations in the browser console').toEqual([]);
});

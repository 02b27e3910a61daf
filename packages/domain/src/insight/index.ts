// Council insight: the pure statistics every dashboard, provider page and open-data download shares.
export * from './stats.ts';
export * from './suppression.ts';
export * from './responses.ts';
export * from './recognition.ts';
export * from './api-schemas.ts';

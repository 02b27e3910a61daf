export * from './listing-rules.ts';
export * from './api-schemas.ts';

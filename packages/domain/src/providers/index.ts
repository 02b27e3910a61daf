export * from './listing-rules.ts';
export * from './listing-input.ts';
export * from './api-schemas.ts';
export * from './claim-schemas.ts';

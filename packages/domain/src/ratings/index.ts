// Ratings, reviews and moderation rules: pure maths, pre-checks and the HTTP contract.
export * from './display.ts';
export * from './maths.ts';
export * from './summary.ts';
export * from './groups.ts';
export * from './prechecks.ts';
export * from './review-fraud.ts';
export * from './schemas.ts';
export * from './staff-names.ts';
export * from './safeguarding.ts';

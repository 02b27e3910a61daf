export * from './vocabulary.ts';
export * from './schedule.ts';
export * from './api-schemas.ts';
export * from './page-views.ts';

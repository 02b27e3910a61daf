export * from './vocabulary.ts';
export * from './schedule.ts';

// Open data: the downloads' data dictionary and licence, and the suppressed ratings and benchmark tables.
export * from './datasets.ts';
export * from './ratings-table.ts';

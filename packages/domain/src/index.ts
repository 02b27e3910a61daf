export * from './taxonomy.ts';
export * from './money.ts';
export * from './ratings/index.ts';
export * from './distance.ts';
export * from './api-schemas.ts';
export * from './questions/schemas.ts';

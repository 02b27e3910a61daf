export * from './taxonomy.ts';
export * from './money.ts';
export * from './ratings.ts';
export * from './distance.ts';
export * from './api-schemas.ts';
export * from './providers/index.ts';
export * from './cqc/mapping.ts';

export * from './client.ts';
export * from './embedded-postgres.ts';
export * from './open.ts';
export * from './migrate.ts';
export * from './password.ts';
export * from './outbox.ts';
export * as schema from './schema/index.ts';
export * from './schema/index.ts';
export * from './seed/index.ts';

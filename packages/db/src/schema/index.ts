export * from './users.ts';
export * from './organisations.ts';
export * from './services.ts';
export * from './search-outbox.ts';
export * from './moderation.ts';
export * from './providers.ts';

export * from './ledger.ts';
export * from './plans.ts';
export * from './periods.ts';
export * from './state-machines.ts';
export * from './booking-state.ts';
export * from './api-schemas.ts';

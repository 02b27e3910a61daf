// A fresh PostgreSQL database per test file: see test/support/database.ts (shared with the packages' tests).
export { createTestDatabase, type TestDatabase } from '../../../../test/support/database.ts';

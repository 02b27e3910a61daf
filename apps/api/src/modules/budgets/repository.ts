// Drizzle queries for budget accounts and their append-only ledger.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import {
  budgetAccounts,
  budgetLedger,
  users,
  type Database,
  type Executor,
  type BudgetAccountRow,
  type LedgerRow,
  type NewLedgerRow,
} from '@care-assist/db';
import type { PageRequest } from '@care-assist/domain';
import { readFilteredPage } from '../paging.ts';

export function createBudgetRepository(db: Database) {
  return {
    async findAccount(id: string, tx: Executor = db) {
      const [row] = await tx
        .select({ account: budgetAccounts, holderName: users.displayName })
        .from(budgetAccounts)
        .innerJoin(users, eq(users.id, budgetAccounts.holderId))
        .where(eq(budgetAccounts.id, id));
      return row;
    },

    /**
     * Locks the account row until the transaction ends. Every operation that moves this budget's money takes
     * this lock first, so they run one at a time per budget and each sees the entries the previous one wrote.
     */
    async lockAccount(id: string, tx: Executor): Promise<BudgetAccountRow | undefined> {
      const [row] = await tx.select().from(budgetAccounts).where(eq(budgetAccounts.id, id)).for('update');
      return row;
    },

    /** One page of budgets, newest period first: one holder's, or (null) every budget. */
    async listAccounts(holderId: string | null, page: PageRequest, tx: Executor = db) {
      const where = holderId ? eq(budgetAccounts.holderId, holderId) : undefined;
      return readFilteredPage(tx, page, {
        select: () =>
          tx
            .select({ account: budgetAccounts, holderName: users.displayName })
            .from(budgetAccounts)
            .innerJoin(users, eq(users.id, budgetAccounts.holderId)),
        where,
        orderBy: [desc(budgetAccounts.startsOn), asc(budgetAccounts.councilReference), asc(budgetAccounts.id)],
        counted: budgetAccounts,
      });
    },

    async findOpenAccountForHolder(holderId: string, tx: Executor = db) {
      const [row] = await tx
        .select()
        .from(budgetAccounts)
        .where(and(eq(budgetAccounts.holderId, holderId), eq(budgetAccounts.status, 'open')))
        .orderBy(desc(budgetAccounts.startsOn))
        .limit(1);
      return row;
    },

    async insertAccount(values: typeof budgetAccounts.$inferInsert, tx: Executor) {
      const [row] = await tx.insert(budgetAccounts).values(values).returning();
      return row!;
    },

    async referenceTaken(councilReference: string, tx: Executor = db): Promise<boolean> {
      const rows = await tx
        .select({ id: budgetAccounts.id })
        .from(budgetAccounts)
        .where(sql`lower(${budgetAccounts.councilReference}) = lower(${councilReference})`)
        .limit(1);
      return rows.length > 0;
    },

    async entries(accountId: string, tx: Executor = db): Promise<LedgerRow[]> {
      return tx
        .select()
        .from(budgetLedger)
        .where(eq(budgetLedger.budgetAccountId, accountId))
        .orderBy(asc(budgetLedger.seq));
    },

    async append(rows: NewLedgerRow[], at: Date, tx: Executor): Promise<void> {
      if (rows.length > 0) await tx.insert(budgetLedger).values(rows.map((row) => ({ ...row, createdAt: at })));
    },

    async findUserByEmail(email: string, tx: Executor = db) {
      const [row] = await tx
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = lower(${email})`);
      return row;
    },
  };
}
export type BudgetRepository = ReturnType<typeof createBudgetRepository>;

// Budget accounts: council staff open them and add money; holders see their figures, ledger and statement.
// Every money movement runs in one transaction that locks the account row and re-checks the rules.
import { stringify } from 'csv-stringify/sync';
import {
  budgetFigures,
  formatPence,
  parseIsoDate,
  planAdjustment,
  planAllocation,
  withRunningAvailable,
  type BudgetAccount,
  type BudgetDetail,
  type BudgetMoneyRequest,
  type OpenBudgetRequest,
  type Plan,
  pageOf,
  type Page,
  type PageRequest,
} from '@care-assist/domain';
import type { Database, Executor, BudgetAccountRow, LedgerRow } from '@care-assist/db';
import { actorCan, requirePermission, requireSignIn } from '../../access.ts';
import { Conflict, NotFound, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { Idempotency, IdempotencyScope, StoredAnswer } from '../idempotency/idempotency.ts';
import type { BudgetRepository } from './repository.ts';

interface BudgetDeps {
  db: Database;
  budgets: BudgetRepository;
  idempotency: Idempotency;
  clock: () => Date;
}

/** Turns a refused plan into the right problem: bad amounts are 400, not enough money is 409. */
export function refusePlan(plan: Extract<Plan, { ok: false }>, field = 'amountPence'): never {
  if (plan.reason === 'invalid_amount') throw new ValidationFailed(plan.detail, [{ field, message: plan.detail }]);
  throw new Conflict(plan.detail);
}

const KIND_LABELS: Record<LedgerRow['kind'], string> = {
  allocation: 'Allocation',
  adjustment: 'Adjustment',
  commitment: 'Commitment',
  release: 'Release',
  payment: 'Payment',
  refund: 'Refund',
};

/** Text starting with = + - @ would run as a formula in a spreadsheet: make it plain text. */
function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function createBudgetService({ db, budgets, idempotency, clock }: BudgetDeps) {
  function toAccount(account: BudgetAccountRow, holderName: string, entries: LedgerRow[]): BudgetAccount {
    return {
      id: account.id,
      holderId: account.holderId,
      holderName,
      councilReference: account.councilReference,
      startsOn: account.startsOn,
      endsOn: account.endsOn,
      status: account.status,
      figures: budgetFigures(entries),
    };
  }

  async function detail(accountId: string, tx: Executor = db): Promise<BudgetDetail> {
    const found = await budgets.findAccount(accountId, tx);
    if (!found) throw new NotFound('There is no such budget.');
    const entries = await budgets.entries(accountId, tx);
    return {
      ...toAccount(found.account, found.holderName, entries),
      entries: withRunningAvailable(entries).map((e) => ({
        id: e.id,
        kind: e.kind,
        amountPence: e.amountPence,
        availableAfterPence: e.availableAfterPence,
        bookingId: e.bookingId,
        invoiceId: e.invoiceId,
        reason: e.reason,
        createdAt: e.createdAt.toISOString(),
      })),
    };
  }

  /** Holders see only their own budgets; council staff see every budget; nobody else sees any. */
  async function visibleAccount(actor: Actor | null, accountId: string) {
    const who = requireSignIn(actor);
    const found = await budgets.findAccount(accountId);
    if (!found || (!actorCan(who, 'manage_budgets') && found.account.holderId !== who.userId)) {
      throw new NotFound('There is no such budget.');
    }
    return found;
  }

  return {
    detail,

    async list(actor: Actor | null, page: PageRequest): Promise<Page<BudgetAccount>> {
      const who = requireSignIn(actor);
      const everyBudget = actorCan(who, 'manage_budgets');
      if (!everyBudget && who.role !== 'resident') return pageOf([], 0, page);
      const rows = await budgets.listAccounts(everyBudget ? null : who.userId, page);
      const items = await Promise.all(
        rows.items.map(async ({ account, holderName }) =>
          toAccount(account, holderName, await budgets.entries(account.id)),
        ),
      );
      return { ...rows, items };
    },

    async get(actor: Actor | null, accountId: string): Promise<BudgetDetail> {
      await visibleAccount(actor, accountId);
      return detail(accountId);
    },

    async open(actor: Actor | null, input: OpenBudgetRequest, scope: IdempotencyScope) {
      const staff = requirePermission(actor, 'manage_budgets');
      if (input.endsOn < input.startsOn) {
        throw new ValidationFailed('The budget period must end on or after the day it starts.', [
          { field: 'endsOn', message: 'Must be on or after the start date' },
        ]);
      }
      const holder = await budgets.findUserByEmail(input.holderEmail);
      if (!holder || holder.role !== 'resident' || holder.disabledAt) {
        throw new ValidationFailed('A budget holder must be an existing resident account.', [
          { field: 'holderEmail', message: 'There is no resident with that email' },
        ]);
      }
      const plan = planAllocation(input.allocatedPence);
      if (!plan.ok) refusePlan(plan, 'allocatedPence');
      return idempotency.run<BudgetDetail>(staff.userId, scope, async (tx, idempotencyId) => {
        if (await budgets.referenceTaken(input.councilReference, tx)) {
          throw new Conflict(`A budget with council reference ${input.councilReference} already exists.`);
        }
        const account = await budgets.insertAccount(
          {
            holderId: holder.id,
            councilReference: input.councilReference,
            startsOn: input.startsOn,
            endsOn: input.endsOn,
            createdBy: staff.userId,
            createdAt: clock(),
            updatedAt: clock(),
          },
          tx,
        );
        await budgets.append(
          plan.entries.map((e) => ({
            ...e,
            budgetAccountId: account.id,
            idempotencyKey: idempotencyId,
            reason: input.reason ?? 'Opening allocation',
            createdBy: staff.userId,
          })),
          clock(),
          tx,
        );
        return detail(account.id, tx);
      });
    },

    async addMoney(
      actor: Actor | null,
      accountId: string,
      input: BudgetMoneyRequest,
      scope: IdempotencyScope,
    ): Promise<StoredAnswer<BudgetDetail>> {
      const staff = requirePermission(actor, 'manage_budgets');
      if (input.kind === 'allocation' && input.amountPence <= 0) {
        throw new ValidationFailed('An allocation must be above zero; use an adjustment to reduce a budget.', [
          { field: 'amountPence', message: 'Must be above zero for an allocation' },
        ]);
      }
      return idempotency.run<BudgetDetail>(staff.userId, scope, async (tx, idempotencyId) => {
        const account = await budgets.lockAccount(accountId, tx);
        if (!account) throw new NotFound('There is no such budget.');
        if (account.status !== 'open') throw new Conflict('This budget is closed.');
        const entries = await budgets.entries(accountId, tx);
        const plan =
          input.kind === 'allocation' ? planAllocation(input.amountPence) : planAdjustment(entries, input.amountPence);
        if (!plan.ok) refusePlan(plan);
        await budgets.append(
          plan.entries.map((e) => ({
            ...e,
            budgetAccountId: accountId,
            idempotencyKey: idempotencyId,
            reason: input.reason,
            createdBy: staff.userId,
          })),
          clock(),
          tx,
        );
        return detail(accountId, tx);
      });
    },

    /** A CSV statement for a date range (inclusive), with the opening and closing available figures. */
    async statementCsv(actor: Actor | null, accountId: string, range: { from?: string; to?: string }) {
      const { account } = await visibleAccount(actor, accountId);
      const from = range.from ?? account.startsOn;
      const to = range.to ?? account.endsOn;
      if (parseIsoDate(from) === null || parseIsoDate(to) === null || to < from) {
        throw new ValidationFailed('The statement needs a date range whose end is on or after its start.', [
          { field: 'to', message: 'Must be on or after the "from" date' },
        ]);
      }
      const entries = withRunningAvailable(await budgets.entries(accountId));
      const day = (d: Date) => d.toISOString().slice(0, 10);
      const before = entries.filter((e) => day(e.createdAt) < from);
      const inRange = entries.filter((e) => day(e.createdAt) >= from && day(e.createdAt) <= to);
      const opening = before.at(-1)?.availableAfterPence ?? 0;
      const closing = inRange.at(-1)?.availableAfterPence ?? opening;
      const pounds = (pence: number) => (pence / 100).toFixed(2);
      const rows: (string | null)[][] = [
        ['Date', 'Type', 'Description', 'Booking', 'Amount (GBP)', 'Available after (GBP)'],
        [from, 'Opening balance', `Available at the start of ${from}`, '', '', pounds(opening)],
        ...inRange.map((e) => [
          e.createdAt.toISOString(),
          KIND_LABELS[e.kind],
          spreadsheetSafe(e.reason),
          e.bookingId ?? '',
          pounds(e.amountPence),
          pounds(e.availableAfterPence),
        ]),
        [to, 'Closing balance', `Available at the end of ${to} (${formatPence(closing)})`, '', '', pounds(closing)],
      ];
      return {
        filename: `budget-${account.councilReference.replace(/[^A-Za-z0-9-]+/g, '-')}-${from}-to-${to}.csv`,
        // A byte-order mark so spreadsheet programs read the file as UTF-8 (e.g. the £ in descriptions).
        csv: `\uFEFF${stringify(rows, { record_delimiter: 'windows' })}`,
      };
    },
  };
}
export type BudgetService = ReturnType<typeof createBudgetService>;

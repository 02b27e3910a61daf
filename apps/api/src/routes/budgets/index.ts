// Personal budgets: council staff open them and add money; holders read their figures, ledger and statement.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  BrokerageIncomeSchema,
  BudgetAccountSchema,
  BudgetDetailSchema,
  BudgetMoneyRequestSchema,
  IdempotencyHeadersSchema,
  OpenBudgetRequestSchema,
  PageQuerySchema,
  PageSchema,
  pageRequest,
  ProblemSchema,
  StatementQuerySchema,
} from '@care-assist/domain';
import { scopeOf, sendStoredAnswer } from '../../modules/idempotency/idempotency.ts';
import { MONEY_ERRORS } from '../money-errors.ts';
import { IdParams } from '../params.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        operationId: 'listBudgets',
        tags: ['budgets'],
        summary: "The caller's budgets (council staff: every budget)",
        querystring: PageQuerySchema,
        response: { 200: PageSchema(BudgetAccountSchema), 400: ProblemSchema, 401: ProblemSchema },
      },
    },
    async (request) => app.modules.budgets.list(request.actor, pageRequest(request.query)),
  );

  app.post(
    '/',
    {
      schema: {
        operationId: 'openBudget',
        tags: ['budgets'],
        summary: 'Open a personal budget for a resident with its first allocation (council staff)',
        headers: IdempotencyHeadersSchema,
        body: OpenBudgetRequestSchema,
        response: { 201: BudgetDetailSchema, 200: BudgetDetailSchema, ...MONEY_ERRORS },
      },
    },
    async (request, reply) => {
      const answer = await app.modules.budgets.open(request.actor, request.body, scopeOf(request, 201));
      return sendStoredAnswer(reply, answer, `/api/v1/budgets/${answer.body.id}`);
    },
  );

  app.get(
    '/brokerage-income',
    {
      schema: {
        operationId: 'getBrokerageIncome',
        tags: ['budgets'],
        summary: "The council's brokerage income from paid invoices, by month and by provider (council staff)",
        response: { 200: BrokerageIncomeSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => app.modules.invoices.brokerageIncome(request.actor),
  );

  app.get(
    '/:id',
    {
      schema: {
        operationId: 'getBudget',
        tags: ['budgets'],
        summary: 'A budget: allocated, committed, paid, available, and every ledger entry with a running figure',
        params: IdParams,
        response: { 200: BudgetDetailSchema, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => app.modules.budgets.get(request.actor, request.params.id),
  );

  app.post(
    '/:id/entries',
    {
      schema: {
        operationId: 'addBudgetMoney',
        tags: ['budgets'],
        summary: 'Add an allocation or an adjustment (either way) with a reason (council staff)',
        headers: IdempotencyHeadersSchema,
        params: IdParams,
        body: BudgetMoneyRequestSchema,
        response: { 201: BudgetDetailSchema, 200: BudgetDetailSchema, ...MONEY_ERRORS },
      },
    },
    async (request, reply) => {
      const answer = await app.modules.budgets.addMoney(
        request.actor,
        request.params.id,
        request.body,
        scopeOf(request, 201),
      );
      // An entry is shown on its budget.
      return sendStoredAnswer(reply, answer, `/api/v1/budgets/${request.params.id}`);
    },
  );

  app.get(
    '/:id/statement.csv',
    {
      schema: {
        operationId: 'getBudgetStatement',
        tags: ['budgets'],
        summary: 'A statement of the budget for a date range, as CSV',
        params: IdParams,
        querystring: StatementQuerySchema,
        produces: ['text/csv'],
        response: {
          200: Type.String({ description: 'text/csv' }),
          400: ProblemSchema,
          401: ProblemSchema,
          404: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const { filename, csv } = await app.modules.budgets.statementCsv(request.actor, request.params.id, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  );
};
export default routes;

// The account lifecycle over HTTP: confirming an address, resetting a forgotten password, changing name, address
// and password, e-mail preferences and one-click unsubscribe, and the data rights (download, delete).
// Registered at /api/v1; the paths sit beside the existing /auth and /me routes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AcceptedMessageSchema,
  AccountDataSchema,
  AccountDeletionBodySchema,
  EmailChangeBodySchema,
  EmailPreferencesBodySchema,
  EmailPreferencesSchema,
  PasswordChangeBodySchema,
  PasswordResetBodySchema,
  PasswordResetRequestSchema,
  PrivacyFactsSchema,
  ProblemSchema,
  ProfileBodySchema,
  TokenBodySchema,
  UnsubscribeResultSchema,
  UserSchema,
} from '@care-assist/domain';
import type { Config } from '../../config.ts';

// Links from e-mails are their own credential: those routes never answer 401 (and so document no Bearer token).
const publicProblems = {
  400: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  410: ProblemSchema,
  429: ProblemSchema,
};
const problems = { ...publicProblems, 401: ProblemSchema };

const routes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const { accounts, emailPreferences } = app.modules;
  // The per-address and per-network limits that matter are in the service (email-throttle.ts); this one only
  // stops a single client hammering the endpoints.
  const strictLimit = { rateLimit: { max: config.rateLimit.authPerMinute, timeWindow: '1 minute' } };

  app.post(
    '/auth/verify-email',
    {
      config: strictLimit,
      schema: {
        operationId: 'verifyEmail',
        tags: ['auth'],
        summary: 'Confirm an e-mail address with the single-use link sent to it (24 hours)',
        body: TokenBodySchema,
        response: { 200: UserSchema, ...publicProblems },
      },
    },
    async (request) => accounts.verifyEmail(request.body.token),
  );

  app.post(
    '/auth/verify-email/resend',
    {
      config: strictLimit,
      schema: {
        operationId: 'resendVerificationEmail',
        tags: ['auth'],
        summary: 'Send a new confirmation link to my address',
        security: [{ bearerAuth: [] }],
        response: { 202: AcceptedMessageSchema, ...problems },
      },
    },
    async (request, reply) => reply.code(202).send(await accounts.resendVerification(request.actor, request.ip)),
  );

  app.post(
    '/auth/password-reset',
    {
      config: strictLimit,
      schema: {
        operationId: 'requestPasswordReset',
        tags: ['auth'],
        summary: 'E-mail a password reset link (the same answer whether or not the address has an account)',
        body: PasswordResetRequestSchema,
        response: { 202: AcceptedMessageSchema, ...publicProblems },
      },
    },
    async (request, reply) => reply.code(202).send(await accounts.requestPasswordReset(request.body.email, request.ip)),
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: strictLimit,
      schema: {
        operationId: 'resetPassword',
        tags: ['auth'],
        summary: 'Set a new password with a reset link (single use, 30 minutes); signs out every session',
        body: PasswordResetBodySchema,
        response: { 204: Type.Null(), ...publicProblems },
      },
    },
    async (request, reply) => {
      await accounts.resetPassword(request.body.token, request.body.password);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/email-change/confirm',
    {
      config: strictLimit,
      schema: {
        operationId: 'confirmEmailChange',
        tags: ['auth'],
        summary: 'Move the account to a new address, with the link sent to that address',
        body: TokenBodySchema,
        response: { 200: UserSchema, ...publicProblems },
      },
    },
    async (request) => accounts.confirmEmailChange(request.body.token),
  );

  app.post(
    '/email/unsubscribe',
    {
      config: strictLimit,
      schema: {
        operationId: 'unsubscribe',
        tags: ['auth'],
        summary: 'Switch off one kind of notification e-mail, with the signed link from such an e-mail',
        body: Type.Object(
          { token: Type.String({ minLength: 10, maxLength: 400, pattern: '^[A-Za-z0-9_.-]+$' }) },
          { additionalProperties: false },
        ),
        response: { 200: UnsubscribeResultSchema, ...publicProblems },
      },
    },
    async (request) => emailPreferences.unsubscribe(request.body.token),
  );

  app.get(
    '/privacy',
    {
      schema: {
        operationId: 'privacyFacts',
        tags: ['auth'],
        summary: 'Retention periods and the council, as configured, for the privacy notice',
        response: { 200: PrivacyFactsSchema },
      },
    },
    async () => ({
      councilName: config.email.councilName,
      retention: {
        searchEventDays: config.retention.searchEventDays,
        emailDays: config.retention.emailDays,
        idempotencyKeyDays: config.retention.idempotencyKeyDays,
        processedOutboxDays: config.retention.processedOutboxDays,
        refreshTokenDays: config.refreshTokenTtlDays,
        financialRecordYears: config.retention.financialRecordYears,
        purgeEveryMinutes: config.retention.intervalMinutes,
      },
    }),
  );

  app.patch(
    '/me',
    {
      schema: {
        operationId: 'updateProfile',
        tags: ['auth'],
        summary: 'Change my display name',
        security: [{ bearerAuth: [] }],
        body: ProfileBodySchema,
        response: { 200: UserSchema, ...problems },
      },
    },
    async (request) => accounts.updateProfile(request.actor, request.body.displayName),
  );

  app.post(
    '/me/email',
    {
      config: strictLimit,
      schema: {
        operationId: 'requestEmailChange',
        tags: ['auth'],
        summary: 'Ask to move my account to a new address (takes effect when the link sent there is opened)',
        security: [{ bearerAuth: [] }],
        body: EmailChangeBodySchema,
        response: { 202: AcceptedMessageSchema, ...problems },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await accounts.requestEmailChange(request.actor, request.body, request.ip)),
  );

  app.post(
    '/me/password',
    {
      config: strictLimit,
      schema: {
        operationId: 'changePassword',
        tags: ['auth'],
        summary: 'Change my password (current password needed); signs out my other sessions',
        security: [{ bearerAuth: [] }],
        body: PasswordChangeBodySchema,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await accounts.changePassword(request.actor, request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/email-preferences',
    {
      schema: {
        operationId: 'emailPreferences',
        tags: ['notifications'],
        summary: 'Which notification e-mails I get',
        security: [{ bearerAuth: [] }],
        response: { 200: EmailPreferencesSchema, ...problems },
      },
    },
    async (request) => emailPreferences.get(request.actor),
  );

  app.put(
    '/me/email-preferences',
    {
      schema: {
        operationId: 'updateEmailPreferences',
        tags: ['notifications'],
        summary: 'Switch notification e-mails on or off, by kind',
        security: [{ bearerAuth: [] }],
        body: EmailPreferencesBodySchema,
        response: { 200: EmailPreferencesSchema, ...problems },
      },
    },
    async (request) => emailPreferences.update(request.actor, request.body.preferences),
  );

  app.get(
    '/me/data',
    {
      schema: {
        operationId: 'downloadMyData',
        tags: ['auth'],
        summary: 'Everything Care Assist holds about me, as JSON',
        security: [{ bearerAuth: [] }],
        response: { 200: AccountDataSchema, ...problems },
      },
    },
    async (request, reply) => {
      const data = await accounts.exportData(request.actor);
      return reply
        .header(
          'content-disposition',
          `attachment; filename="care-assist-my-data-${data.generatedAt.slice(0, 10)}.json"`,
        )
        .header('cache-control', 'no-store')
        .send(data);
    },
  );

  app.delete(
    '/me',
    {
      config: strictLimit,
      schema: {
        operationId: 'deleteMyAccount',
        tags: ['auth'],
        summary: 'Delete my account (refused while a booking is open or an invoice unpaid)',
        security: [{ bearerAuth: [] }],
        body: AccountDeletionBodySchema,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await accounts.deleteAccount(request.actor, request.body);
      return reply.code(204).send(null);
    },
  );
};
export default routes;

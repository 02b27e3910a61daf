// Sign up, sign in, refresh and sign out. The refresh token travels only in an httpOnly cookie.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import {
  AuthResponseSchema,
  LoginBodySchema,
  ProblemSchema,
  RegisterBodySchema,
  UserSchema,
} from '@care-assist/domain';
import type { Config } from '../../config.ts';
import type { Session } from '../../modules/auth/service.ts';
import { created } from '../created.ts';

export const REFRESH_COOKIE = 'refresh_token';
const COOKIE_PATH = '/api/v1/auth';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema };

const routes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const strictLimit = { rateLimit: { max: config.rateLimit.authPerMinute, timeWindow: '1 minute' } };

  function withRefreshCookie(reply: FastifyReply, session: Session) {
    return reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
      httpOnly: true,
      secure: config.cookieSecure,
      sameSite: 'lax',
      path: COOKIE_PATH,
      expires: session.refreshExpiresAt,
    });
  }
  const publicSession = (s: Session) => ({ accessToken: s.accessToken, expiresIn: s.expiresIn, user: s.user });

  app.post(
    '/register',
    {
      config: strictLimit,
      schema: {
        operationId: 'register',
        tags: ['auth'],
        // Anyone may sign up; an admin's token lets them create council accounts.
        security: [{}, { bearerAuth: [] }],
        summary: 'Create an account (residents and providers; council roles only by an admin)',
        body: RegisterBodySchema,
        response: {
          201: Type.Object({
            user: UserSchema,
            accessToken: Type.Optional(Type.String()),
            expiresIn: Type.Optional(Type.Integer()),
          }),
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const { user, session } = await app.modules.auth.register(request.body, request.actor);
      await app.modules.accounts.sendVerification(user.id);
      // Either way the account is read at GET /api/v1/me by its owner, once signed in (an admin creating a
      // council account has no other address for it).
      if (!session) return created(reply, '/api/v1/me', { user });
      return created(withRefreshCookie(reply, session), '/api/v1/me', publicSession(session));
    },
  );

  app.post(
    '/login',
    {
      config: strictLimit,
      schema: {
        operationId: 'login',
        tags: ['auth'],
        security: [],
        summary: 'Sign in with email and password',
        body: LoginBodySchema,
        response: { 200: AuthResponseSchema, ...problems },
      },
    },
    async (request, reply) => {
      const session = await app.modules.auth.login(request.body.email, request.body.password);
      return withRefreshCookie(reply, session).send(publicSession(session));
    },
  );

  app.post(
    '/refresh',
    {
      config: strictLimit,
      schema: {
        operationId: 'refresh',
        tags: ['auth'],
        security: [{ refreshCookie: [] }],
        summary: 'Exchange the refresh cookie for a new access token (the cookie is rotated)',
        response: { 200: AuthResponseSchema, ...problems },
      },
    },
    async (request, reply) => {
      try {
        const session = await app.modules.auth.refresh(request.cookies[REFRESH_COOKIE]);
        return withRefreshCookie(reply, session).send(publicSession(session));
      } catch (error) {
        reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
        throw error;
      }
    },
  );

  app.post(
    '/logout',
    {
      schema: {
        operationId: 'logout',
        tags: ['auth'],
        security: [{}, { refreshCookie: [] }],
        summary: 'Sign out: revokes the refresh token and every token rotated from the same sign-in',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await app.modules.auth.logout(request.cookies[REFRESH_COOKIE]);
      return reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH }).code(204).send(null);
    },
  );
};
export default routes;

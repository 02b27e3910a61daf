// The account lifecycle after sign-up: confirming the e-mail address, resetting a forgotten password, and changing
// display name, address or password. Every link is single use and stored hashed (tokens.ts); every change that
// matters to the account holder's safety is told to them by e-mail.
import { setTimeout as sleep } from 'node:timers/promises';
import { hashPassword, verifyPassword, type Database, type Executor, type UserRow } from '@care-assist/db';
import type { AcceptedMessage, User } from '@care-assist/domain';
import { requireSignIn } from '../../access.ts';
import { Conflict, Forbidden, Unauthorised, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { toPublicUser } from '../auth/service.ts';
import { queueEmail } from '../email/outbox.ts';
import type { UserRepository } from '../users/repository.ts';
import type { EmailThrottle } from './email-throttle.ts';
import type { AccountRepository } from './repository.ts';
import { createLinkTokens } from './tokens.ts';

export const VERIFY_EMAIL_HOURS = 24;
export const RESET_PASSWORD_MINUTES = 30;
export const CHANGE_EMAIL_HOURS = 24;

export const RESET_REQUESTED: AcceptedMessage = {
  message:
    'If there is a Care Assist account with that address, we have sent it a link to reset the password. ' +
    `The link works once, for ${RESET_PASSWORD_MINUTES} minutes. Check your spam folder if it does not arrive.`,
};

/**
 * A reset request is answered no sooner than this after it arrives, whether or not the address has an account:
 * the lookup, the link and the queued e-mail take a few milliseconds that would otherwise tell the two apart.
 */
export const RESET_ANSWER_MS = 400;

interface AccountServiceDeps {
  db: Database;
  users: UserRepository;
  accounts: AccountRepository;
  throttle: EmailThrottle;
  clock: () => Date;
  webOrigin: string;
  /** RESET_ANSWER_MS unless a test needs it otherwise. */
  resetAnswerMs?: number;
}

const WRONG_PASSWORD = 'That is not your current password.';

export function createAccountService({
  db,
  users: userRepo,
  accounts,
  throttle,
  clock,
  webOrigin,
  resetAnswerMs = RESET_ANSWER_MS,
}: AccountServiceDeps) {
  const linkTokens = createLinkTokens(accounts);

  async function activeUser(actor: Actor | null, tx: Executor = db): Promise<UserRow> {
    const who = requireSignIn(actor);
    const user = await userRepo.findActiveById(who.userId, tx);
    if (!user) throw new Unauthorised('Your session has ended; please sign in again.');
    return user;
  }

  async function queueVerification(tx: Executor, user: UserRow): Promise<void> {
    const now = clock();
    const token = await linkTokens.issue(tx, {
      userId: user.id,
      purpose: 'verify_email',
      email: user.email,
      expiresAt: new Date(now.getTime() + VERIFY_EMAIL_HOURS * 3_600_000),
      now,
    });
    const link = `${webOrigin}/verify-email/${token}`;
    await queueEmail(tx, {
      to: user.email,
      userId: user.id,
      subject: 'Confirm your e-mail address for Care Assist',
      body: [
        `Hello ${user.displayName},`,
        'Please confirm this is your e-mail address by opening this link:',
        link,
        `The link works once, for ${VERIFY_EMAIL_HOURS} hours. Until you confirm, you can search and shortlist ` +
          'care, but not publish a review or ask for a quote.',
        'If you did not create a Care Assist account, you can ignore this e-mail.',
      ].join('\n\n'),
      link,
      reason: 'Someone created a Care Assist account with this address.',
    });
  }

  /** The reset link and its e-mail, for an address with a usable account; nothing for any other address. */
  async function queuePasswordReset(email: string): Promise<void> {
    const user = await userRepo.findByEmail(email.trim());
    if (!user || user.disabledAt || user.erasedAt) return;
    await db.transaction(async (tx) => {
      const now = clock();
      const token = await linkTokens.issue(tx, {
        userId: user.id,
        purpose: 'reset_password',
        email: user.email,
        expiresAt: new Date(now.getTime() + RESET_PASSWORD_MINUTES * 60_000),
        now,
      });
      const link = `${webOrigin}/reset-password/${token}`;
      await queueEmail(tx, {
        to: user.email,
        userId: user.id,
        subject: 'Reset your Care Assist password',
        body: [
          `Hello ${user.displayName},`,
          'Someone (we hope you) asked to reset the password of your Care Assist account. To choose a new ' +
            'password, open this link:',
          link,
          `The link works once, for ${RESET_PASSWORD_MINUTES} minutes. Resetting signs you out everywhere.`,
          'If you did not ask, you can ignore this e-mail: your password stays as it is.',
        ].join('\n\n'),
        link,
        reason: 'Someone asked to reset the password of the Care Assist account with this address.',
      });
    });
  }

  /** Revokes every session of the account, or every one but `keepSessionId`. */
  async function revokeSessions(tx: Executor, userId: string, keepSessionId?: string): Promise<void> {
    await accounts.revokeSessions(userId, clock(), keepSessionId, tx);
  }

  async function notice(tx: Executor, user: { id: string; email: string }, subject: string, body: string[]) {
    await queueEmail(tx, {
      to: user.email,
      userId: user.id,
      subject,
      body: body.join('\n\n'),
      reason: 'It is about the security of your Care Assist account.',
    });
  }

  return {
    /** Sends the first confirmation link, right after sign-up. */
    async sendVerification(userId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const user = await userRepo.findActiveById(userId, tx);
        if (user && !user.emailVerifiedAt) await queueVerification(tx, user);
      });
    },

    async resendVerification(actor: Actor | null, ip: string): Promise<AcceptedMessage> {
      const user = await activeUser(actor);
      if (user.emailVerifiedAt) throw new Conflict('Your e-mail address is already confirmed.');
      await throttle.check('verify', user.email, ip);
      await db.transaction((tx) => queueVerification(tx, user));
      return { message: `We have sent a new link to ${user.email}. It works once, for ${VERIFY_EMAIL_HOURS} hours.` };
    },

    async verifyEmail(token: string): Promise<User> {
      return db.transaction(async (tx) => {
        const now = clock();
        const link = await linkTokens.consume(tx, token, 'verify_email', now);
        const user = await userRepo.findActiveById(link.userId, tx);
        if (!user) throw new Conflict('That account no longer exists.');
        if (user.email.toLowerCase() !== link.email.toLowerCase()) {
          throw new Conflict('That link was for an address this account no longer uses.');
        }
        const updated = await accounts.setEmailVerified(user.id, user.emailVerifiedAt ?? now, now, tx);
        return toPublicUser(updated!);
      });
    },

    /**
     * Same answer at the same time whether or not the address has an account: throttled per address and per
     * network before anything else (so the 429 does not depend on the account either), then the answer waits
     * until RESET_ANSWER_MS after the request arrived, whichever path it took.
     */
    async requestPasswordReset(email: string, ip: string): Promise<AcceptedMessage> {
      await throttle.check('reset', email, ip);
      const answerAt = performance.now() + resetAnswerMs;
      await queuePasswordReset(email);
      const wait = answerAt - performance.now();
      if (wait > 0) await sleep(wait);
      return RESET_REQUESTED;
    },

    /** Sets the new password, signs the account out everywhere, and tells the account holder. */
    async resetPassword(token: string, password: string): Promise<void> {
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        const now = clock();
        const link = await linkTokens.consume(tx, token, 'reset_password', now);
        const user = await userRepo.findActiveById(link.userId, tx);
        if (!user || user.erasedAt) throw new Conflict('That account no longer exists.');
        // Following the link proves the person reads mail at the address, so it counts as confirming it.
        const sameAddress = user.email.toLowerCase() === link.email.toLowerCase();
        await accounts.setPassword(
          user.id,
          { passwordHash, updatedAt: now, ...(sameAddress && !user.emailVerifiedAt ? { emailVerifiedAt: now } : {}) },
          tx,
        );
        await revokeSessions(tx, user.id);
        await notice(tx, user, 'Your Care Assist password was changed', [
          `Hello ${user.displayName},`,
          'The password of your Care Assist account was just reset from a link we e-mailed you, and every ' +
            'device signed in to your account was signed out.',
          `If this was not you, reset your password again at ${webOrigin}/forgot-password and contact the council.`,
        ]);
      });
    },

    async updateProfile(actor: Actor | null, displayName: string): Promise<User> {
      const user = await activeUser(actor);
      const updated = await accounts.setDisplayName(user.id, displayName.trim(), clock());
      return toPublicUser(updated!);
    },

    /** Sends a link to the new address; nothing changes until it is opened. */
    async requestEmailChange(
      actor: Actor | null,
      input: { newEmail: string; password: string },
      ip: string,
    ): Promise<AcceptedMessage> {
      const user = await activeUser(actor);
      if (!(await verifyPassword(user.passwordHash, input.password))) {
        throw new Forbidden(WRONG_PASSWORD);
      }
      const newEmail = input.newEmail.trim().toLowerCase();
      if (newEmail === user.email.toLowerCase()) {
        throw new ValidationFailed('That is already your address.', [
          { field: 'newEmail', message: 'Enter a different address' },
        ]);
      }
      const taken = await userRepo.findByEmail(newEmail);
      if (taken) throw new Conflict('Another account already uses that e-mail address.');
      await throttle.check('change-email', newEmail, ip);
      await db.transaction(async (tx) => {
        const now = clock();
        const token = await linkTokens.issue(tx, {
          userId: user.id,
          purpose: 'change_email',
          email: newEmail,
          expiresAt: new Date(now.getTime() + CHANGE_EMAIL_HOURS * 3_600_000),
          now,
        });
        const link = `${webOrigin}/confirm-email/${token}`;
        await queueEmail(tx, {
          to: newEmail,
          userId: user.id,
          subject: 'Confirm your new e-mail address for Care Assist',
          body: [
            `Hello ${user.displayName},`,
            `You asked to use this address for your Care Assist account instead of ${user.email}. To confirm, ` +
              'open this link:',
            link,
            `The link works once, for ${CHANGE_EMAIL_HOURS} hours. Until then your account keeps its old address.`,
            'If you did not ask for this, ignore this e-mail.',
          ].join('\n\n'),
          link,
          reason: 'Someone asked to move a Care Assist account to this address.',
        });
      });
      return { message: `We have sent a link to ${newEmail}. Your address changes when you open it.` };
    },

    async confirmEmailChange(token: string): Promise<User> {
      return db.transaction(async (tx) => {
        const now = clock();
        const link = await linkTokens.consume(tx, token, 'change_email', now);
        const user = await userRepo.findActiveById(link.userId, tx);
        if (!user || user.erasedAt) throw new Conflict('That account no longer exists.');
        const taken = await userRepo.findByEmail(link.email, tx);
        if (taken && taken.id !== user.id) throw new Conflict('Another account uses that e-mail address now.');
        const updated = await accounts.setEmail(user.id, link.email, now, tx);
        await notice(tx, user, 'The e-mail address of your Care Assist account was changed', [
          `Hello ${user.displayName},`,
          `The e-mail address of your Care Assist account was changed from this address to ${link.email}. ` +
            'We will write to the new address from now on.',
          'If this was not you, contact the council straight away: someone may have your password.',
        ]);
        return toPublicUser(updated!);
      });
    },

    /** Needs the current password; signs out every other session and tells the account holder. */
    async changePassword(actor: Actor | null, input: { currentPassword: string; newPassword: string }) {
      const user = await activeUser(actor);
      const who = requireSignIn(actor);
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new Forbidden(WRONG_PASSWORD);
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        await accounts.setPassword(user.id, { passwordHash, updatedAt: clock() }, tx);
        await revokeSessions(tx, user.id, who.sessionId);
        await notice(tx, user, 'Your Care Assist password was changed', [
          `Hello ${user.displayName},`,
          'The password of your Care Assist account was just changed, and every other device signed in to your ' +
            'account was signed out.',
          `If this was not you, reset your password at ${webOrigin}/forgot-password and contact the council.`,
        ]);
      });
    },
  };
}
export type AccountService = ReturnType<typeof createAccountService>;

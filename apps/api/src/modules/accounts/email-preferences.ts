// Which notification e-mails a person gets, and the one-click unsubscribe behind every notification e-mail.
import {
  EMAIL_KIND_INFO,
  EMAIL_NOTIFICATION_KINDS,
  isEmailNotificationKind,
  type EmailPreferences,
  type UnsubscribeResult,
} from '@care-assist/domain';
import { requireSignIn } from '../../access.ts';
import { ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { UnsubscribeTokens } from '../email/unsubscribe-token.ts';
import type { AccountRepository } from './repository.ts';

export function createEmailPreferences({
  accounts,
  tokens,
}: {
  accounts: AccountRepository;
  tokens: UnsubscribeTokens;
}) {
  async function read(userId: string): Promise<EmailPreferences> {
    const rows = await accounts.emailPreferences(userId);
    const chosen = new Map(rows.map((r) => [r.kind, r.email]));
    return {
      items: EMAIL_NOTIFICATION_KINDS.map((kind) => ({
        kind,
        label: EMAIL_KIND_INFO[kind].label,
        email: chosen.get(kind) ?? EMAIL_KIND_INFO[kind].defaultOn,
      })),
    };
  }

  async function set(userId: string, kind: string, email: boolean) {
    await accounts.setEmailPreference(userId, kind, email);
  }

  return {
    async get(actor: Actor | null): Promise<EmailPreferences> {
      return read(requireSignIn(actor).userId);
    },

    async update(actor: Actor | null, preferences: Record<string, boolean>): Promise<EmailPreferences> {
      const { userId } = requireSignIn(actor);
      const unknown = Object.keys(preferences).filter((k) => !isEmailNotificationKind(k));
      if (unknown.length > 0) {
        throw new ValidationFailed(
          'Some of those are not kinds of e-mail we send.',
          unknown.map((k) => ({ field: `preferences.${k}`, message: 'Not a kind of e-mail we send' })),
        );
      }
      for (const [kind, email] of Object.entries(preferences)) await set(userId, kind, email);
      return read(userId);
    },

    /** The link in the e-mail is the credential: no sign-in needed, and it only ever switches one kind off. */
    async unsubscribe(token: string): Promise<UnsubscribeResult> {
      const found = tokens.read(token);
      if (!found || !isEmailNotificationKind(found.kind)) {
        throw new ValidationFailed(
          'That unsubscribe link is not valid. You can choose your e-mails on your account page.',
          [{ field: 'token', message: 'This link is not valid' }],
        );
      }
      const user = await accounts.findUserId(found.userId);
      if (user) await set(user.id, found.kind, false);
      return { kind: found.kind, label: EMAIL_KIND_INFO[found.kind].label };
    },
  };
}
export type EmailPreferenceService = ReturnType<typeof createEmailPreferences>;

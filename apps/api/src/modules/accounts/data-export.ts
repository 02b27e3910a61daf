// Everything Care Assist holds about a person, as one JSON document (UK GDPR right of access). A handful of indexed
// queries by the person's id, so it is ready in well under a second. Secrets are left out: password and token
// hashes, and the links in account e-mails (they are single-use credentials).
import type { AccountData } from '@care-assist/domain';
import { requireSignIn } from '../../access.ts';
import { Unauthorised } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { UserRepository } from '../users/repository.ts';
import type { DataRightsRepository } from './data-rights-repository.ts';

type Row = Record<string, unknown>;
const plain = (rows: object[]): Row[] => rows.map((r) => ({ ...r }));

interface DataExportDeps {
  users: UserRepository;
  dataRights: DataRightsRepository;
  clock: () => Date;
}

export function createDataExport({ users, dataRights, clock }: DataExportDeps) {
  return async function exportData(actor: Actor | null): Promise<AccountData> {
    const who = requireSignIn(actor);
    const user = await users.findActiveById(who.userId);
    if (!user) throw new Unauthorised('Your session has ended; please sign in again.');
    const id = user.id;
    const myBookings = await dataRights.bookingsOf(id);
    const bookingIds = myBookings.map((b) => b.id);
    const accounts = await dataRights.budgetAccountsOf(id);
    const accountIds = accounts.map((a) => a.id);
    const [myReviews, myQuestions, messages, ledger, myNotifications, sessions, shortlist, preferences, emails] =
      await Promise.all([
        dataRights.reviewsBy(id),
        dataRights.questionsBy(id),
        dataRights.bookingMessagesOf(id, bookingIds),
        dataRights.ledgerOf(accountIds),
        dataRights.notificationsOf(id),
        dataRights.sessionsOf(id),
        dataRights.shortlistOf(id),
        dataRights.emailPreferencesOf(id),
        dataRights.emailsTo(id, user.email),
      ]);
    // Pending links are listed (that they exist), never their hashes.
    const links = await dataRights.emailLinksOf(id);
    return {
      generatedAt: clock().toISOString(),
      profile: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        role: user.role,
        emailVerifiedAt: user.emailVerifiedAt,
        createdAt: user.createdAt,
        updatedAt: user.updatedAt,
        emailLinks: links,
      },
      reviews: plain(myReviews),
      questions: plain(myQuestions),
      bookings: plain(myBookings),
      messages: plain(messages),
      budgetStatements: accounts.map((account) => ({
        ...account,
        entries: ledger.filter((e) => e.budgetAccountId === account.id),
      })),
      notifications: plain(myNotifications),
      sessions: plain(sessions),
      shortlist: plain(shortlist),
      emailPreferences: plain(preferences),
      emails: plain(emails),
    };
  };
}

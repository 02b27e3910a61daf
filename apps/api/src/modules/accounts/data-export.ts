// Everything Care Assist holds about a person, as one JSON document (UK GDPR right of access). A handful of indexed
// queries by the person's id, so it is ready in well under a second. Secrets are left out: password and token
// hashes, and the links in account e-mails (they are single-use credentials).
import { desc, eq, inArray, or } from 'drizzle-orm';
import {
  accountTokens,
  bookingMessages,
  bookings,
  budgetAccounts,
  budgetLedger,
  notificationPreferences,
  notifications,
  outboundMessages,
  questions,
  refreshTokens,
  reviews,
  services,
  shortlistItems,
  type Database,
} from '@care-assist/db';
import type { AccountData } from '@care-assist/domain';
import { requireSignIn } from '../../access.ts';
import { Unauthorised } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { UserRepository } from '../users/repository.ts';

type Row = Record<string, unknown>;
const plain = (rows: object[]): Row[] => rows.map((r) => ({ ...r }));

export function createDataExport({ db, users, clock }: { db: Database; users: UserRepository; clock: () => Date }) {
  return async function exportData(actor: Actor | null): Promise<AccountData> {
    const who = requireSignIn(actor);
    const user = await users.findActiveById(who.userId);
    if (!user) throw new Unauthorised('Your session has ended; please sign in again.');
    const id = user.id;
    const myBookings = await db
      .select({
        id: bookings.id,
        service: services.name,
        status: bookings.status,
        careType: bookings.careType,
        startDate: bookings.startDate,
        hoursPerWeek: bookings.hoursPerWeek,
        notes: bookings.notes,
        createdAt: bookings.createdAt,
      })
      .from(bookings)
      .innerJoin(services, eq(services.id, bookings.serviceId))
      .where(eq(bookings.requesterId, id));
    const bookingIds = myBookings.map((b) => b.id);
    const accounts = await db.select().from(budgetAccounts).where(eq(budgetAccounts.holderId, id));
    const accountIds = accounts.map((a) => a.id);
    const [myReviews, myQuestions, messages, ledger, myNotifications, sessions, shortlist, preferences, emails] =
      await Promise.all([
        db.select().from(reviews).where(eq(reviews.authorId, id)),
        db.select().from(questions).where(eq(questions.authorId, id)),
        db
          .select({
            bookingId: bookingMessages.bookingId,
            fromYou: eq(bookingMessages.authorId, id),
            body: bookingMessages.body,
            createdAt: bookingMessages.createdAt,
          })
          .from(bookingMessages)
          .where(
            bookingIds.length
              ? or(inArray(bookingMessages.bookingId, bookingIds), eq(bookingMessages.authorId, id))
              : eq(bookingMessages.authorId, id),
          ),
        accountIds.length
          ? db.select().from(budgetLedger).where(inArray(budgetLedger.budgetAccountId, accountIds))
          : Promise.resolve([]),
        db.select().from(notifications).where(eq(notifications.userId, id)).orderBy(desc(notifications.createdAt)),
        db
          .select({
            session: refreshTokens.familyId,
            createdAt: refreshTokens.createdAt,
            expiresAt: refreshTokens.expiresAt,
            revokedAt: refreshTokens.revokedAt,
          })
          .from(refreshTokens)
          .where(eq(refreshTokens.userId, id)),
        db.select().from(shortlistItems).where(eq(shortlistItems.userId, id)),
        db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, id)),
        db
          .select({
            to: outboundMessages.to,
            subject: outboundMessages.subject,
            createdAt: outboundMessages.createdAt,
            sentAt: outboundMessages.sentAt,
          })
          .from(outboundMessages)
          .where(or(eq(outboundMessages.userId, id), eq(outboundMessages.to, user.email))),
      ]);
    // Pending links are listed (that they exist), never their hashes.
    const links = await db
      .select({ purpose: accountTokens.purpose, createdAt: accountTokens.createdAt, usedAt: accountTokens.usedAt })
      .from(accountTokens)
      .where(eq(accountTokens.userId, id));
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

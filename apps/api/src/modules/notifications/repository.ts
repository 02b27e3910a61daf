// Drizzle queries for in-app notifications.
import { and, desc, eq, isNull } from 'drizzle-orm';
import {
  notifications,
  type Database,
  type Executor,
  type NewNotificationRow,
  type NotificationRow,
} from '@care-assist/db';
import type { Page, PageRequest } from '@care-assist/domain';
import { countWhere, readFilteredPage } from '../paging.ts';

export function createNotificationRepository(db: Database) {
  return {
    async insertMany(values: NewNotificationRow[], tx: Executor = db): Promise<void> {
      await tx.insert(notifications).values(values);
    },

    async insertReturningId(values: NewNotificationRow, tx: Executor = db): Promise<{ id: string }[]> {
      return tx.insert(notifications).values(values).returning({ id: notifications.id });
    },

    /** One page of a user's notifications, newest first. */
    async pageForUser(userId: string, page: PageRequest, tx: Executor = db): Promise<Page<NotificationRow>> {
      return readFilteredPage(tx, page, {
        select: () => tx.select().from(notifications),
        where: eq(notifications.userId, userId),
        orderBy: [desc(notifications.createdAt), desc(notifications.id)],
        counted: notifications,
      });
    },

    async countUnread(userId: string, tx: Executor = db): Promise<number> {
      return countWhere(tx, notifications, and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    },

    /** Marks one of the user's notifications read; the ids it touched (none when it is not theirs or not there). */
    async markRead(id: string, userId: string, readAt: Date, tx: Executor = db): Promise<{ id: string }[]> {
      return tx
        .update(notifications)
        .set({ readAt })
        .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
        .returning({ id: notifications.id });
    },

    async markAllRead(userId: string, readAt: Date, tx: Executor = db): Promise<void> {
      await tx
        .update(notifications)
        .set({ readAt })
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    },
  };
}
export type NotificationRepository = ReturnType<typeof createNotificationRepository>;

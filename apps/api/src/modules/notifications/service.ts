// In-app notifications: each state change of a booking or invoice tells the other side, in the same transaction.
import {
  EMAIL_KIND_INFO,
  mapPage,
  type EmailNotificationKind,
  type NotificationList,
  type PageRequest,
} from '@care-assist/domain';
import type { Executor } from '@care-assist/db';
import type { NotificationRepository } from './repository.ts';
import { requireSignIn } from '../../access.ts';
import { queueNotificationEmails } from '../email/outbox.ts';
import { NotFound } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';

export interface NewNotification {
  kind: string;
  text: string;
  link: string;
}

/** In-app notification kinds that are also e-mailed, to those whose preference for that e-mail kind is on. */
const EMAILED_AS: Partial<Record<string, EmailNotificationKind>> = {
  quoted: 'quote_received',
  accepted: 'quote_decision',
  declined: 'quote_decision',
  invoice_issued: 'invoice_awaiting_approval',
  invoice_paid: 'payment_made',
};

export function createNotificationService({
  notifications,
  clock,
  webOrigin,
}: {
  notifications: NotificationRepository;
  clock: () => Date;
  /** For the link in notification e-mails; without it nothing is e-mailed (in-app only). */
  webOrigin?: string;
}) {
  return {
    /** In-app notifications, and (in the same transaction) the e-mail for kinds people get by e-mail. */
    async notify(tx: Executor, userIds: readonly string[], notification: NewNotification): Promise<void> {
      const unique = [...new Set(userIds)];
      if (unique.length === 0) return;
      await notifications.insertMany(
        unique.map((userId) => ({ userId, ...notification })),
        tx,
      );
      const emailKind = EMAILED_AS[notification.kind];
      if (emailKind && webOrigin) {
        const link = `${webOrigin}${notification.link}`;
        await queueNotificationEmails(tx, unique, emailKind, {
          subject: `Care Assist: ${EMAIL_KIND_INFO[emailKind].label.toLowerCase()}`,
          body: `${notification.text}\n\nSee the details: ${link}`,
          link,
        });
      }
    },

    /** One notification, returning its id (for records that point at the notification they caused). */
    async notifyReturning(tx: Executor, userId: string, notification: NewNotification) {
      return notifications.insertReturningId({ userId, ...notification }, tx);
    },

    async list(actor: Actor | null, page: PageRequest): Promise<NotificationList> {
      const { userId } = requireSignIn(actor);
      const [rows, unread] = await Promise.all([
        notifications.pageForUser(userId, page),
        notifications.countUnread(userId),
      ]);
      return {
        ...mapPage(rows, (n) => ({
          id: n.id,
          kind: n.kind,
          text: n.text,
          link: n.link,
          readAt: n.readAt?.toISOString() ?? null,
          createdAt: n.createdAt.toISOString(),
        })),
        unreadCount: unread,
      };
    },

    async markRead(actor: Actor | null, id: string): Promise<void> {
      const { userId } = requireSignIn(actor);
      const updated = await notifications.markRead(id, userId, clock());
      if (updated.length === 0) throw new NotFound('There is no such notification.');
    },

    async markAllRead(actor: Actor | null): Promise<void> {
      const { userId } = requireSignIn(actor);
      await notifications.markAllRead(userId, clock());
    },
  };
}
export type NotificationService = ReturnType<typeof createNotificationService>;

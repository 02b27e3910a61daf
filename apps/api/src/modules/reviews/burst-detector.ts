// Review fraud (issue 13): signals about who is writing (an account minutes old, a browser other reviewers of
// the service used), the per-network limit on brand-new accounts' reviews, and grouping: once a burst shows,
// every pending review in it, the earlier ones included, carries the flag and joins one group that a
// moderator decides as a whole. Runs inside the submitting transaction.
import {
  BURST_WINDOW_HOURS,
  FRESH_ACCOUNT_HOURS,
  groupSignalsOf,
  newAccountFlag,
  sharedDeviceFlag,
  trustWeightOf,
  withFlag,
  type PrecheckFlag,
} from '@care-assist/domain';
import type { Executor } from '@care-assist/db';
import { TooManyRequests } from '../../errors.ts';
import type { BurstScope, ReviewGroupRepository } from './groups-repository.ts';

interface BurstDetectorDeps {
  groups: ReviewGroupRepository;
  clock: () => Date;
  /** Reviews an hour from one network by accounts under a day old (FRESH_ACCOUNT_REVIEWS_PER_NETWORK_PER_HOUR). */
  freshAccountReviewsPerHour: number;
}

export interface Submission {
  serviceId: string;
  authorId: string;
  /** Salted hashes, never the address or the cookie itself. */
  network: string | null;
  device: string | null;
}

export function createBurstDetector({ groups, clock, freshAccountReviewsPerHour }: BurstDetectorDeps) {
  return {
    /**
     * The sign-up → sign-in → review sequence, rate limited where it is cheap to repeat: brand-new accounts
     * writing from one network. Long-standing accounts and other networks are unaffected.
     */
    async limitFreshAccounts(submission: Submission, tx: Executor): Promise<void> {
      if (!submission.network) return;
      const now = clock().getTime();
      const created = await groups.accountCreatedAt(submission.authorId, tx);
      if (!created || now - created.getTime() > FRESH_ACCOUNT_HOURS * 3_600_000) return;
      const recent = await groups.freshAccountReviewsFromNetwork(
        submission.network,
        new Date(now - 3_600_000),
        new Date(now - FRESH_ACCOUNT_HOURS * 3_600_000),
        tx,
      );
      if (recent >= freshAccountReviewsPerHour) {
        throw new TooManyRequests(
          'Several new accounts have written reviews from this network in the last hour. Please try again later.',
          3_600,
        );
      }
    },

    /** Flags about the writer rather than the text: a new account, a browser shared with other reviewers. */
    async writerFlags(submission: Submission, tx: Executor): Promise<PrecheckFlag[]> {
      const created = await groups.accountCreatedAt(submission.authorId, tx);
      const device = submission.device
        ? sharedDeviceFlag(
            await groups.otherAuthorsOnDevice(submission.serviceId, submission.device, submission.authorId, tx),
          )
        : [];
      return [...(created ? newAccountFlag(created, clock()) : []), ...device];
    },

    /**
     * After the review is written with its flags: if they show a burst, the flag is added to every pending
     * review the burst covers (earlier ones had not seen it yet), they all join the service's open group, and
     * each one's trust weight follows its flags.
     */
    async groupBurst(submission: Submission, flags: readonly PrecheckFlag[], tx: Executor): Promise<string | null> {
      const signals = groupSignalsOf(flags);
      if (signals.length === 0) return null;
      const now = clock();
      const group = await groups.openGroupFor(submission.serviceId, signals, now, tx);
      const since = new Date(now.getTime() - BURST_WINDOW_HOURS * 3_600_000);
      const updates = new Map<string, { prechecks: PrecheckFlag[] }>();
      for (const code of signals) {
        const flag = flags.find((f) => f.code === code)!;
        const scope: BurstScope = { serviceId: submission.serviceId, since };
        if (code === 'network_burst') {
          if (!submission.network) continue;
          scope.networkHash = submission.network;
        }
        if (code === 'shared_device') {
          if (!submission.device) continue;
          scope.deviceHash = submission.device;
          scope.since = new Date(0);
        }
        for (const member of await groups.pendingInScope(scope, tx)) {
          const current = updates.get(member.id)?.prechecks ?? member.prechecks;
          updates.set(member.id, { prechecks: withFlag(current, flag) });
        }
      }
      for (const [reviewId, { prechecks }] of updates) {
        await groups.markMember(reviewId, { groupId: group.id, prechecks, trustWeight: trustWeightOf(prechecks) }, tx);
      }
      return group.id;
    },
  };
}
export type BurstDetector = ReturnType<typeof createBurstDetector>;

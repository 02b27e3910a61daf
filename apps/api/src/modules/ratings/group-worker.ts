// Drains the queue of rating-group recomputes that publishes, rejections and withdrawals leave behind (see
// aggregator.ts). One group per transaction, under the group lock; two API processes share the queue safely
// because a claim skips rows another process holds.
import { createDrainLoop } from '../drain-loop.ts';
import type { RatingAggregator } from './aggregator.ts';

export function createRatingGroupWorker(aggregator: RatingAggregator) {
  /** Recomputes queued groups until none is waiting; returns how many it did. */
  async function drainAll(): Promise<number> {
    let done = 0;
    while (await aggregator.refreshQueuedGroup()) done++;
    return done;
  }
  return { drainAll, ...createDrainLoop(drainAll) };
}
export type RatingGroupWorker = ReturnType<typeof createRatingGroupWorker>;

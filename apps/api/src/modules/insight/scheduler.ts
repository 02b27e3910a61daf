// Rebuilds the insight summaries every `minutes` minutes in the API process, and once at start when they are
// older than that (or were never built), so a fresh `npm start` has dashboards straight away.
import type { InsightService } from './service.ts';

export function startInsightSchedule(
  insight: InsightService,
  { minutes, clock, onError }: { minutes: number; clock: () => Date; onError: (error: unknown) => void },
): () => void {
  if (minutes <= 0) return () => {};
  const periodMs = minutes * 60_000;
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (running) return;
    running = insight
      .refreshNow()
      .catch(onError)
      .finally(() => (running = null));
  };
  void insight
    .lastRefreshedAt()
    .then((last) => {
      if (!last || clock().getTime() - last.getTime() > periodMs) run();
    })
    .catch(onError);
  const timer = setInterval(run, periodMs);
  timer.unref();
  return () => clearInterval(timer);
}

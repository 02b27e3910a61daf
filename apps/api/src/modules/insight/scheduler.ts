// Rebuilds the insight summaries every `minutes` minutes in the API process, and once at start when they are
// older than that (or were never built), so a fresh `npm start` has dashboards straight away. After each
// rebuild it awards any "highly rated" recognition that is due (the yearly run; see recognitions.ts).
import type { RecognitionService } from './recognitions.ts';
import type { InsightService } from './service.ts';

export function startInsightSchedule(
  insight: InsightService,
  {
    minutes,
    clock,
    onError,
    recognitions,
  }: {
    minutes: number;
    clock: () => Date;
    onError: (error: unknown) => void;
    recognitions?: Pick<RecognitionService, 'awardDue'>;
  },
): () => void {
  if (minutes <= 0) return () => {};
  const periodMs = minutes * 60_000;
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (running) return;
    running = insight
      .refreshNow()
      .then(() => recognitions?.awardDue())
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

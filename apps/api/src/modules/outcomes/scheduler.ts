// The scheduled job that sends outcomes questionnaires as their review points come due. Review points are
// days apart, so an hourly sweep is plenty; people who open their notifications or questionnaires are also
// checked on demand. Safe with several API processes: requests are unique per booking, point and respondent.
export function createOutcomeScheduler(sendDueRequests: () => Promise<number>) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  return {
    start(intervalMs: number, onResult: (error: unknown, sent?: number) => void) {
      const tick = () => {
        running = sendDueRequests()
          .then((sent) => onResult(null, sent))
          .catch((error: unknown) => onResult(error))
          .finally(() => {
            if (timer) timer = setTimeout(tick, intervalMs).unref();
          });
      };
      timer = setTimeout(tick, 5_000).unref();
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
export type OutcomeScheduler = ReturnType<typeof createOutcomeScheduler>;

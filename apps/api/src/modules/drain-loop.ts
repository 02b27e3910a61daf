// The background loop of a worker that drains a queue table: poll every `intervalMs`, drain sooner when woken
// (a commit just queued something), never two drains at once in one process, and stop cleanly on close.
// Rows are made safe across processes by the queue's own locking (SKIP LOCKED); this only paces one process.
export function createDrainLoop(drainAll: () => Promise<unknown>) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  let wakeRequested = false;
  let onDrainError: (error: unknown) => void = () => {};
  let pollMs = 1000;

  function schedule(delayMs: number) {
    clearTimeout(timer);
    timer = setTimeout(tick, delayMs);
  }

  function tick() {
    if (running) {
      wakeRequested = true;
      return;
    }
    running = drainAll()
      .catch(onDrainError)
      .finally(() => {
        running = undefined;
        if (stopped) return;
        const again = wakeRequested;
        wakeRequested = false;
        schedule(again ? 0 : pollMs);
      });
  }

  return {
    /** Polls every intervalMs in the background (the API process runs this); `wake` drains sooner. */
    start: (intervalMs: number, onError: (error: unknown) => void) => {
      stopped = false;
      pollMs = intervalMs;
      onDrainError = onError;
      schedule(intervalMs);
    },
    /** Something was committed to the queue: drain now (or right after the drain in progress). */
    wake: () => {
      if (stopped) return;
      if (running) wakeRequested = true;
      else schedule(0);
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}

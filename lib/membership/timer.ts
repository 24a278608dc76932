/**
 * One timer per server process that keeps time-dependent segments exact without new events.
 * A run that is still going when the next tick comes makes that tick a no-op, so runs never pile up.
 */
import "server-only";
import { getDb, type Database } from "@/db/client";
import { maybeSnapshotAllSegmentSizes } from "@/lib/insights/segment-size-snapshot";
import { reconcileTimeWindows } from "./reconcile-time-windows";

const state = globalThis as unknown as { __tailorMembershipTimer?: { stop: () => void } };

export interface MembershipTimerOptions {
  intervalMs?: number;
  /** The database to use; the process-wide one by default. */
  db?: () => Promise<Database>;
}

/** Starts the timer (once per process; later calls return the running one). Returns its stop function. */
export function startMembershipTimer(options: MembershipTimerOptions = {}): () => void {
  if (state.__tailorMembershipTimer) return state.__tailorMembershipTimer.stop;
  const intervalMs = options.intervalMs ?? 60_000;
  const open = options.db ?? getDb;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const results = await reconcileTimeWindows(await open());
      for (const r of results) if (r.error) console.error(`[tailor] membership timer: segment "${r.key}": ${r.error}`);
      // Today's row of every segment's size history (lib/insights), at most every 5 minutes.
      await maybeSnapshotAllSegmentSizes(await open());
    } catch (error) {
      console.error("[tailor] membership timer run failed", error);
    } finally {
      running = false;
    }
  };
  const handle = setInterval(() => void tick(), intervalMs);
  handle.unref?.();
  const stop = () => {
    clearInterval(handle);
    if (state.__tailorMembershipTimer?.stop === stop) state.__tailorMembershipTimer = undefined;
  };
  state.__tailorMembershipTimer = { stop };
  return stop;
}

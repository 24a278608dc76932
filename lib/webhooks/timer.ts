/**
 * The webhook delivery loop of a server process (started by instrumentation.ts). A tick while a
 * run is still going is skipped, so slow receivers never make runs pile up.
 */
import "server-only";
import { getDb, type Database } from "@/db/client";
import { deliverWebhooks } from "./deliver-webhooks";

const state = globalThis as unknown as { __tailorWebhookLoop?: { stop: () => void } };

/** Starts the loop (once per process; later calls return the running one's stop function). */
export function startWebhookLoop(options: { intervalMs?: number; db?: () => Promise<Database> } = {}): () => void {
  if (state.__tailorWebhookLoop) return state.__tailorWebhookLoop.stop;
  const open = options.db ?? getDb;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await deliverWebhooks(await open());
    } catch (error) {
      console.error("[tailor] webhook delivery run failed", error);
    } finally {
      running = false;
    }
  };
  const handle = setInterval(() => void tick(), options.intervalMs ?? 1_000);
  handle.unref?.();
  const stop = () => {
    clearInterval(handle);
    if (state.__tailorWebhookLoop?.stop === stop) state.__tailorWebhookLoop = undefined;
  };
  state.__tailorWebhookLoop = { stop };
  return stop;
}

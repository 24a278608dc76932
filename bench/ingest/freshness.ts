/**
 * Freshness: while background load runs, a probe `track` every `intervalMs` for a brand-new user
 * makes that user enter the probe segment; a poller reads `segment_members` directly until the
 * membership shows. Latency is measured from the accepted response (and from the send).
 */
import type { Sql } from "postgres";
import { post, type Target } from "./load";
import { PROBE_EVENT } from "./setup";

export interface FreshnessStats {
  probes: number;
  /** Accepted response → membership visible. */
  fromAcceptMs: number[];
  /** Request sent → membership visible. */
  fromSendMs: number[];
  /** Probes never seen within the timeout. */
  missed: number;
}

interface Probe {
  userId: string;
  sentAt: number;
  acceptedAt: number | null;
}

export async function measureFreshness(
  target: Target,
  db: Sql,
  options: { workspaceId: string; segmentId: string; durationMs: number; intervalMs: number; timeoutMs: number; run: string },
): Promise<FreshnessStats> {
  const stats: FreshnessStats = { probes: 0, fromAcceptMs: [], fromSendMs: [], missed: 0 };
  const pending = new Map<string, Probe>();
  const sends: Promise<void>[] = [];
  const start = performance.now();
  let n = 0;

  const sendProbe = () => {
    const probe: Probe = { userId: `probe-${options.run}-${++n}`, sentAt: performance.now(), acceptedAt: null };
    pending.set(probe.userId, probe);
    stats.probes++;
    const body = JSON.stringify({ userId: probe.userId, event: PROBE_EVENT, properties: { n }, messageId: `probe-${options.run}-${n}` });
    sends.push(
      post(target, "track", body).then(
        (r) => {
          if (r.status !== 200) throw new Error(`probe rejected: ${r.status} ${r.body}`);
          probe.acceptedAt = r.doneAt;
        },
        (e: Error) => {
          throw new Error(`probe failed: ${e.message}`);
        },
      ),
    );
  };

  const timer = setInterval(() => {
    if (performance.now() - start < options.durationMs) sendProbe();
  }, options.intervalMs);
  try {
    // Poll until every probe is seen or timed out, at most duration + timeout.
    const deadline = start + options.durationMs + options.timeoutMs;
    while (performance.now() < deadline && (performance.now() - start < options.durationMs || pending.size > 0)) {
      if (pending.size) {
        const ids = [...pending.keys()];
        const rows = await db<{ value: string }[]>`
          select i.value from identities i
          join segment_members m on m.workspace_id = i.workspace_id and m.profile_id = i.profile_id and m.segment_id = ${options.segmentId}
          where i.workspace_id = ${options.workspaceId} and i.kind = 'user' and i.value = any(${ids}::text[])`;
        const seenAt = performance.now();
        for (const { value } of rows) {
          const probe = pending.get(value)!;
          pending.delete(value);
          stats.fromSendMs.push(seenAt - probe.sentAt);
          // Visible before the response arrived counts as 0.
          stats.fromAcceptMs.push(Math.max(0, seenAt - (probe.acceptedAt ?? seenAt)));
        }
        for (const [id, probe] of pending) {
          if (seenAt - probe.sentAt > options.timeoutMs) {
            pending.delete(id);
            stats.missed++;
          }
        }
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    clearInterval(timer);
  }
  await Promise.all(sends);
  stats.missed += pending.size;
  return stats;
}

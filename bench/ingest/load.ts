/**
 * HTTP load for the ingestion benchmark: closed-loop clients (each sends its next batch when the
 * previous one is answered) for throughput, and an open-loop sender at a fixed rate.
 */
import http from "node:http";

export interface Target {
  baseUrl: string;
  writeKey: string;
}

export interface PostResult {
  status: number;
  sentAt: number;
  doneAt: number;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs a body to `/api/v1/<path>` with the write key as Basic auth; resolves when answered. */
export function post(target: Target, path: string, body: string): Promise<PostResult> {
  const url = new URL(`/api/v1/${path}`, target.baseUrl);
  const sentAt = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          authorization: `Basic ${Buffer.from(`${target.writeKey}:`).toString("base64")}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, sentAt, doneAt: performance.now(), body: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export interface LoadStats {
  /** Events accepted (200) with the answer inside the measured window. */
  events: number;
  batches: number;
  errors: number;
  firstError: string | null;
  latenciesMs: number[];
  seconds: number;
}

const emptyStats = (): LoadStats => ({ events: 0, batches: 0, errors: 0, firstError: null, latenciesMs: [], seconds: 0 });

function record(stats: LoadStats, r: PostResult, batchSize: number, from: number, to: number) {
  if (r.doneAt < from || r.doneAt > to) return;
  if (r.status === 200) {
    stats.events += batchSize;
    stats.batches++;
    stats.latenciesMs.push(r.doneAt - r.sentAt);
  } else {
    stats.errors++;
    stats.firstError ??= `${r.status} ${r.body.slice(0, 300)}`;
  }
}

/** `clients` closed loops for warm-up + duration; counts what completes inside the measured window. */
export async function closedLoop(
  target: Target,
  options: { clients: number; batchSize: number; warmupMs: number; durationMs: number; makeBody: (client: number) => string },
): Promise<LoadStats> {
  const stats = emptyStats();
  const start = performance.now();
  const from = start + options.warmupMs;
  const to = from + options.durationMs;
  const client = async (i: number) => {
    while (performance.now() < to) {
      const r = await post(target, "batch", options.makeBody(i)).catch((e: Error) => ({ status: 0, sentAt: 0, doneAt: performance.now(), body: e.message }));
      record(stats, r, options.batchSize, from, to);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
  stats.seconds = options.durationMs / 1000;
  return stats;
}

/**
 * Sends one batch every `1000 / batchesPerSecond` ms (never more than `maxInFlight` at once; a
 * skipped send is counted as an error) until `stop()`; `done` resolves with the stats.
 */
export function openLoop(target: Target, options: { batchesPerSecond: number; batchSize: number; maxInFlight: number; makeBody: () => string }) {
  const stats = emptyStats();
  const start = performance.now();
  let inFlight = 0;
  let sent = 0;
  let stopped = false;
  const pending = new Set<Promise<void>>();
  const tick = setInterval(() => {
    // Catch up on the schedule: send as many batches as are due by now.
    const due = Math.floor(((performance.now() - start) / 1000) * options.batchesPerSecond);
    while (!stopped && sent < due) {
      sent++;
      if (inFlight >= options.maxInFlight) {
        stats.errors++;
        stats.firstError ??= "client side: too many batches in flight (server too slow for the rate)";
        continue;
      }
      inFlight++;
      const p = post(target, "batch", options.makeBody())
        .catch((e: Error) => ({ status: 0, sentAt: 0, doneAt: performance.now(), body: e.message }))
        .then((r) => {
          inFlight--;
          record(stats, r, options.batchSize, start, Infinity);
        });
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }
  }, 5);
  return {
    async stop(): Promise<LoadStats> {
      stopped = true;
      clearInterval(tick);
      await Promise.all(pending);
      stats.seconds = (performance.now() - start) / 1000;
      return stats;
    },
  };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

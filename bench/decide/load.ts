/**
 * Load for the decision benchmark, from this process: autocannon closed loops for the maximum
 * throughput, and an evenly paced open loop for latency at a fixed rate. (autocannon's own rate
 * limit lets every connection fire its quota for the second back to back at the top of each
 * second — bursts, not a fixed rate — so the fixed-rate run uses a small paced sender instead.)
 * Every response body is read: an OFREP answer with `reason: "ERROR"` (the time budget ran out or
 * the database failed) counts as an error, never as throughput.
 */
import type { EventEmitter } from "node:events";
import http from "node:http";
import autocannon from "autocannon";

export interface Traffic {
  /** Path and body of the next request. */
  next: () => { path: string; body: string };
  headers: Record<string, string>;
}

export interface LoadResult {
  rps: number;
  requests: number;
  errors: number;
  /** What the failures were (status or reason → count). */
  failures: Record<string, number>;
  reasons: Record<string, number>;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  seconds: number;
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const REASON = /"reason":"([A-Z_]+)"/;

/** Tallies a response; true when it is a success. */
function tally(status: number, body: string, result: Pick<LoadResult, "failures" | "reasons">): boolean {
  const reason = REASON.exec(body)?.[1] ?? "none";
  if (status !== 200 || reason === "ERROR") {
    const what = status !== 200 ? `HTTP ${status}` : `ERROR ${(/"errorDetails":"([^"]{0,70})/.exec(body)?.[1] ?? "").replace(/\d+/g, "N")}`;
    result.failures[what] = (result.failures[what] ?? 0) + 1;
    return false;
  }
  result.reasons[reason] = (result.reasons[reason] ?? 0) + 1;
  return true;
}

function summarize(latencies: number[], ok: number, errors: number, seconds: number, tallies: Pick<LoadResult, "failures" | "reasons">): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    rps: Math.round(ok / seconds), requests: ok, errors, ...tallies, seconds: round(seconds),
    p50_ms: round(percentile(sorted, 50)), p90_ms: round(percentile(sorted, 90)), p99_ms: round(percentile(sorted, 99)), max_ms: round(sorted[sorted.length - 1] ?? NaN),
  };
}

/** As many requests as `connections` closed loops can get answered in `seconds`. */
export async function maxThroughput(baseUrl: string, traffic: Traffic, options: { connections: number; seconds: number }): Promise<LoadResult> {
  const tallies = { failures: {} as Record<string, number>, reasons: {} as Record<string, number> };
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  // verifyBody runs right after the matching 'response' event: pair them through `lastLatency`.
  let lastStatus = 0;
  let lastLatency = 0;
  // Without a callback autocannon returns its event emitter, made awaitable.
  const instance = autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.seconds,
    method: "POST",
    headers: { "content-type": "application/json", ...traffic.headers },
    requests: [{ method: "POST", setupRequest: (req) => ({ ...req, ...traffic.next() }) }],
    verifyBody: (body) => {
      if (tally(lastStatus, String(body), tallies)) {
        ok++;
        latencies.push(lastLatency);
      } else errors++;
      return true;
    },
  }) as unknown as Promise<autocannon.Result> & EventEmitter;
  instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    lastStatus = status;
    lastLatency = responseTime;
  });
  const result = await instance;
  errors += result.errors + result.timeouts;
  return summarize(latencies, ok, errors, result.duration, tallies);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * One request every `1000 / rate` ms for `seconds`, whatever the answers do (open loop). Latency is
 * measured from the moment a request was due, so a slow server cannot hide its queue.
 */
export async function fixedRate(
  baseUrl: string,
  traffic: Traffic,
  options: { rate: number; seconds: number },
): Promise<LoadResult & { sent: number; slow: number; slowSeconds: number; slowBySecond: Record<number, number>; sendLagP99: number; sendLagMax: number }> {
  const tallies = { failures: {} as Record<string, number>, reasons: {} as Record<string, number> };
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const url = new URL(baseUrl);
  const interval = 1000 / options.rate;
  const total = Math.round(options.rate * options.seconds);
  const start = performance.now() + 20;
  /** Seconds of the run in which some answer took over 50 ms: few means stalls, not steady slowness. */
  const slowDue = new Map<number, number>();
  let sent = 0;
  const pending = new Set<Promise<void>>();
  /** How late each request left this process: the generator's own share of the latencies. */
  const sendLags: number[] = [];
  const send = (due: number) => {
    sendLags.push(performance.now() - due);
    const { path, body } = traffic.next();
    const p = new Promise<void>((resolve) => {
      const req = http.request(
        { hostname: url.hostname, port: url.port, path, method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...traffic.headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const latency = performance.now() - due;
            if (latency > 50) {
              const second = Math.floor((due - start) / 1000);
              slowDue.set(second, (slowDue.get(second) ?? 0) + 1);
            }
            if (tally(res.statusCode ?? 0, Buffer.concat(chunks).toString(), tallies)) {
              ok++;
              latencies.push(latency);
            } else errors++;
            resolve();
          });
        },
      );
      req.on("error", (e) => {
        errors++;
        tallies.failures[e.message] = (tallies.failures[e.message] ?? 0) + 1;
        resolve();
      });
      req.end(body);
    });
    pending.add(p);
    void p.then(() => pending.delete(p));
  };
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) send(start + sent++ * interval);
      if (sent >= total) return done();
      setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    setTimeout(tick, 20);
  });
  await Promise.all(pending);
  const seconds = (performance.now() - start) / 1000;
  const lags = Float64Array.from(sendLags).sort();
  const ms = (x: number) => Math.round(x * 100) / 100;
  return {
    ...summarize(latencies, ok, errors, seconds, tallies), sent, slow: latencies.filter((x) => x > 50).length, slowSeconds: slowDue.size, slowBySecond: Object.fromEntries(slowDue),
    sendLagP99: ms(percentile(lags, 99)), sendLagMax: ms(lags[lags.length - 1] ?? NaN),
  };
}

/**
 * The production server under test: `next build` when the build is missing or older than the
 * ingestion code, then `next start` on a free loopback port against the benchmark database.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { serverNodeFlags } from "../../cli/server-flags";

const ROOT = process.cwd();
const NEXT = path.join(ROOT, "node_modules", ".bin", "next");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
/** Code the benchmark measures: a build older than any of it is rebuilt. */
const WATCHED = ["lib/ingest", "lib/membership", "lib/rules", "lib/keys", "lib/api", "db", "app/api/v1", "next.config.js", "package.json"];

function newestMtime(target: string): number {
  const full = path.join(ROOT, target);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(full, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Why `.next` must be rebuilt for code under `watched`, or null when it is current. */
export function staleBuildFor(watched: readonly string[]): string | null {
  const id = path.join(ROOT, ".next", "BUILD_ID");
  if (!fs.existsSync(id)) return "no production build in .next";
  const built = fs.statSync(id).mtimeMs;
  const newer = watched.find((t) => newestMtime(t) > built);
  return newer ? `${newer} changed after the last build` : null;
}

/** Whether `.next` is missing or older than the measured code. */
export function buildIsStale(): boolean {
  return staleBuildFor(WATCHED) !== null;
}

/**
 * Builds in two steps that skip type checking (`npm run typecheck` does that): the benchmark
 * must not fail because someone else's unfinished code elsewhere does not type-check yet.
 */
export function build(log: (line: string) => void): void {
  for (const mode of ["compile", "generate"]) {
    log(`next build --experimental-build-mode=${mode} …`);
    const result = spawnSync(NEXT, ["build", `--experimental-build-mode=${mode}`], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (result.status !== 0) throw new Error(`next build (${mode}) failed (exit ${result.status})`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

export interface StartOptions {
  /** Extra environment for the server. */
  env?: Record<string, string>;
  /** Node flags for the server process (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** A path answering CORS preflights once the app is up. */
  probePath?: string;
  timeoutMs?: number;
}

/** Starts `next start` on a free loopback port and waits until it answers. */
export async function startServer(databaseUrl: string, log: (line: string) => void, options: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const timeoutMs = options.timeoutMs ?? 60_000;
  // The production server's flags first (what `tailor start` runs with), then the benchmark's own.
  const child = spawn(process.execPath, [...serverNodeFlags(), ...(options.nodeArgs ?? []), NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: databaseUrl, TAILOR_MEMBERSHIP_TIMER: "off", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...options.env },
  });
  const output: string[] = [];
  // TAILOR_BENCH_SERVER_LOG=<file> keeps the server's whole output (e.g. with TAILOR_INGEST_STATS=1).
  const logFile = process.env.TAILOR_BENCH_SERVER_LOG;
  const keep = (chunk: Buffer) => {
    if (logFile) fs.appendFileSync(logFile, chunk);
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    // Generous: a server run with --cpu-prof writes its profile on the way out.
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output.join("")}`);
    try {
      const res = await fetch(`${baseUrl}${options.probePath ?? "/api/v1/batch"}`, { method: "OPTIONS", headers: { origin: "http://x", "access-control-request-method": "POST" } });
      if (res.status < 500) {
        log(`server ready on ${baseUrl} (pid ${child.pid})`);
        return { baseUrl, child, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`next start did not answer within ${timeoutMs / 1000} s:\n${output.join("")}`);
}

/** The server's recent output, for error messages. */
export function serverErrors(child: ChildProcess): void {
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[server] ${chunk}`));
}

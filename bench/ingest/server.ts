/**
 * The production server under test: `next build` when the build is missing or older than the
 * ingestion code, then `next start` on a free loopback port against the benchmark database.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const ROOT = process.cwd();
const NEXT = path.join(ROOT, "node_modules", ".bin", "next");
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

/** Whether `.next` is missing or older than the measured code. */
export function buildIsStale(): boolean {
  const id = path.join(ROOT, ".next", "BUILD_ID");
  if (!fs.existsSync(id)) return true;
  const built = fs.statSync(id).mtimeMs;
  return WATCHED.some((t) => newestMtime(t) > built);
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

/** Starts `next start` and waits (at most 60 s) until it answers. */
export async function startServer(databaseUrl: string, log: (line: string) => void): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(NEXT, ["start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: databaseUrl, TAILOR_MEMBERSHIP_TIMER: "off", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
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
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output.join("")}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/batch`, { method: "OPTIONS", headers: { origin: "http://x", "access-control-request-method": "POST" } });
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
  throw new Error(`next start did not answer within 60 s:\n${output.join("")}`);
}

/** The server's recent output, for error messages. */
export function serverErrors(child: ChildProcess): void {
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[server] ${chunk}`));
}

/**
 * The production server the decision benchmark measures: `next build` when `.next` is missing or
 * older than the code on the decision path, then `next start` on a free loopback port against the
 * benchmark database with `TAILOR_BENCH=1` (which enables the bare baseline route).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { build, type RunningServer } from "../ingest/server";

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
/** Code on the decision path: a build older than any of it is rebuilt. */
const WATCHED = ["app/ofrep", "lib/personalization", "lib/keys", "lib/rules", "lib/ingest/http", "db/client.ts", "db/schema.ts", "next.config.js", "package.json"];

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

/** Why `.next` must be rebuilt, or null when it is current. */
export function staleBuild(): string | null {
  const id = path.join(ROOT, ".next", "BUILD_ID");
  if (!fs.existsSync(id)) return "no production build in .next";
  const built = fs.statSync(id).mtimeMs;
  const newer = WATCHED.find((t) => newestMtime(t) > built);
  return newer ? `${newer} changed after the last build` : null;
}

export { build };

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

/**
 * Starts `next start` for the benchmark and waits (at most 90 s) until it answers. With
 * `cpuProfileDir`, node runs it with `--cpu-prof` and writes a V8 CPU profile there when the server
 * exits (open it in Chrome DevTools → Performance, or speedscope).
 */
export async function startBenchServer(databaseUrl: string, log: (line: string) => void, options: { cpuProfileDir?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const node = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  if (options.cpuProfileDir) fs.mkdirSync(options.cpuProfileDir, { recursive: true });
  const child = spawn(process.execPath, [...node, NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1",
      TAILOR_BENCH: "1", TAILOR_MEMBERSHIP_TIMER: "off", TAILOR_WEBHOOKS: "off",
    },
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
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
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output.join("")}`);
    try {
      const res = await fetch(`${baseUrl}/ofrep/v1/evaluate/flags/x`, { method: "OPTIONS", headers: { origin: "http://x", "access-control-request-method": "POST" } });
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
  throw new Error(`next start did not answer within 90 s:\n${output.join("")}`);
}

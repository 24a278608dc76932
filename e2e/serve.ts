/**
 * Starts one production server for the Playwright suite on its own embedded database:
 *   tsx --conditions=react-server e2e/serve.ts <fresh|demo> <port>
 * `fresh` is an empty install (owner set-up); `demo` has the demo workspace, its users and data.
 */
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { openDatabase } from "@/db/client";
import { ensureDemo } from "@/cli/demo";

const [mode, port] = process.argv.slice(2);
if ((mode !== "fresh" && mode !== "demo") || !port) {
  console.error("usage: e2e/serve.ts <fresh|demo> <port>");
  process.exit(2);
}

const dataDir = path.join(process.cwd(), ".data", `e2e-${mode}`);
fs.rmSync(dataDir, { recursive: true, force: true });
fs.rmSync(`${dataDir}.owner.pid`, { force: true });

const handle = await openDatabase({ dataDir });
if (mode === "demo") await ensureDemo(handle, { profiles: Number(process.env.E2E_PROFILES ?? 3000) });
await handle.close();

const env: NodeJS.ProcessEnv = { ...process.env, TAILOR_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", PORT: port };
delete env.DATABASE_URL;
const child = spawn(path.join(process.cwd(), "node_modules", ".bin", "next"), ["start", "-p", port], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));

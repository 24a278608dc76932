/**
 * Tailor's operator CLI: `npm run tailor -- <command>`. Honours DATABASE_URL (PostgreSQL);
 * without it works on the embedded database in .data/. Exit codes: 0 done, 1 failed, 2 bad usage.
 * Commands whose result a script needs print it alone on the last line of stdout.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultDataDir, openDatabase, type DbHandle } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { AppError } from "@/lib/api/errors";
import { createUser } from "@/lib/auth/create-user";
import { ROLES } from "@/lib/auth/roles";
import { createApiKey } from "@/lib/keys/api-keys";
import { rebuildRollups } from "@/lib/segments/rollups";
import { createWorkspace, getWorkspace, setMembership } from "@/lib/workspaces/workspaces";
import type { ApiKeyKind, Role } from "@/db/schema";
import { DEMO_PASSWORD, DEMO_USERS, ensureDemo } from "./demo";
import { progressBar } from "./progress";
import { serverNodeFlags } from "./server-flags";

class UsageError extends Error {}

const HELP = `Usage: npm run tailor -- <command> [options]

Commands:
  dev                                   migrate, load demo data into an empty database, start the dev server
  start                                 migrate and start the production server (after npm run build)
  migrate                               apply database migrations
  seed [--profiles N] [--days D] [--seed S] [--workspace W]
                                        generate demo profiles and events (a new demo workspace if W is omitted)
  workspace create --name NAME          create a workspace; prints its slug
  user create --email E --password P --role owner|admin|editor|viewer --workspace W [--name N]
                                        create a user (or add an existing one) in workspace W
  key create --workspace W --kind write|client|admin [--name N]
                                        create an API key; prints the key

W is a workspace slug or id. DATABASE_URL=postgres://… selects PostgreSQL; otherwise .data/pglite is used.`;

const log = (line: string) => process.stderr.write(`${line}\n`);

async function withDb<T>(fn: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined });
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

function requireOption(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required.`);
  return value;
}

function intOption(values: Record<string, unknown>, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got "${String(raw)}".`);
  return n;
}

async function resolveWorkspace(handle: DbHandle, slugOrId: string) {
  const workspace = await getWorkspace(handle.db, slugOrId);
  if (!workspace) throw new AppError("not_found", `No workspace "${slugOrId}". Create one with: npm run tailor -- workspace create --name "My shop"`);
  return workspace;
}

const commands: Record<string, (args: string[]) => Promise<void>> = {
  async migrate() {
    await withDb(async (h) => log(`Migrated the ${h.engine === "postgres" ? "PostgreSQL" : "embedded"} database.`));
  },

  async seed(args) {
    const { values } = parseArgs({ args, options: { profiles: { type: "string" }, days: { type: "string" }, seed: { type: "string" }, workspace: { type: "string" } } });
    const profiles = intOption(values, "profiles", 20_000);
    const days = intOption(values, "days", 120);
    const seed = intOption(values, "seed", 42);
    await withDb(async (h) => {
      const workspace = values.workspace
        ? await resolveWorkspace(h, values.workspace)
        : await createWorkspace(h.db, { name: "Demo data", isDemo: true });
      const bar = progressBar(log);
      const result = await seedDemoData(h, { workspaceId: workspace.id, profiles, days, seed, onProgress: bar });
      bar.done();
      log("Building behaviour rollups…");
      await rebuildRollups(h.db, workspace.id);
      log(`Seeded ${result.profiles} profiles and ${result.events} events into "${workspace.slug}" in ${(result.ms / 1000).toFixed(1)} s.`);
      process.stdout.write(`${workspace.slug}\n`);
    });
  },

  async workspace(args) {
    const [sub, ...rest] = args;
    if (sub !== "create") throw new UsageError(`Unknown workspace command "${sub ?? ""}". Try: workspace create --name NAME`);
    const { values } = parseArgs({ args: rest, options: { name: { type: "string" } } });
    const name = requireOption(values, "name");
    await withDb(async (h) => {
      const workspace = await createWorkspace(h.db, { name });
      log(`Created workspace "${workspace.name}".`);
      process.stdout.write(`${workspace.slug}\n`);
    });
  },

  async user(args) {
    const [sub, ...rest] = args;
    if (sub !== "create") throw new UsageError(`Unknown user command "${sub ?? ""}". Try: user create --email … --password … --role … --workspace …`);
    const { values } = parseArgs({ args: rest, options: { email: { type: "string" }, password: { type: "string" }, role: { type: "string" }, workspace: { type: "string" }, name: { type: "string" } } });
    const email = requireOption(values, "email");
    const password = requireOption(values, "password");
    const role = requireOption(values, "role") as Role;
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}, got "${role}".`);
    const slug = requireOption(values, "workspace");
    await withDb(async (h) => {
      const workspace = await resolveWorkspace(h, slug);
      const user = await createUser(h.db, { email, password, name: values.name ?? email.split("@")[0] });
      await setMembership(h.db, { workspaceId: workspace.id, userId: user.id, role });
      log(`Created ${role} ${user.email} in "${workspace.slug}".`);
      process.stdout.write(`${user.id}\n`);
    });
  },

  async key(args) {
    const [sub, ...rest] = args;
    if (sub !== "create") throw new UsageError(`Unknown key command "${sub ?? ""}". Try: key create --workspace W --kind write|client|admin`);
    const { values } = parseArgs({ args: rest, options: { workspace: { type: "string" }, kind: { type: "string" }, name: { type: "string" } } });
    const kind = requireOption(values, "kind") as ApiKeyKind;
    if (!["write", "client", "admin"].includes(kind)) throw new UsageError(`--kind must be write, client or admin, got "${kind}".`);
    const slug = requireOption(values, "workspace");
    await withDb(async (h) => {
      const workspace = await resolveWorkspace(h, slug);
      const key = await createApiKey(h.db, { workspaceId: workspace.id, kind, name: values.name ?? `${kind} key (CLI)` });
      log(`Created ${kind} key ${key.prefix}… in "${workspace.slug}". Store it now: it is not shown again.`);
      process.stdout.write(`${key.secret}\n`);
    });
  },

  async dev() {
    await prepareAndServe("dev");
  },

  async start() {
    await prepareAndServe("start");
  },
};

/** Migrates (and for dev, loads the demo) in this process, then hands the database to Next. */
async function prepareAndServe(mode: "dev" | "start") {
  const port = process.env.PORT ?? "3000";
  let demo = false;
  await withDb(async (h) => {
    if (mode === "dev" && !process.env.TAILOR_NO_DEMO) demo = Boolean(await ensureDemo(h));
    else if (mode === "dev") demo = false;
  });
  const url = `http://localhost:${port}`;
  log("");
  log(`  Tailor is starting at ${url}`);
  log(`  Database: ${process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${path.relative(process.cwd(), defaultDataDir()) || "."}`}`);
  if (mode === "dev") log(`  Demo sign-in: ${DEMO_USERS[0].email} / ${DEMO_PASSWORD}${demo ? " (demo data just loaded)" : ""}`);
  log("");
  // The production server runs with its node flags (cli/server-flags.ts); the dev server as Next starts it.
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const args = [...(mode === "start" ? serverNodeFlags() : []), nextBin, mode, "-p", port];
  const child = spawn(process.execPath, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  await new Promise<void>((resolve) => child.on("exit", (code) => {
    process.exitCode = code ?? 0;
    resolve();
  }));
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!command || command === "help" || command === "--help") {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const run = commands[command];
  if (!run) throw new UsageError(`Unknown command "${command}".`);
  await run(args);
}

main().catch((error) => {
  if (error instanceof UsageError || (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    log(`Error: ${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (error instanceof AppError) {
    log(`Error: ${error.message}`);
    process.exit(1);
  }
  if (error?.name === "ZodError") {
    log(`Error: ${error.issues.map((i: { path: unknown[]; message: string }) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}`);
    process.exit(1);
  }
  log(`Error: ${(error as Error).message ?? String(error)}`);
  process.exit(1);
});

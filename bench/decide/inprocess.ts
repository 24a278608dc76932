/**
 * Diagnostic for the decision path (not a benchmark with targets): the Node CPU one OFREP
 * evaluation costs beyond the bare route's work (read and parse the body, answer constant JSON),
 * in-process — no HTTP, no Next.js — under an AsyncLocalStorage like Next.js runs handlers in, so
 * promise hooks cost what they cost in the server. Needs the `bench:decide` dataset
 * (`tailor_bench_decide_100000` on DATABASE_URL's server). Prints the extra µs per request;
 * run it before and after a change to the decision path, and profile it with
 * `node --cpu-prof --import tsx --conditions=react-server bench/decide/inprocess.ts`.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "@/db/client";
import { createApiKey } from "@/lib/keys/api-keys";
import { evaluateFlag } from "@/lib/personalization/ofrep-http";
import { SLOT_KEYS } from "./scenario";

const url = new URL(process.env.DATABASE_URL!); url.pathname = "/tailor_bench_decide_100000";
process.env.DATABASE_URL = url.toString();
const db = await getDb();
const [{ id: ws }] = await queryRows<{ id: string }>(db, sql`select id from workspaces limit 1`);
const keys = (await queryRows<{ value: string }>(db, sql`select value from identities tablesample system (10) where workspace_id = ${ws}::uuid order by random() limit 5000`)).map((r) => r.value);
const key = await createApiKey(db, { workspaceId: ws, kind: "client", name: "inprocess" });
let seed = 7; const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
const als = new AsyncLocalStorage<object>();
const mk = () => new Request(`http://x/ofrep/v1/evaluate/flags/${SLOT_KEYS[rand(SLOT_KEYS.length)]}`, { method: "POST", headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" }, body: JSON.stringify({ context: { targetingKey: keys[rand(keys.length)], device: "mobile" } }) });
const bare = async (req: Request) => { const b = JSON.parse(await req.text()); if (typeof b?.context?.targetingKey !== "string") throw new Error(); return new Response("{}", { status: 200 }); };
async function run(name: string, handler: (r: Request, slot: string) => Promise<Response>, N: number) {
  const c0 = process.cpuUsage(); const t0 = performance.now(); let i = 0;
  await Promise.all(Array.from({ length: 8 }, () => als.run({}, async () => { while (i++ < N) { const r = mk(); const res = await handler(r, new URL(r.url).pathname.split("/").pop()!); await res.text(); } })));
  const c = process.cpuUsage(c0); return { name, us: (c.user + c.system) / N, rps: N / ((performance.now() - t0) / 1000) };
}
const extras: number[] = [];
for (let round = 0; round < 6; round++) {
  const b = await run("bare", (r) => bare(r), 8000);
  const d = await run("decide", (r, slot) => evaluateFlag(r, slot), 8000);
  if (round > 0) extras.push(d.us - b.us);
  console.log(`round ${round}: bare ${b.us.toFixed(0)} µs, decide ${d.us.toFixed(0)} µs → decide extra ${(d.us - b.us).toFixed(0)} µs/request (${d.rps.toFixed(0)}/s)`);
}
extras.sort((a, b) => a - b);
console.log(`decide extra: min ${extras[0].toFixed(0)} median ${extras[Math.floor(extras.length / 2)].toFixed(0)} µs`);
process.exit(0);

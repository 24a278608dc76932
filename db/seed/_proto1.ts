import { openDatabase } from "@/db/client";
import { workspaces } from "@/db/schema";
const h = await openDatabase({ dataDir: "memory://" });
const [w] = await h.db.insert(workspaces).values({ slug: "x", name: "x" }).returning();
const pg = (h.db as any).$client;
const N = Number(process.argv[2] ?? 500000), CH = Number(process.argv[3] ?? 25000);
const mode = process.argv[4] ?? "copy";
if (process.env.NOIDX) for (const i of ["events_message_id_idx","events_profile_event_time_idx","events_event_time_idx","events_time_idx"]) await pg.exec(`drop index ${i}`);
const t0 = Date.now();
const q = (s: string) => '"' + s.replace(/"/g, '""') + '"';
let n = 0;
const profs = Array.from({ length: 20000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
if (mode === "tx") await pg.exec("begin");
for (let c = 0; c < N; c += CH) {
  const lines: string[] = [];
  for (let i = 0; i < CH; i++, n++) {
    const p = profs[Math.floor(n / 25)];
    const ts = new Date(Date.now() - Math.random() * 120 * 864e5).toISOString();
    const props = JSON.stringify({ category: "sports", title: "Champions League: five things we learned", path: "/sports/cl-five-things", url: "https://www.example.com/sports/cl-five-things" });
    const ctx = JSON.stringify({ page: { path: "/sports/cl-five-things", url: "https://www.example.com/sports/cl-five-things" } });
    lines.push(`${w.id},${p},seed-42-${n},page,Page Viewed,${q(props)},${q(ctx)},${ts},${ts}`);
  }
  const csv = lines.join("\n") + "\n";
  const t1 = Date.now();
  await pg.query("COPY events(workspace_id,profile_id,message_id,type,event,properties,context,timestamp,received_at) FROM '/dev/blob' WITH (FORMAT csv)", [], { blob: new Blob([csv]) });
  if (c % 100000 === 0) console.log(c, Date.now() - t1, "ms chunk");
}
if (mode === "tx") await pg.exec("commit");
console.log("load", Date.now() - t0);
const t2 = Date.now(); await pg.exec("analyze events"); console.log("analyze", Date.now() - t2);
console.log(await pg.query("select count(*) from events"));
await h.close();

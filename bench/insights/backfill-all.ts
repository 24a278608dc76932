/**
 * Computes the size history of every segment of every workspace (or `--workspace slug`) in the
 * database of DATABASE_URL, now, in this process: for databases loaded before histories existed.
 *   DATABASE_URL=postgres://… npx tsx --conditions=react-server bench/insights/backfill-all.ts [--workspace demo]
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows } from "@/db/client";
import { refreshSegmentSizeHistory } from "@/lib/insights/segment-size-history";

async function main() {
  const { values } = parseArgs({ options: { workspace: { type: "string" } } });
  if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL");
  const handle = await openDatabase({ url: process.env.DATABASE_URL, max: 2 });
  try {
    const only = values.workspace ? sql`and w.slug = ${values.workspace}` : sql``;
    const rows = await queryRows<{ workspace_id: string; id: string; key: string }>(
      handle.db,
      sql`select s.workspace_id::text, s.id::text, s.key from segments s join workspaces w on w.id = s.workspace_id where true ${only} order by w.slug, s.key`,
    );
    for (const r of rows) {
      const result = await refreshSegmentSizeHistory(handle.db, { workspaceId: r.workspace_id, segmentId: r.id });
      process.stdout.write(`${r.key}: ${JSON.stringify(result)}\n`);
    }
  } finally {
    await handle.close();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});

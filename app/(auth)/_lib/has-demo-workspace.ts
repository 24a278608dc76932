import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { workspaces } from "@/db/schema";

/** Whether a demo workspace is loaded, in which case sign-in shows the demo credentials. */
export async function hasDemoWorkspace(db: Database): Promise<boolean> {
  const rows = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.isDemo, true)).limit(1);
  return rows.length > 0;
}

import type { DbHandle } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { createUser } from "@/lib/auth/create-user";
import { ensureDemoKeys } from "@/lib/demo/demo-keys";
import { countUsers, createWorkspace, setMembership } from "@/lib/workspaces/workspaces";
import type { Role } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit/record-audit";
import { runInsightJobs } from "@/lib/insights/jobs";
import { createDemoPersonalization } from "@/lib/personalization/demo-personalization";
import { createDemoSegments } from "@/lib/segments/demo-segments";
import { rebuildRollups } from "@/lib/segments/rollups";
import { progressBar } from "./progress";

export const DEMO_PASSWORD = "tailor-demo";
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "demo@tailor.dev", name: "Dana Demo", role: "owner" },
  { email: "editor@tailor.dev", name: "Eli Editor", role: "editor" },
  { email: "viewer@tailor.dev", name: "Vic Viewer", role: "viewer" },
];

/**
 * Loads the demo business into an empty database: the "Acme News & Shop" workspace, one user per
 * role and generated profiles and events. Does nothing when any user exists, so it never touches
 * a real install.
 */
export async function ensureDemo(handle: DbHandle, options: { profiles?: number; log?: (line: string) => void } = {}) {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if ((await countUsers(handle.db)) > 0) return null;
  const workspace = await createWorkspace(handle.db, { name: "Acme News & Shop", slug: "demo", isDemo: true });
  for (const u of DEMO_USERS) {
    const user = await createUser(handle.db, { ...u, password: DEMO_PASSWORD });
    await setMembership(handle.db, { workspaceId: workspace.id, userId: user.id, role: u.role });
  }
  // Derived from the server secret, so the /demo page can put them in its script tag (lib/demo/demo-keys.ts).
  await ensureDemoKeys(handle.db, workspace.id);
  log("Loading demo data (Acme News & Shop)…");
  const bar = progressBar(log);
  const result = await seedDemoData(handle, { workspaceId: workspace.id, profiles: options.profiles ?? 20_000, onProgress: bar });
  bar.done();
  await rebuildRollups(handle.db, workspace.id);
  await createDemoSegments(handle.db, workspace.id, SYSTEM_ACTOR);
  // Every demo segment's 90-day size history (queued when each was created), so charts are full at first start.
  const historiesStarted = Date.now();
  await runInsightJobs(handle.db, workspace.id);
  log(`Segment size histories computed in ${((Date.now() - historiesStarted) / 1000).toFixed(1)} s.`);
  await createDemoPersonalization(handle.db, workspace.id, SYSTEM_ACTOR);
  log(`Demo data loaded: ${result.profiles.toLocaleString("en-US")} profiles, ${result.events.toLocaleString("en-US")} events in ${(result.ms / 1000).toFixed(1)} s.`);
  return workspace;
}

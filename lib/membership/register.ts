/**
 * Plugs real-time membership into ingestion: imported once by the ingestion route module, it
 * registers the profiles-touched hook so every committed batch updates memberships right away.
 */
import "server-only";
import { registerProfilesTouchedHook } from "@/lib/ingest/hooks";
import { recomputeMembers } from "./recompute-members";

const state = globalThis as unknown as { __tailorMembershipHook?: boolean };

if (!state.__tailorMembershipHook) {
  state.__tailorMembershipHook = true;
  // Merged-away profiles no longer exist, so recomputing them records their exits.
  registerProfilesTouchedHook(async (db, workspaceId, profileIds, info) => {
    await recomputeMembers(db, { workspaceId, profileIds: [...profileIds, ...info.mergedProfileIds] });
  });
}

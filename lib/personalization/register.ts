/**
 * Plugs personalization into the rest of Tailor, imported for its side effects: segments used by
 * experiences cannot be deleted, and ingested goal events become conversions.
 */
import "server-only";
import { registerProfilesTouchedHook } from "@/lib/ingest/hooks";
import { registerSegmentUsageFinder } from "@/lib/segments/delete-segment";
import { recordConversions } from "./record-conversions";
import { findExperiencesUsingSegment } from "./segment-usage";

const state = globalThis as unknown as { __tailorPersonalizationHooks?: boolean };
// The usage finder list lives in the segments module instance, which this module shares.
registerSegmentUsageFinder(findExperiencesUsingSegment);
// The ingestion hook list is process-wide (globalThis): register once per process.
if (!state.__tailorPersonalizationHooks) {
  state.__tailorPersonalizationHooks = true;
  registerProfilesTouchedHook(async (db, workspaceId, profileIds) => {
    await recordConversions(db, { workspaceId, profileIds });
  });
}

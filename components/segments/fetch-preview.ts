import { apiFetch } from "@/components/api-client";
import type { PreviewResult } from "./types";

export interface PreviewRequest {
  rule: unknown;
  segmentKey?: string;
  sampleSize?: number;
}

/** POST /api/v1/segments/preview (cancellable: a stale count stops on the server too): count, total, per-condition counts and a sample of an unsaved rule. */
export function fetchPreview(workspace: string, body: PreviewRequest, signal?: AbortSignal): Promise<PreviewResult> {
  return apiFetch<PreviewResult>("/api/v1/segments/preview", { workspace, method: "POST", body, signal });
}

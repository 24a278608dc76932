/**
 * Fetches that can be cancelled: TanStack Query hands each queryFn an AbortSignal, and a live count
 * that is no longer wanted (the rule changed again) should stop on the server too.
 * (`apiFetch` in components/api-client.ts takes no signal, so this is its cancellable twin.)
 */
import { ApiRequestError, toApiError } from "@/components/api-client";
import type { PreviewResult } from "./types";

export async function fetchJsonWithSignal<T>(url: string, init: { workspace: string; method?: string; body?: unknown; signal?: AbortSignal }): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", "x-tailor-workspace": init.workspace };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
      signal: init.signal,
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiRequestError(0, "Could not reach the server. Check your connection and try again.", null, []);
  }
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

export interface PreviewRequest {
  rule: unknown;
  segmentKey?: string;
  sampleSize?: number;
}

/** POST /api/v1/segments/preview: count, total, per-condition counts and a sample of an unsaved rule. */
export function fetchPreview(workspace: string, body: PreviewRequest, signal?: AbortSignal): Promise<PreviewResult> {
  return fetchJsonWithSignal<PreviewResult>("/api/v1/segments/preview", { workspace, method: "POST", body, signal });
}

"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { PreviewResult } from "./types";

/** Every slot decided for the subject in `body` (POST /api/v1/preview); null waits. */
export function usePreview(workspace: string, body: Record<string, unknown> | null) {
  const text = JSON.stringify(body);
  return useQuery({
    queryKey: queryKeys.preview(workspace, text),
    queryFn: ({ signal }) => apiFetch<PreviewResult>("/api/v1/preview", { method: "POST", body, workspace, signal }),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

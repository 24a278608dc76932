"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { apiFetch, ApiRequestError, toApiError } from "@/components/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { ColumnMapping, ImportDto, ImportPreview } from "./types";

async function upload<T>(url: string, workspace: string, form: FormData): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", body: form, headers: { "x-tailor-workspace": workspace, accept: "application/json" }, credentials: "same-origin" });
  } catch {
    throw new ApiRequestError(0, "Could not reach the server. Check your connection and try again.", null, []);
  }
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

/** Uploads a file for its header, first rows and a suggested mapping (nothing is stored). */
export function usePreviewImport(workspace: string) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.set("file", file);
      return upload<ImportPreview>("/api/v1/imports/preview", workspace, form);
    },
  });
}

/** Uploads the file again with the mapping; the server answers 202 with the job at once. */
export function useStartImport(workspace: string) {
  return useMutation({
    mutationFn: ({ file, columns }: { file: File; columns: ColumnMapping[] }) => {
      const form = new FormData();
      form.set("file", file);
      form.set("mapping", JSON.stringify({ columns }));
      return upload<{ import: ImportDto }>("/api/v1/imports", workspace, form);
    },
  });
}

/** One import job, polled every second while it runs. */
export function useImportJob(workspace: string, id: string | null) {
  return useQuery({
    queryKey: queryKeys.importJob(workspace, id ?? ""),
    queryFn: () => apiFetch<{ import: ImportDto }>(`/api/v1/imports/${encodeURIComponent(id!)}`, { workspace }),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data?.import.status === "running" ? 1000 : false),
  });
}

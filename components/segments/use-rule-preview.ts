"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { ApiRequestError } from "@/components/api-client";
import type { RuleNode } from "@/components/rules/rule-tree";
import { queryKeys } from "@/lib/query-keys";
import { fetchPreview } from "./fetch-preview";
import { useDebounced } from "@/components/use-debounced";
import type { PreviewResult } from "./types";

const DEBOUNCE_MS = 300;

export interface RulePreview {
  data: PreviewResult | undefined;
  error: Error | null;
  /** A newer count is being waited for (typing, debounce or request in flight). */
  updating: boolean;
  /** `data` belongs to an earlier rule (kept so the number does not flash). */
  stale: boolean;
}

/**
 * The live count of an unsaved rule: posted 300 ms after the last edit, keyed by the rule's JSON
 * (an identical rule is answered from cache), earlier requests cancelled through the AbortSignal,
 * and the previous answer kept on screen while the next one loads.
 */
export function useRulePreview(workspace: string, rule: RuleNode, segmentKey?: string, sampleSize = 8): RulePreview {
  const json = useMemo(() => JSON.stringify(rule), [rule]);
  const settledJson = useDebounced(json, DEBOUNCE_MS);
  const query = useQuery({
    queryKey: queryKeys.segmentPreview(workspace, settledJson, segmentKey ?? null),
    queryFn: ({ signal }) => fetchPreview(workspace, { rule: JSON.parse(settledJson), segmentKey, sampleSize }, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    // A rejected rule will be rejected again; only a server or network failure is worth one retry.
    retry: (count, error) => count < 1 && !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500),
  });

  return {
    data: query.error ? undefined : query.data,
    error: query.error,
    updating: json !== settledJson || query.isFetching,
    stale: query.isPlaceholderData || json !== settledJson,
  };
}

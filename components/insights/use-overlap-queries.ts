"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api-client";
import type { SegmentMemberDto } from "@/components/segments/types";
import type { SegmentOverlap } from "@/lib/insights/overlap-schemas";
import { queryKeys } from "@/lib/query-keys";

const overlapUrl = (keys: string[], refresh = false) =>
  `/api/v1/insights/overlap?${new URLSearchParams({ segments: keys.join(","), ...(refresh ? { refresh: "1" } : {}) })}`;

/** Overlap of the chosen segments; off until at least two are chosen. */
export function useSegmentOverlap(workspace: string, keys: string[]) {
  return useQuery({
    queryKey: queryKeys.segmentOverlap(workspace, keys),
    queryFn: ({ signal }) => apiFetch<SegmentOverlap>(overlapUrl(keys), { workspace, signal }),
    enabled: keys.length >= 2,
    // Adding a segment should not blank the matrix while the new one is counted.
    placeholderData: keepPreviousData,
  });
}

/** Counts the overlap again instead of taking the server's 30-second cached answer. */
export function useRecountOverlap(workspace: string, keys: string[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<SegmentOverlap>(overlapUrl(keys, true), { workspace }),
    onSuccess: (fresh) => queryClient.setQueryData(queryKeys.segmentOverlap(workspace, keys), fresh),
  });
}

const PAGE = 25;

/** Profiles in both `a` and `b`, a page at a time (keyset cursor). */
export function useOverlapMembers(workspace: string, pair: { a: string; b: string } | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.segmentOverlapMembers(workspace, pair?.a ?? "", pair?.b ?? ""),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ a: pair!.a, b: pair!.b, limit: String(PAGE) });
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<{ data: SegmentMemberDto[]; nextCursor: string | null }>(`/api/v1/insights/overlap/members?${params}`, { workspace, signal });
    },
    enabled: pair !== null,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

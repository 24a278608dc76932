"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api-client";
import type { Catalog } from "@/lib/rules/catalog";
import { queryKeys } from "@/lib/query-keys";
import type { SegmentDto, SegmentFilters, SegmentMemberDto, SegmentStatus, SegmentVersionDto } from "./types";

const segmentUrl = (key: string, rest = "") => `/api/v1/segments/${encodeURIComponent(key)}${rest}`;

/** Traits, events and segments a rule can use (prefetched by the segment pages). */
export function useCatalog(workspace: string) {
  return useQuery({
    queryKey: queryKeys.catalog(workspace),
    queryFn: () => apiFetch<Catalog>("/api/v1/catalog", { workspace }),
    staleTime: 60_000,
  });
}

export function useSegments(workspace: string, filters: SegmentFilters) {
  const params = new URLSearchParams({ status: filters.status });
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.tag) params.set("tag", filters.tag);
  return useQuery({
    queryKey: queryKeys.segments(workspace, filters),
    queryFn: () => apiFetch<{ data: SegmentDto[] }>(`/api/v1/segments?${params}`, { workspace }),
    // Typing in the search box should not blank the table between answers.
    placeholderData: keepPreviousData,
  });
}

export function useSegment(workspace: string, key: string) {
  return useQuery({
    queryKey: queryKeys.segment(workspace, key),
    queryFn: () => apiFetch<{ segment: SegmentDto }>(segmentUrl(key), { workspace }),
  });
}

export function useSegmentVersions(workspace: string, key: string) {
  return useQuery({
    queryKey: queryKeys.segmentVersions(workspace, key),
    queryFn: () => apiFetch<{ data: SegmentVersionDto[] }>(segmentUrl(key, "/versions"), { workspace }),
  });
}

const MEMBERS_PAGE = 50;

/** Members of the saved segment, a page at a time (keyset cursor). */
export function useSegmentMembers(workspace: string, key: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.segmentMembers(workspace, key),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(MEMBERS_PAGE) });
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<{ data: SegmentMemberDto[]; nextCursor: string | null }>(segmentUrl(key, `/members?${params}`), { workspace, signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export interface SegmentInput {
  key: string;
  name: string;
  description: string;
  tags: string[];
  rule: unknown;
}

/** After any change, every segment list, size and history of the workspace may be out of date. */
function useAfterChange(workspace: string) {
  const queryClient = useQueryClient();
  return (segment?: SegmentDto) => {
    if (segment) queryClient.setQueryData(queryKeys.segment(workspace, segment.key), { segment });
    void queryClient.invalidateQueries({ queryKey: queryKeys.segmentsAll(workspace), predicate: (q) => !segment || q.queryKey.join("/") !== queryKeys.segment(workspace, segment.key).join("/") });
    void queryClient.invalidateQueries({ queryKey: queryKeys.catalog(workspace) });
  };
}

export function useCreateSegment(workspace: string) {
  const afterChange = useAfterChange(workspace);
  return useMutation({
    mutationFn: (input: SegmentInput) => apiFetch<{ segment: SegmentDto }>("/api/v1/segments", { method: "POST", body: input, workspace }),
    onSuccess: ({ segment }) => afterChange(segment),
  });
}

export interface SegmentPatch {
  name?: string;
  description?: string;
  tags?: string[];
  rule?: unknown;
  status?: SegmentStatus;
  expectedVersion: number;
}

export function useUpdateSegment(workspace: string, key: string) {
  const afterChange = useAfterChange(workspace);
  return useMutation({
    mutationFn: (patch: SegmentPatch) => apiFetch<{ segment: SegmentDto }>(segmentUrl(key), { method: "PATCH", body: patch, workspace }),
    onSuccess: ({ segment }) => afterChange(segment),
  });
}

export function useDuplicateSegment(workspace: string, key: string) {
  const afterChange = useAfterChange(workspace);
  return useMutation({
    mutationFn: (input: { key: string; name?: string }) => apiFetch<{ segment: SegmentDto }>(segmentUrl(key, "/duplicate"), { method: "POST", body: input, workspace }),
    onSuccess: ({ segment }) => afterChange(segment),
  });
}

export function useDeleteSegment(workspace: string, key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ deleted: string }>(segmentUrl(key), { method: "DELETE", workspace }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.segment(workspace, key) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.segmentsAll(workspace) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.catalog(workspace) });
    },
  });
}

"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api-client";
import { queryKeys } from "@/lib/query-keys";
import { EVENTS_PAGE_SIZE, PROFILES_PAGE_SIZE, type Page, type ProfileDetail, type ProfileEvent, type ProfileView } from "./types";

const profileUrl = (id: string, rest = "") => `/api/v1/profiles/${encodeURIComponent(id)}${rest}`;

/** Profiles matching `q` (all when empty), most recently seen first, a keyset page at a time. */
export function useProfileSearch(workspace: string, q: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.profiles(workspace, q),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(PROFILES_PAGE_SIZE) });
      if (q) params.set("q", q);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<Page<ProfileView>>(`/api/v1/profiles?${params}`, { workspace });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Typing in the search box should not blank the table between answers.
    placeholderData: keepPreviousData,
  });
}

export function useProfile(workspace: string, id: string) {
  return useQuery({
    queryKey: queryKeys.profile(workspace, id),
    queryFn: () => apiFetch<ProfileDetail>(profileUrl(id), { workspace }),
  });
}

/** A profile's events, newest first; `event` narrows to one exact event name ("" for all). */
export function useProfileEvents(workspace: string, id: string, event: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.profileEvents(workspace, id, event),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(EVENTS_PAGE_SIZE) });
      if (event) params.set("event", event);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<Page<ProfileEvent>>(profileUrl(id, `/events?${params}`), { workspace });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export interface DeleteProfileResult {
  deleted: { profileId: string; events: number; identities: number; rollups: number };
}

/** Deletes the person and everything about them; marks every cached profile query stale. */
export function useDeleteProfile(workspace: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<DeleteProfileResult>(profileUrl(id), { method: "DELETE", workspace }),
    // No refetch now: the open page would only get a 404 for the deleted profile before it leaves.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.profilesAll(workspace), refetchType: "none" }),
        queryClient.invalidateQueries({ queryKey: queryKeys.overview(workspace), refetchType: "none" }),
      ]),
  });
}

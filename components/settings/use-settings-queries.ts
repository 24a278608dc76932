"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiKeyKind, Role } from "@/db/schema";
import { apiFetch } from "@/components/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { ApiKeyRow, AuditRow, ListResponse, MemberRow } from "./types";

/** The members of a workspace (prefetched by the settings page). */
export function useMembers(workspace: string) {
  return useQuery({
    queryKey: queryKeys.members(workspace),
    queryFn: () => apiFetch<ListResponse<MemberRow>>("/api/v1/members", { workspace }),
  });
}

/** The API keys of a workspace, revoked ones included (prefetched by the settings page). */
export function useApiKeys(workspace: string) {
  return useQuery({
    queryKey: queryKeys.apiKeys(workspace),
    queryFn: () => apiFetch<ListResponse<ApiKeyRow>>("/api/v1/keys", { workspace }),
  });
}

/** Creates a key; the response holds the secret, which the caller must show once and forget. */
export function useCreateApiKey(workspace: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { kind: ApiKeyKind; name: string }) =>
      apiFetch<{ key: ApiKeyRow; secret: string }>("/api/v1/keys", { method: "POST", body: input, workspace }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(workspace) }),
  });
}

/** Revokes a key; anything using it stops working at once. */
export function useRevokeApiKey(workspace: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<unknown>(`/api/v1/keys/${encodeURIComponent(id)}`, { method: "DELETE", workspace }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(workspace) }),
  });
}

/** Adds a person by email; `password` creates their account when none uses the email. */
export function useAddMember(workspace: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name?: string; role: Role; password?: string }) =>
      apiFetch<{ member: MemberRow; createdAccount: boolean }>("/api/v1/members", { method: "POST", body: input, workspace }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.members(workspace) }),
  });
}

/** Changes a member's role. */
export function useChangeMemberRole(workspace: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      apiFetch<{ member: MemberRow }>(`/api/v1/members/${encodeURIComponent(userId)}`, { method: "PATCH", body: { role }, workspace }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.members(workspace) }),
  });
}

/** Removes a member from the workspace; their account stays. */
export function useRemoveMember(workspace: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => apiFetch<unknown>(`/api/v1/members/${encodeURIComponent(userId)}`, { method: "DELETE", workspace }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.members(workspace) }),
  });
}

/** A page of the audit log as GET /api/v1/audit returns it. */
export interface AuditPage {
  data: AuditRow[];
  nextCursor: string | null;
}

/** The audit log, newest first, 50 entries a page; `entityType` "" for all. */
export function useAuditLog(workspace: string, entityType: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.audit(workspace, entityType),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: "50" });
      if (entityType) params.set("entityType", entityType);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<AuditPage>(`/api/v1/audit?${params}`, { workspace });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api-client";
import { queryKeys } from "@/lib/query-keys";

export interface WebhookDto {
  id: string;
  url: string;
  segments: { key: string; name: string }[] | null;
  events: ("enter" | "exit")[];
  active: boolean;
  createdBy: string;
  createdAt: string;
}

export interface DeliveryDto {
  id: number;
  webhookId: string;
  url: string;
  type: "segment.entered" | "segment.exited";
  segmentKey: string | null;
  profileId: string | null;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface CreateWebhookInput {
  url: string;
  segments: string[] | null;
  events: ("enter" | "exit")[];
}

export function useWebhooks(workspace: string) {
  return useQuery({ queryKey: queryKeys.webhooks(workspace), queryFn: () => apiFetch<{ data: WebhookDto[] }>("/api/v1/webhooks", { workspace }) });
}

/** The last 50 deliveries, refreshed every 5 s so retries show up as they happen. */
export function useDeliveries(workspace: string) {
  return useQuery({
    queryKey: queryKeys.webhookDeliveries(workspace),
    queryFn: () => apiFetch<{ data: DeliveryDto[] }>("/api/v1/webhooks/deliveries", { workspace }),
    refetchInterval: 5_000,
  });
}

export function useCreateWebhook(workspace: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateWebhookInput) => apiFetch<{ webhook: WebhookDto; secret: string }>("/api/v1/webhooks", { method: "POST", body: input, workspace }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(workspace) }),
  });
}

export function useSetWebhookActive(workspace: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => apiFetch(`/api/v1/webhooks/${encodeURIComponent(id)}`, { method: "PATCH", body: { active }, workspace }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(workspace) }),
  });
}

export function useDeleteWebhook(workspace: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/webhooks/${encodeURIComponent(id)}`, { method: "DELETE", workspace }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(workspace) }),
  });
}

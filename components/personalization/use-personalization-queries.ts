"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { ExperienceDto, ExperienceVersionDto, OverlapWarning, SlotDto } from "./types";

const slotUrl = (key: string) => `/api/v1/slots/${encodeURIComponent(key)}`;
const experienceUrl = (key: string, rest = "") => `/api/v1/experiences/${encodeURIComponent(key)}${rest}`;

export function useSlots(workspace: string) {
  return useQuery({ queryKey: queryKeys.slots(workspace), queryFn: ({ signal }) => apiFetch<{ data: SlotDto[] }>("/api/v1/slots", { workspace, signal }) });
}

export function useSlot(workspace: string, key: string) {
  return useQuery({ queryKey: queryKeys.slot(workspace, key), queryFn: ({ signal }) => apiFetch<{ slot: SlotDto }>(slotUrl(key), { workspace, signal }) });
}

export function useExperiences(workspace: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.experiences(workspace), queryFn: ({ signal }) => apiFetch<{ data: ExperienceDto[] }>("/api/v1/experiences", { workspace, signal }), enabled });
}

export function useExperience(workspace: string, key: string, enabled = true) {
  return useQuery({ queryKey: queryKeys.experience(workspace, key), queryFn: ({ signal }) => apiFetch<{ experience: ExperienceDto }>(experienceUrl(key), { workspace, signal }), enabled });
}

/** The last publish's result (version and overlap warnings), kept so it survives the move from /new to the experience's page. */
export const lastPublishKey = (workspace: string, key: string) => [...queryKeys.experience(workspace, key), "last-publish"] as const;
export type LastPublish = { version: number; list: OverlapWarning[] };

export function useExperienceVersions(workspace: string, key: string) {
  return useQuery({
    queryKey: queryKeys.experienceVersions(workspace, key),
    queryFn: ({ signal }) => apiFetch<{ data: ExperienceVersionDto[] }>(experienceUrl(key, "/versions"), { workspace, signal }),
  });
}

/** After any change the lists, the one changed and its versions may be out of date. */
function useRefresh(workspace: string) {
  const queryClient = useQueryClient();
  return {
    slot: (slot?: SlotDto) => {
      if (slot) queryClient.setQueryData(queryKeys.slot(workspace, slot.key), { slot });
      void queryClient.invalidateQueries({ queryKey: queryKeys.slots(workspace), exact: true });
    },
    experience: (experience?: ExperienceDto) => {
      if (experience) queryClient.setQueryData(queryKeys.experience(workspace, experience.key), { experience });
      void queryClient.invalidateQueries({ queryKey: queryKeys.experiences(workspace), exact: true });
      if (experience) void queryClient.invalidateQueries({ queryKey: queryKeys.experienceVersions(workspace, experience.key) });
    },
    removeSlot: (key: string) => {
      queryClient.removeQueries({ queryKey: queryKeys.slot(workspace, key), exact: true });
      void queryClient.invalidateQueries({ queryKey: queryKeys.slots(workspace), exact: true });
    },
    removeExperience: (key: string) => {
      queryClient.removeQueries({ queryKey: queryKeys.experience(workspace, key) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.experiences(workspace), exact: true });
    },
  };
}

export interface SlotInput {
  key: string;
  name: string;
  channel: "web" | "email";
  fields: { key: string; label?: string; type: string; required: boolean }[];
}

export function useSaveSlot(workspace: string, existingKey: string | null) {
  const refresh = useRefresh(workspace);
  return useMutation({
    mutationFn: (input: SlotInput) =>
      existingKey
        ? apiFetch<{ slot: SlotDto }>(slotUrl(existingKey), { method: "PATCH", body: { name: input.name, channel: input.channel, fields: input.fields }, workspace })
        : apiFetch<{ slot: SlotDto }>("/api/v1/slots", { method: "POST", body: input, workspace }),
    onSuccess: ({ slot }) => refresh.slot(slot),
  });
}

export function useDeleteSlot(workspace: string, key: string) {
  const refresh = useRefresh(workspace);
  return useMutation({
    mutationFn: () => apiFetch<{ deleted: string }>(slotUrl(key), { method: "DELETE", workspace }),
    onSuccess: () => refresh.removeSlot(key),
  });
}

/** POST for a new experience, PATCH for an existing one; the body is the whole draft. */
export function useSaveExperience(workspace: string, existingKey: string | null) {
  const refresh = useRefresh(workspace);
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      existingKey
        ? apiFetch<{ experience: ExperienceDto }>(experienceUrl(existingKey), { method: "PATCH", body: { ...body, key: undefined }, workspace })
        : apiFetch<{ experience: ExperienceDto }>("/api/v1/experiences", { method: "POST", body, workspace }),
    onSuccess: ({ experience }) => refresh.experience(experience),
  });
}

export function usePublishExperience(workspace: string, key: string) {
  const refresh = useRefresh(workspace);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note?: string) =>
      apiFetch<{ experience: ExperienceDto; version: number; warnings: OverlapWarning[] }>(experienceUrl(key, "/publish"), { method: "POST", body: note ? { note } : {}, workspace }),
    onSuccess: ({ experience, version, warnings }) => {
      refresh.experience(experience);
      queryClient.setQueryData<LastPublish>(lastPublishKey(workspace, experience.key), { version, list: warnings });
    },
  });
}

export function useSetExperienceStatus(workspace: string, key: string) {
  const refresh = useRefresh(workspace);
  return useMutation({
    mutationFn: (status: "paused" | "draft") => apiFetch<{ experience: ExperienceDto }>(experienceUrl(key), { method: "PATCH", body: { status }, workspace }),
    onSuccess: ({ experience }) => refresh.experience(experience),
  });
}

export function useDeleteExperience(workspace: string, key: string) {
  const refresh = useRefresh(workspace);
  return useMutation({
    mutationFn: () => apiFetch<{ deleted: string }>(experienceUrl(key), { method: "DELETE", workspace }),
    onSuccess: () => refresh.removeExperience(key),
  });
}

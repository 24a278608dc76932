/** Shapes of the personalization API's JSON as the dashboard receives them (dates are ISO strings). */
import type { RenderPreviewResult } from "@/lib/personalization/render-preview";
import type { Audience, FieldType, SlotField } from "@/lib/personalization/schemas";

export type { Audience, FieldType, RenderPreviewResult, SlotField };

export type Channel = "web" | "email";
export type ExperienceStatus = "draft" | "live" | "paused";

export interface SlotDto {
  key: string;
  name: string;
  channel: Channel;
  fields: SlotField[];
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface VariantDto {
  name: string;
  content: Record<string, unknown>;
}

export interface ExperienceRuleDto {
  id: string;
  audience: Audience;
  variant: string;
}

export interface FrequencyCap {
  max: number;
  per: "day" | "week";
}

export interface PropertyFilterDto {
  property: string;
  operator: string;
  value?: unknown;
}

export interface Suppression {
  event: string;
  filters: PropertyFilterDto[];
}

export interface ExperienceDto {
  key: string;
  name: string;
  slot: string;
  priority: number;
  scheduleStart: string | null;
  scheduleEnd: string | null;
  timeZone: string;
  holdoutPercent: number;
  frequencyCap: FrequencyCap | null;
  suppression: Suppression | null;
  goalEvent: string | null;
  rules: ExperienceRuleDto[];
  variants: Record<string, VariantDto>;
  defaultVariant: string;
  status: ExperienceStatus;
  version: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface OverlapWarning {
  experience: string;
  name: string;
  reason: string;
}

export interface ExperienceVersionDto {
  version: number;
  publishedBy: string;
  publishedAt: string;
  snapshot: Omit<ExperienceDto, "status" | "version" | "publishedAt" | "createdAt" | "updatedAt" | "updatedBy">;
}

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: "Text",
  rich_text: "Rich text",
  image_url: "Image URL",
  link: "Link",
  product_list: "Product list",
};

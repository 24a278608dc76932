import { z } from "zod";
import type { Operation } from "@/lib/api/openapi";
import { audienceSchema, createExperienceSchema, createSlotSchema, frequencyCapSchema, slotFieldSchema, suppressionSchema, updateSlotSchema } from "./schemas";
import { renderPreviewResultSchema, renderPreviewSchema } from "./render-preview";

const keyParams = z.object({ key: z.string() });
const at = z.iso.datetime();

const slotSchema = z.object({
  key: z.string(),
  name: z.string(),
  channel: z.enum(["web", "email"]),
  fields: z.array(slotFieldSchema),
  createdAt: at,
  updatedAt: at,
  updatedBy: z.string(),
});

const experienceConfigSchema = z.object({
  key: z.string(),
  name: z.string(),
  slot: z.string(),
  priority: z.number().int().describe("Lower numbers are tried first among live experiences of a slot"),
  scheduleStart: at.nullable(),
  scheduleEnd: at.nullable(),
  timeZone: z.string().describe("IANA time zone the schedule is shown in"),
  holdoutPercent: z.number().int(),
  frequencyCap: frequencyCapSchema.nullable(),
  suppression: suppressionSchema.nullable(),
  goalEvent: z.string().nullable(),
  rules: z.array(z.object({ id: z.string(), audience: audienceSchema, variant: z.string() })).describe("Ordered; the first rule whose audience matches decides"),
  variants: z.record(z.string(), z.object({ name: z.string(), content: z.record(z.string(), z.unknown()) })),
  defaultVariant: z.string(),
});

const experienceSchema = experienceConfigSchema.extend({
  status: z.enum(["draft", "live", "paused"]),
  version: z.number().int().describe("Last published version; 0 before the first publish"),
  publishedAt: at.nullable(),
  createdAt: at,
  updatedAt: at,
  updatedBy: z.string(),
});

const updateExperienceBody = createExperienceSchema
  .omit({ key: true })
  .partial()
  .extend({ status: z.enum(["draft", "paused"]).optional().describe("paused or draft stops serving; use publish to go live") });

const warningSchema = z.object({ experience: z.string(), name: z.string(), reason: z.string() });
const versionSchema = z.object({ version: z.number().int(), publishedBy: z.string(), publishedAt: at, snapshot: experienceConfigSchema });

const oneSlot = z.object({ slot: slotSchema });
const oneExperience = z.object({ experience: experienceSchema });
const deleted = z.object({ deleted: z.string() });

/** Personalization authoring routes (slots, experiences, publishing, preview rendering) for the OpenAPI document. */
export const PERSONALIZATION_OPERATIONS: Operation[] = [
  { method: "get", path: "/api/v1/slots", summary: "List slots", tag: "Personalization", auth: "viewer", responses: { 200: { description: "Slots by key", schema: z.object({ data: z.array(slotSchema) }) } } },
  { method: "post", path: "/api/v1/slots", summary: "Create a slot (a placement with typed content fields)", tag: "Personalization", auth: "editor", body: createSlotSchema, responses: { 201: { description: "Created", schema: oneSlot } } },
  { method: "get", path: "/api/v1/slots/{key}", summary: "Get a slot", tag: "Personalization", auth: "viewer", params: keyParams, responses: { 200: { description: "The slot", schema: oneSlot } } },
  {
    method: "patch",
    path: "/api/v1/slots/{key}",
    summary: "Rename a slot or change its channel or fields (refused with 409 while existing content would not fit)",
    tag: "Personalization",
    auth: "editor",
    params: keyParams,
    body: updateSlotSchema,
    responses: { 200: { description: "Updated", schema: oneSlot } },
  },
  { method: "delete", path: "/api/v1/slots/{key}", summary: "Delete a slot no experience uses (409 names the experiences otherwise)", tag: "Personalization", auth: "editor", params: keyParams, responses: { 200: { description: "Deleted", schema: deleted } } },
  {
    method: "get",
    path: "/api/v1/experiences",
    summary: "List experiences (drafts and status), by slot then priority",
    tag: "Personalization",
    auth: "viewer",
    query: z.object({ slot: z.string().max(64).optional() }),
    responses: { 200: { description: "Experiences", schema: z.object({ data: z.array(experienceSchema) }) } },
  },
  { method: "post", path: "/api/v1/experiences", summary: "Create a draft experience", tag: "Personalization", auth: "editor", body: createExperienceSchema, responses: { 201: { description: "Created (status draft)", schema: oneExperience } } },
  { method: "get", path: "/api/v1/experiences/{key}", summary: "Get an experience: its draft, status and last published version", tag: "Personalization", auth: "viewer", params: keyParams, responses: { 200: { description: "The experience", schema: oneExperience } } },
  {
    method: "patch",
    path: "/api/v1/experiences/{key}",
    summary: "Edit the draft (omitted fields keep their value); status paused or draft stops serving",
    tag: "Personalization",
    auth: "editor",
    params: keyParams,
    body: updateExperienceBody,
    responses: { 200: { description: "Updated", schema: oneExperience } },
  },
  { method: "delete", path: "/api/v1/experiences/{key}", summary: "Delete an experience (impressions and conversions are kept)", tag: "Personalization", auth: "editor", params: keyParams, responses: { 200: { description: "Deleted", schema: deleted } } },
  {
    method: "post",
    path: "/api/v1/experiences/{key}/publish",
    summary: "Publish the draft as a new version and serve it; warns about live experiences of the slot that can reach the same visitors",
    tag: "Personalization",
    auth: "editor",
    params: keyParams,
    body: z.object({ note: z.string().max(500).optional() }),
    responses: { 200: { description: "Published", schema: z.object({ experience: experienceSchema, version: z.number().int(), warnings: z.array(warningSchema) }) } },
  },
  { method: "get", path: "/api/v1/experiences/{key}/versions", summary: "Published versions with who and when, newest first", tag: "Personalization", auth: "viewer", params: keyParams, responses: { 200: { description: "Versions", schema: z.object({ data: z.array(versionSchema) }) } } },
  {
    method: "post",
    path: "/api/v1/personalization/render-preview",
    summary: "Render unsaved variant content for a visitor (or an anonymous one): values of valid fields and errors by path",
    tag: "Personalization",
    auth: "viewer",
    body: renderPreviewSchema,
    responses: { 200: { description: "Rendered values and problems", schema: renderPreviewResultSchema } },
  },
];

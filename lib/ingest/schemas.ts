import { z } from "zod";
import { parseTimestamp } from "./timestamps";

/**
 * The `/batch` envelope. Messages inside are read one by one (read-message.ts) so that every
 * problem carries its index.
 */
export const batchEnvelopeSchema = z.object({
  batch: z.array(z.unknown(), { error: "batch must be an array of messages" }).min(1, "batch must contain at least one message"),
  context: z
    .record(z.string(), z.unknown(), { error: "context must be a JSON object" })
    .nullish()
    .transform((v) => v ?? {}),
  sentAt: z
    .string({ error: "sentAt must be an ISO 8601 date-time" })
    .nullish()
    .transform((v, ctx) => {
      if (!v) return null;
      const date = parseTimestamp(v);
      if (!date) ctx.addIssue({ code: "custom", message: "sentAt must be an ISO 8601 date-time between 1970 and 9999" });
      return date;
    }),
  writeKey: z.string({ error: "writeKey must be a string" }).nullish(),
});

const jsonObject = z.record(z.string(), z.unknown());

/** Documentation shape of one message (OpenAPI); see docs/ingestion.md for the rules. */
export const messageDocSchema = z.looseObject({
  type: z.enum(["track", "identify", "page", "screen", "group", "alias"]).optional().describe("Implied by the endpoint except on /batch"),
  userId: z.string().optional(),
  anonymousId: z.string().optional(),
  previousId: z.string().optional().describe("alias only"),
  groupId: z.string().optional().describe("group only"),
  event: z.string().optional().describe("track only"),
  name: z.string().optional().describe("page/screen"),
  category: z.string().optional().describe("page/screen"),
  properties: jsonObject.optional(),
  traits: jsonObject.optional(),
  context: jsonObject.optional(),
  integrations: jsonObject.optional(),
  timestamp: z.string().optional(),
  originalTimestamp: z.string().optional(),
  sentAt: z.string().optional(),
  messageId: z.string().optional(),
  writeKey: z.string().optional().describe("Alternative to Basic auth"),
});

export const batchDocSchema = z.object({
  batch: z.array(messageDocSchema),
  context: jsonObject.optional(),
  sentAt: z.string().optional(),
  writeKey: z.string().optional(),
});

export const ingestSuccessSchema = z.object({ success: z.literal(true) });

import { z } from "zod";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** https anywhere, or http to this machine (for testing receivers locally). */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .url("Enter a full URL such as https://example.com/hooks/tailor")
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === "https:" || (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname));
  }, "Use an https:// URL (http:// is allowed only for localhost)");

export const WEBHOOK_EVENTS = ["enter", "exit"] as const;

export const createWebhookSchema = z.object({
  url: webhookUrlSchema,
  /** Segment keys to watch; omit or null for all segments. */
  segments: z.array(z.string().min(1).max(64)).min(1).max(100).nullable().default(null),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).default(["enter", "exit"]),
  active: z.boolean().default(true),
});
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z.object({ active: z.boolean() });

export const webhookSchema = z.object({
  id: z.string().uuid(),
  url: z.string(),
  segments: z.array(z.object({ key: z.string(), name: z.string() })).nullable(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  active: z.boolean(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});

export const deliverySchema = z.object({
  id: z.number().int(),
  webhookId: z.string().uuid(),
  url: z.string(),
  type: z.enum(["segment.entered", "segment.exited"]),
  segmentKey: z.string().nullable(),
  profileId: z.string().nullable(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  deliveredAt: z.iso.datetime().nullable(),
});

/** The JSON body of every delivery. */
export interface WebhookPayload {
  type: "segment.entered" | "segment.exited";
  segment: { key: string; name: string };
  profile: { id: string; userId: string | null; anonymousIds: string[] };
  at: string;
}

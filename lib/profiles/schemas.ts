import { z } from "zod";

const json = z.record(z.string(), z.unknown());

/** A profile as the API returns it. */
export const profileSchema = z.object({
  id: z.string().uuid(),
  userId: z.string().nullable(),
  anonymousIds: z.array(z.string()),
  traits: json,
  context: json,
  consent: z.object({ personalization: z.boolean().optional(), analytics: z.boolean().optional() }),
  firstSeenAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
});

export const profileDetailSchema = profileSchema.extend({
  eventCount: z.number().int(),
  /** Segment memberships; filled by the segments module. */
  segments: z.array(z.object({ id: z.string(), key: z.string(), name: z.string(), enteredAt: z.iso.datetime() })),
});

export const profileEventSchema = z.object({
  id: z.string(),
  messageId: z.string(),
  type: z.string(),
  event: z.string(),
  properties: json,
  context: json,
  timestamp: z.iso.datetime(),
  receivedAt: z.iso.datetime(),
});

export const profileKeyParamsSchema = z.object({
  id: z.string().min(1).max(255).describe("A userId, an anonymousId or Tailor's profile uuid"),
});

const limit = z.coerce.number({ error: "limit must be a number" }).int().min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50);

export const listProfileEventsQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
  limit,
  event: z.string().min(1).max(200).optional().describe("Only events with this exact name"),
});

export const searchProfilesQuerySchema = z.object({
  q: z.string().trim().max(200, "Search for at most 200 characters").optional().describe("Matches ids, email and any trait (case-insensitive substring)"),
  cursor: z.string().max(500).optional(),
  limit,
});

export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const deleteProfileResultSchema = z.object({
  deleted: z.object({ profileId: z.string().uuid(), events: z.number().int(), identities: z.number().int(), rollups: z.number().int() }),
});

export type ProfileView = z.infer<typeof profileSchema>;
export type ProfileDetail = z.infer<typeof profileDetailSchema>;
export type ProfileEvent = z.infer<typeof profileEventSchema>;

import { z } from "zod";

/** Validation and shapes of segment size history (lib/insights/segment-size-history.ts), shared with the dashboard. */
export const historyQuerySchema = z.object({
  days: z.coerce
    .number({ error: "days must be a whole number of days from 1 to 90, e.g. ?days=30" })
    .int("days must be a whole number of days from 1 to 90, e.g. ?days=30")
    .min(1, "days must be at least 1")
    .max(90, "History covers the last 90 days: ask for at most ?days=90")
    .default(90),
});

const point = z.object({
  day: z.iso.date(),
  size: z.number().int().describe("Members at the end of the day (today: now)"),
  entries: z.number().int().describe("Profiles that became members during the day"),
  exits: z.number().int().describe("Profiles that stopped being members during the day"),
});

/** The document of `GET /api/v1/segments/{key}/history`. */
export const segmentHistorySchema = z.object({
  status: z.enum(["ready", "queued", "running", "failed"]).describe("State of the background computation of the history"),
  progress: z.number().min(0).max(1),
  message: z.string(),
  error: z.string().nullable(),
  computedAt: z.iso.datetime().nullable().describe("When the newest day was computed"),
  series: z.array(point).describe("Oldest first; days not computed yet are absent"),
  weekOverWeek: z
    .object({ current: z.number().int(), previous: z.number().int(), change: z.number().int(), percent: z.number().nullable() })
    .nullable()
    .describe("The last day's size against 7 days earlier; percent is null when the earlier size is 0"),
});

export type SegmentHistoryDocument = z.infer<typeof segmentHistorySchema>;
export type HistoryPoint = z.infer<typeof point>;

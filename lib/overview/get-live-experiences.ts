import "server-only";
import { and, asc, count, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { experiences, slots } from "@/db/schema";
import { getCachedExperienceResults, type VariantResult } from "@/lib/insights/experience-results";
import { summarizeExperience, type Verdict } from "@/lib/insights/experience-summary";
import type { LiftResult } from "@/lib/insights/lift";

export interface LiveExperience {
  key: string;
  name: string;
  slot: { key: string; name: string };
  /** Unique visitors over every group, the holdout included. */
  visitors: number;
  holdoutPercent: number;
  verdict: Verdict;
  /** The best variant against the holdout (see lib/insights/experience-summary); null without traffic. */
  best: { key: string; name: string; visitors: number; conversionRate: number; lift: LiftResult | null } | null;
  sentence: string;
}

export interface LiveExperiences {
  /** Live experiences in the workspace, also those not listed. */
  total: number;
  /** Experiences in any status, to tell "none yet" from "none live". */
  all: number;
  items: LiveExperience[];
}

/** Live experiences with visitors and their best variant's lift over the holdout, by slot and priority. */
export async function getLiveExperiences(db: Database, params: { workspaceId: string; limit?: number }): Promise<LiveExperiences> {
  const limit = params.limit ?? 6;
  const live = await db
    .select({ key: experiences.key, name: experiences.name, slotKey: slots.key, slotName: slots.name })
    .from(experiences)
    .innerJoin(slots, eq(slots.id, experiences.slotId))
    .where(and(eq(experiences.workspaceId, params.workspaceId), eq(experiences.status, "live")))
    .orderBy(asc(slots.key), asc(experiences.priority), asc(experiences.key));
  const [{ n }] = await db.select({ n: count() }).from(experiences).where(eq(experiences.workspaceId, params.workspaceId));

  // In parallel: on PostgreSQL each is one grouped read over one experience's impressions (PGlite queues them).
  const items = await Promise.all(
    live.slice(0, limit).map(async (e): Promise<LiveExperience> => {
      const results = await getCachedExperienceResults(db, { workspaceId: params.workspaceId, experienceKey: e.key, series: false });
      const summary = summarizeExperience<VariantResult>(results);
      const visitors = (results.holdout?.visitors ?? 0) + results.variants.reduce((sum, v) => sum + v.visitors, 0);
      const best = summary.best;
      return {
        key: e.key,
        name: e.name,
        slot: { key: e.slotKey, name: e.slotName },
        visitors,
        holdoutPercent: results.experience.holdoutPercent,
        verdict: summary.verdict,
        best: best ? { key: best.key, name: best.name, visitors: best.visitors, conversionRate: best.conversionRate, lift: best.lift } : null,
        sentence: summary.sentence,
      };
    }),
  );
  return { total: live.length, all: Number(n), items };
}

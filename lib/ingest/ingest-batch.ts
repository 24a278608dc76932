import "server-only";
import type { Database } from "@/db/client";
import { forgetVisitors } from "@/lib/personalization/visitor-cache";
import { commitGroup, submitToGroup } from "./group-commit";
import { onProfilesTouched, scheduleProfilesTouched } from "./hooks";
import { correctTimestamp } from "./timestamps";
import type { IngestMessage } from "./types";

export interface IngestBatchInput {
  workspaceId: string;
  /** Validated messages (see validateBatch). */
  messages: IngestMessage[];
  /** When the request arrived; the reference for clock-skew correction. */
  receivedAt?: Date;
  /** Country from an edge header, used when a message has no `context.location.country`. */
  fallbackCountry?: string | null;
  /**
   * `wait` (default): return after the profiles-touched hooks (segment membership) have run.
   * `schedule`: return once the data is committed; the hooks run right after, coalesced with
   * other batches (see scheduleProfilesTouched) — what the HTTP endpoints use.
   */
  afterCommit?: "wait" | "schedule";
  /**
   * `true` (default): written together with the workspace's other concurrent requests in one
   * transaction (group commit, see group-commit.ts). `false`: in a transaction of its own, as a
   * request arriving at another server process would be (tests of cross-process races).
   */
  group?: boolean;
}

export interface IngestBatchResult {
  /** Events stored by this call. */
  accepted: number;
  /** Messages skipped because their messageId was already stored (or repeated in the batch). */
  duplicates: number;
  /** Profiles the batch's messages belong to, after merges. */
  profileIds: string[];
  /** Profiles merged away (deleted) by this batch. */
  mergedProfileIds: string[];
}

/** Keeps the first message of each messageId: a client may repeat one inside a batch. */
function uniqueByMessageId(messages: IngestMessage[]): IngestMessage[] {
  const seen = new Set<string>();
  return messages.filter((m) => !seen.has(m.messageId) && Boolean(seen.add(m.messageId)));
}

/**
 * Stores a validated batch — identities, merges, events, profiles, rollups, all or nothing —
 * together with the workspace's other concurrent batches (group commit), retrying when a
 * concurrent transaction won a race; returns once it is committed, then tells the
 * profiles-touched hooks.
 */
export async function ingestBatch(db: Database, input: IngestBatchInput): Promise<IngestBatchResult> {
  const receivedAt = input.receivedAt ?? new Date();
  const messages = uniqueByMessageId(input.messages).map((m) => ({ ...m, timestamp: correctTimestamp(m.clientTimestamp, m.sentAt, receivedAt) }));
  const request = { messages, receivedAt, fallbackCountry: input.fallbackCountry };
  const outcome = input.group === false ? (await commitGroup(db, input.workspaceId, [request]))[0] : await submitToGroup(db, input.workspaceId, request);
  // Decisions in this process must not serve what this batch just changed (see visitor-cache.ts).
  forgetVisitors(db, input.workspaceId, {
    profileIds: [...outcome.profileIds, ...outcome.mergedProfileIds],
    keys: messages.flatMap((m) => [m.userId, m.anonymousId, m.previousId]),
  });
  const info = { mergedProfileIds: outcome.mergedProfileIds };
  if (input.afterCommit === "schedule") scheduleProfilesTouched(db, input.workspaceId, outcome.profileIds, info);
  else await onProfilesTouched(db, input.workspaceId, outcome.profileIds, info);
  return {
    accepted: outcome.inserted,
    duplicates: input.messages.length - outcome.inserted,
    profileIds: outcome.profileIds,
    mergedProfileIds: outcome.mergedProfileIds,
  };
}

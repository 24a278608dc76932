/**
 * The one drizzle schema for Tailor. Every tenant table carries `workspace_id`, and the
 * tables that grow with traffic (profiles, events, rollups, memberships) use
 * `(workspace_id, profile_id)` leading keys so they can be distributed and co-located in Citus.
 */
import {
  bigint,
  bigserial,
  date,
  doublePrecision,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const roleEnum = pgEnum("role", ["owner", "admin", "editor", "viewer"]);
export const apiKeyKindEnum = pgEnum("api_key_kind", ["write", "client", "admin"]);

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  isDemo: boolean("is_demo").notNull().default(false),
  /** Origins allowed to call the ingestion and decision APIs from a browser. */
  allowedOrigins: text("allowed_origins").array().notNull().default([]),
  createdAt: ts("created_at").notNull().defaultNow(),
});

// --- better-auth tables (names and columns follow better-auth's core schema) ---

export const users = pgTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const sessions = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: ts("expires_at").notNull(),
    token: text("token").notNull().unique(),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

export const accounts = pgTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: ts("access_token_expires_at"),
    refreshTokenExpiresAt: ts("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("account_user_idx").on(t.userId)],
);

export const verifications = pgTable("verification", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: ts("expires_at").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const rateLimits = pgTable("rate_limit", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  lastRequest: bigint("last_request", { mode: "number" }).notNull(),
});

// --- tenancy ---

export const memberships = pgTable(
  "memberships",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: apiKeyKindEnum("kind").notNull(),
    name: text("name").notNull(),
    /** First characters of the key, shown in lists so people can tell keys apart. */
    prefix: text("prefix").notNull(),
    /** SHA-256 of the whole key; the key itself is never stored. */
    hash: text("hash").notNull().unique(),
    createdBy: text("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("api_keys_workspace_idx").on(t.workspaceId)],
);

// --- collected data ---

export const profiles = pgTable(
  "profiles",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    userId: text("user_id"),
    anonymousIds: text("anonymous_ids").array().notNull().default([]),
    traits: jsonb("traits").$type<Record<string, unknown>>().notNull().default({}),
    /** Last known context: device, browser, os, country, city, utm_*, referrer. */
    context: jsonb("context").$type<Record<string, unknown>>().notNull().default({}),
    /** `{ personalization: boolean, analytics: boolean }`; missing means granted. */
    consent: jsonb("consent").$type<Record<string, boolean>>().notNull().default({}),
    firstSeenAt: ts("first_seen_at").notNull().defaultNow(),
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    /**
     * A new value from `profiles_events_epoch_seq` whenever the profile's stored events are
     * rewritten rather than appended to: events moved in by a merge, deleted, truncated (triggers
     * of migration 0014), and for every new row. New events of an existing profile are inserted
     * only while its row is locked, so their ids grow in commit order; a reader that kept the
     * profile's events up to some id needs only newer ids while this value stays the same
     * (lib/membership/facts-cache.ts).
     */
    eventsEpoch: bigint("events_epoch", { mode: "number" })
      .notNull()
      .default(sql`nextval('profiles_events_epoch_seq')`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("profiles_user_id_idx").on(t.workspaceId, t.userId),
    index("profiles_last_seen_idx").on(t.workspaceId, t.lastSeenAt),
    // Size-history backfills read when each profile was first seen, index-only (lib/insights).
    index("profiles_first_seen_idx").on(t.workspaceId, t.id, t.firstSeenAt),
  ],
);

/** Maps every anonymous id and user id to the profile that owns it. */
export const identities = pgTable(
  "identities",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["user", "anonymous"] }).notNull(),
    value: text("value").notNull(),
    profileId: uuid("profile_id").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.kind, t.value] }),
    index("identities_profile_idx").on(t.workspaceId, t.profileId),
  ],
);

export const events = pgTable(
  "events",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: bigserial("id", { mode: "number" }).notNull(),
    profileId: uuid("profile_id").notNull(),
    messageId: text("message_id").notNull(),
    /** Segment message type: track, page, screen, identify, group, alias. */
    type: text("type").notNull(),
    /** Event name; page and screen calls are stored as "Page Viewed" / "Screen Viewed". */
    event: text("event").notNull(),
    properties: jsonb("properties").$type<Record<string, unknown>>().notNull().default({}),
    context: jsonb("context").$type<Record<string, unknown>>().notNull().default({}),
    timestamp: ts("timestamp").notNull(),
    receivedAt: ts("received_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.profileId, t.id] }),
    uniqueIndex("events_message_id_idx").on(t.workspaceId, t.messageId),
    index("events_profile_event_time_idx").on(t.workspaceId, t.profileId, t.event, t.timestamp),
    // profile_id trails so set-based segment counts read (event, time range) → profiles index-only.
    index("events_event_time_idx").on(t.workspaceId, t.event, t.timestamp, t.profileId),
    // Only the overview's date-range scans read events by time alone; events arrive roughly in
    // time order, so a BRIN index serves them at a fraction of a B-tree's cost per insert.
    index("events_time_brin_idx").using("brin", t.timestamp),
  ],
);

export const auditEntries = pgTable(
  "audit_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** `user:<id>`, `key:<id>` or `system`. */
    actor: text("actor").notNull(),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("audit_workspace_at_idx").on(t.workspaceId, t.at)],
);

export type Workspace = typeof workspaces.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
export type ApiKeyKind = (typeof apiKeyKindEnum.enumValues)[number];
export type Profile = typeof profiles.$inferSelect;
export type EventRow = typeof events.$inferSelect;

// --- segments ---

export const segmentStatusEnum = pgEnum("segment_status", ["active", "archived"]);

export const segments = pgTable(
  "segments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    tags: text("tags").array().notNull().default([]),
    /** The parsed rule as JSON (see lib/rules/ast.ts). */
    rule: jsonb("rule").$type<unknown>().notNull(),
    status: segmentStatusEnum("status").notNull().default("active"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    updatedBy: text("updated_by").notNull().default(""),
    /** Size at the last count, for lists; the exact size is always one count away. */
    lastCount: integer("last_count"),
    lastCountedAt: ts("last_counted_at"),
    /** When stored membership last changed (an enter or exit), see lib/membership. */
    membersUpdatedAt: ts("members_updated_at"),
    /** When the whole membership was last reconciled against the rule in SQL. */
    evaluatedAt: ts("evaluated_at"),
    /** Why the rule could not be evaluated, shown to marketers; null when it evaluates fine. */
    evaluationError: text("evaluation_error"),
    /**
     * When the current rule took effect (created, or its rule changed): days before it are
     * backfilled by evaluating the rule as of each day, later days come from the change log.
     */
    ruleChangedAt: ts("rule_changed_at"),
  },
  (t) => [uniqueIndex("segments_key_idx").on(t.workspaceId, t.key)],
);

export const segmentVersions = pgTable(
  "segment_versions",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    segmentId: uuid("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    tags: text("tags").array().notNull(),
    rule: jsonb("rule").$type<unknown>().notNull(),
    status: segmentStatusEnum("status").notNull(),
    changedBy: text("changed_by").notNull(),
    changedAt: ts("changed_at").notNull().defaultNow(),
    note: text("note").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.version] })],
);

/**
 * Per profile, event, property dimension and UTC day: how often and how much. `dim_key = ''`
 * rolls up the event as a whole; other rows split it by one chosen property (e.g. page category).
 */
export const eventRollups = pgTable(
  "event_rollups",
  {
    workspaceId: uuid("workspace_id").notNull(),
    profileId: uuid("profile_id").notNull(),
    event: text("event").notNull(),
    dimKey: text("dim_key").notNull().default(""),
    dimValue: text("dim_value").notNull().default(""),
    day: timestamp("day", { withTimezone: true, mode: "date" }).notNull(),
    count: integer("count").notNull(),
    /** Sum of `revenue` (or the event's numeric value) over the day, for sum conditions. */
    revenue: doublePrecision("revenue").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.profileId, t.event, t.dimKey, t.dimValue, t.day] }),
    // Covering: segment counts read (event, dimension, day range) → (profile, count) index-only.
    index("event_rollups_lookup_idx").on(t.workspaceId, t.event, t.dimKey, t.dimValue, t.day, t.profileId, t.count),
  ],
);
export type Segment = typeof segments.$inferSelect;

// --- real-time segment membership (lib/membership) ---

/** Who is in each active segment now; maintained after every ingested batch and by a timer. */
export const segmentMembers = pgTable(
  "segment_members",
  {
    workspaceId: uuid("workspace_id").notNull(),
    profileId: uuid("profile_id").notNull(),
    segmentId: uuid("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    enteredAt: ts("entered_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.profileId, t.segmentId] }),
    index("segment_members_segment_idx").on(t.workspaceId, t.segmentId),
  ],
);

/** Every enter and exit, for size-over-time charts; a running sum per segment equals its size. */
export const segmentMembershipChanges = pgTable(
  "segment_membership_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id").notNull(),
    segmentId: uuid("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    profileId: uuid("profile_id").notNull(),
    kind: text("kind", { enum: ["enter", "exit"] }).notNull(),
    at: ts("at").notNull(),
    /**
     * The writing transaction's id. Ids from the sequence do not become visible in order (a
     * transaction can commit after one holding a later id), so readers that must see every change
     * exactly once (webhooks) follow (tx, id) and read only transactions that have finished.
     */
    tx: bigint("tx", { mode: "number" })
      .notNull()
      .default(sql`(pg_current_xact_id()::text)::bigint`),
  },
  (t) => [
    index("segment_membership_changes_segment_at_idx").on(t.workspaceId, t.segmentId, t.at),
    index("segment_membership_changes_tx_idx").on(t.workspaceId, t.tx, t.id),
  ],
);
export type SegmentMember = typeof segmentMembers.$inferSelect;

// --- insights (lib/insights) ---

/**
 * A segment's size at the end of each UTC day, with the profiles that entered and left that day.
 * `backfill` rows evaluate the rule as of the day's end (days before `segments.rule_changed_at`);
 * `snapshot` rows come from stored membership and its change log.
 */
export const segmentSizeDaily = pgTable(
  "segment_size_daily",
  {
    workspaceId: uuid("workspace_id").notNull(),
    segmentId: uuid("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    size: integer("size").notNull(),
    entries: integer("entries").notNull(),
    exits: integer("exits").notNull(),
    source: text("source", { enum: ["backfill", "snapshot"] }).notNull(),
    computedAt: ts("computed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.segmentId, t.day] })],
);
export type SegmentSizeDay = typeof segmentSizeDaily.$inferSelect;

export const insightJobStatusEnum = pgEnum("insight_job_status", ["queued", "running", "done", "failed"]);

/**
 * Long insight computations (history backfills, …) run in the server process, one at a time per
 * workspace, with progress readable while they run. `key` names what a job computes (e.g. the
 * segment id), so a second request for the same thing joins the queued job.
 */
export const insightJobs = pgTable(
  "insight_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default({}),
    status: insightJobStatusEnum("status").notNull().default("queued"),
    /** 0..1 */
    progress: real("progress").notNull().default(0),
    message: text("message").notNull().default(""),
    result: jsonb("result").$type<unknown>(),
    error: text("error"),
    createdAt: ts("created_at").notNull().defaultNow(),
    startedAt: ts("started_at"),
    /** Last progress write of a running job; a running job silent for minutes lost its process. */
    heartbeatAt: ts("heartbeat_at"),
    finishedAt: ts("finished_at"),
  },
  (t) => [
    index("insight_jobs_key_idx").on(t.workspaceId, t.kind, t.key, t.createdAt),
    index("insight_jobs_status_idx").on(t.status, t.workspaceId, t.createdAt),
  ],
);
export type InsightJob = typeof insightJobs.$inferSelect;

// --- personalization (lib/personalization) ---

export const slotChannelEnum = pgEnum("slot_channel", ["web", "email"]);
export const experienceStatusEnum = pgEnum("experience_status", ["draft", "live", "paused"]);

/** A placement on a site or in an email, with the fields its content fills. */
export const slots = pgTable(
  "slots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    name: text("name").notNull(),
    channel: slotChannelEnum("channel").notNull().default("web"),
    /** `[{ key, label, type: text|rich_text|image_url|link|product_list, required }]`. */
    fields: jsonb("fields").$type<unknown[]>().notNull().default([]),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    updatedBy: text("updated_by").notNull().default(""),
  },
  (t) => [uniqueIndex("slots_key_idx").on(t.workspaceId, t.key)],
);

/** For one slot: ordered audience → variant rules, a default variant, schedule and guards. */
export const experiences = pgTable(
  "experiences",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    slotId: uuid("slot_id")
      .notNull()
      .references(() => slots.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    status: experienceStatusEnum("status").notNull().default("draft"),
    /** Lower runs first among live experiences of one slot. */
    priority: integer("priority").notNull().default(100),
    scheduleStart: ts("schedule_start"),
    scheduleEnd: ts("schedule_end"),
    /** IANA zone the schedule was written in, for display; the instants above are absolute. */
    timeZone: text("time_zone").notNull().default("UTC"),
    holdoutPercent: integer("holdout_percent").notNull().default(0),
    /** `{ max, per: "day" | "week" }` or null. */
    frequencyCap: jsonb("frequency_cap").$type<unknown>(),
    /** `{ event, filters }` or null: stop showing once this event happened. */
    suppression: jsonb("suppression").$type<unknown>(),
    goalEvent: text("goal_event"),
    /** `[{ id, audience: { segments } | { rule }, variant }]`, first match wins. */
    rules: jsonb("rules").$type<unknown[]>().notNull().default([]),
    /** `{ [variantKey]: { name, content: { [fieldKey]: value } } }`. */
    variants: jsonb("variants").$type<Record<string, unknown>>().notNull().default({}),
    defaultVariant: text("default_variant").notNull(),
    version: integer("version").notNull().default(0),
    publishedAt: ts("published_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    updatedBy: text("updated_by").notNull().default(""),
  },
  (t) => [uniqueIndex("experiences_key_idx").on(t.workspaceId, t.key), index("experiences_slot_idx").on(t.workspaceId, t.slotId)],
);

/** What was published, once per publish. */
export const experienceVersions = pgTable(
  "experience_versions",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    experienceId: uuid("experience_id")
      .notNull()
      .references(() => experiences.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").$type<unknown>().notNull(),
    publishedBy: text("published_by").notNull(),
    publishedAt: ts("published_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.experienceId, t.version] })],
);

/** One row per decision served (holdouts included), written asynchronously in batches. */
export const impressions = pgTable(
  "impressions",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: bigserial("id", { mode: "number" }).notNull(),
    experienceId: uuid("experience_id").notNull(),
    variant: text("variant").notNull(),
    profileId: uuid("profile_id"),
    targetingKey: text("targeting_key").notNull(),
    holdout: boolean("holdout").notNull().default(false),
    at: ts("at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("impressions_key_idx").on(t.workspaceId, t.targetingKey, t.experienceId, t.at),
    index("impressions_profile_idx").on(t.workspaceId, t.profileId, t.experienceId, t.at),
    index("impressions_experience_idx").on(t.workspaceId, t.experienceId, t.at),
  ],
);

/** A goal event after an impression, credited to the variant last shown; one per goal event. */
export const conversions = pgTable(
  "conversions",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: bigserial("id", { mode: "number" }).notNull(),
    experienceId: uuid("experience_id").notNull(),
    variant: text("variant").notNull(),
    holdout: boolean("holdout").notNull().default(false),
    profileId: uuid("profile_id"),
    targetingKey: text("targeting_key").notNull(),
    event: text("event").notNull(),
    messageId: text("message_id").notNull(),
    at: ts("at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("conversions_message_idx").on(t.workspaceId, t.experienceId, t.messageId),
    index("conversions_experience_idx").on(t.workspaceId, t.experienceId, t.at),
  ],
);
export type Slot = typeof slots.$inferSelect;
export type Experience = typeof experiences.$inferSelect;

// --- CSV imports of profiles and traits (lib/imports) ---

export const importStatusEnum = pgEnum("import_status", ["running", "completed", "failed"]);

/** One CSV import: its column mapping, progress counters and the first row errors. */
export const imports = pgTable(
  "imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    /** SHA-256 of the file; with the row number it makes each row's messageId, so re-imports are idempotent. */
    fileHash: text("file_hash").notNull(),
    mapping: jsonb("mapping").$type<unknown>().notNull(),
    status: importStatusEnum("status").notNull().default("running"),
    totalRows: integer("total_rows").notNull().default(0),
    processed: integer("processed").notNull().default(0),
    succeeded: integer("succeeded").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    /** The first 1,000 row errors: `{ row, column, message }`. */
    errors: jsonb("errors").$type<{ row: number; column: string | null; message: string }[]>().notNull().default([]),
    /** Why the whole import stopped (status `failed`). */
    error: text("error"),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    /** Renewed every few seconds while the process running the import is alive (see failInterruptedImports). */
    heartbeatAt: ts("heartbeat_at").notNull().defaultNow(),
    finishedAt: ts("finished_at"),
  },
  (t) => [index("imports_workspace_created_idx").on(t.workspaceId, t.createdAt)],
);
export type ImportJob = typeof imports.$inferSelect;

// --- outbound webhooks on segment enter/exit (lib/webhooks) ---

/** An endpoint told when profiles enter or leave segments. */
export const webhooks = pgTable(
  "webhooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    /** HMAC key for `X-Tailor-Signature`; shown once at creation. */
    secret: text("secret").notNull(),
    /** Segments watched; null watches all. */
    segmentIds: uuid("segment_ids").array(),
    events: text("events").array().notNull(),
    active: boolean("active").notNull().default(true),
    /** The last `segment_membership_changes` (tx, id) turned into deliveries for this webhook. */
    lastChangeTx: bigint("last_change_tx", { mode: "number" }).notNull().default(0),
    lastChangeId: bigint("last_change_id", { mode: "number" }).notNull().default(0),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("webhooks_workspace_idx").on(t.workspaceId)],
);

export const webhookDeliveryStatusEnum = pgEnum("webhook_delivery_status", ["pending", "delivered", "failed"]);

/** One enter/exit event to send to one webhook, with its attempts. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id").notNull(),
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    changeId: bigint("change_id", { mode: "number" }).notNull(),
    type: text("type", { enum: ["segment.entered", "segment.exited"] }).notNull(),
    /** The JSON body, fixed when queued so every retry sends the same bytes. */
    body: text("body").notNull(),
    status: webhookDeliveryStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastAttemptAt: ts("last_attempt_at"),
    deliveredAt: ts("delivered_at"),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_change_idx").on(t.webhookId, t.changeId),
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_log_idx").on(t.workspaceId, t.webhookId, t.id),
  ],
);
export type Webhook = typeof webhooks.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

/**
 * Rows in PostgreSQL's COPY text format (tab-separated, `\N` for null). Both engines load this
 * format through COPY, which is several times faster than INSERT for hundreds of thousands of rows.
 */
import type { SeedEventRow, SeedProfile } from "./types";

export const PROFILE_COLUMNS = ["workspace_id", "id", "user_id", "anonymous_ids", "traits", "context", "consent", "first_seen_at", "last_seen_at", "updated_at"];
export const IDENTITY_COLUMNS = ["workspace_id", "kind", "value", "profile_id", "created_at"];
export const EVENT_COLUMNS = ["workspace_id", "profile_id", "message_id", "type", "event", "properties", "context", "timestamp", "received_at"];

const NULL = "\\N";
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** Escapes one field; most values contain nothing special, so the test keeps the common case cheap. */
export function copyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value;
}

/** Frozen payloads are shared by many events (see sessions.ts), so their text is computed once. */
const frozenJson = new WeakMap<object, string>();

function copyJson(value: Record<string, unknown>): string {
  const shared = Object.isFrozen(value);
  let text = shared ? frozenJson.get(value) : undefined;
  if (text === undefined) {
    text = copyText(JSON.stringify(value));
    if (shared) frozenJson.set(value, text);
  }
  return text;
}

/** A text[] literal: every element quoted, so commas or braces inside an id cannot split it. */
function copyTextArray(values: readonly string[]): string {
  return copyText(`{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`);
}

function iso(ts: number): string {
  return new Date(ts).toISOString();
}

export function profileLine(workspaceId: string, p: SeedProfile): string {
  const lastSeen = iso(p.lastSeenAt);
  return [
    workspaceId,
    p.id,
    p.userId === null ? NULL : copyText(p.userId),
    copyTextArray(p.anonymousIds),
    copyJson(p.traits),
    copyJson(p.context),
    copyJson(p.consent),
    iso(p.firstSeenAt),
    lastSeen,
    lastSeen,
  ].join("\t");
}

/** One identity row per user id and per anonymous id. */
export function identityLines(workspaceId: string, p: SeedProfile): string[] {
  const firstSeen = iso(p.firstSeenAt);
  const lines = p.anonymousIds.map((a) => `${workspaceId}\tanonymous\t${copyText(a)}\t${p.id}\t${firstSeen}`);
  if (p.userId !== null) lines.push(`${workspaceId}\tuser\t${copyText(p.userId)}\t${p.id}\t${iso(p.identifiedAt ?? p.firstSeenAt)}`);
  return lines;
}

/** `received_at` equals the event time: seeded history looks as if it arrived live. */
export function eventLine(workspaceId: string, e: SeedEventRow): string {
  const ts = iso(e.ts);
  return `${workspaceId}\t${e.profileId}\t${e.messageId}\t${e.type}\t${copyText(e.event)}\t${copyJson(e.properties)}\t${copyJson(e.context)}\t${ts}\t${ts}`;
}

/** The three COPY payloads of one chunk, each ending in a newline as COPY expects. */
export function encodeChunk(workspaceId: string, profiles: readonly SeedProfile[], events: readonly SeedEventRow[]) {
  const join = (lines: string[]) => (lines.length ? lines.join("\n") + "\n" : "");
  return {
    profiles: join(profiles.map((p) => profileLine(workspaceId, p))),
    identities: join(profiles.flatMap((p) => identityLines(workspaceId, p))),
    events: join(events.map((e) => eventLine(workspaceId, e))),
  };
}

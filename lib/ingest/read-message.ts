import { MAX_ID_LENGTH, MAX_NAME_LENGTH } from "./limits";
import { parseTimestamp } from "./timestamps";
import type { Json, MessageType } from "./types";

/**
 * Field-by-field reading of one Segment message. Hand-written rather than a zod schema because
 * ingestion validates every message of every batch: this costs ~1 µs a message, zod ~20 µs,
 * which alone would use a fifth of the CPU budget of the throughput target. Each reader records
 * a problem with the field's path and returns a placeholder, so all problems are reported.
 */
interface Common {
  messageId: string | null;
  userId: string | null;
  anonymousId: string | null;
  context: Json;
  timestamp: Date | null;
  originalTimestamp: Date | null;
  sentAt: Date | null;
}

export type ParsedMessage = Common &
  (
    | { type: "track"; event: string; properties: Json }
    | { type: "page" | "screen"; name: string | null; category: string | null; properties: Json }
    | { type: "identify"; traits: Json }
    | { type: "group"; groupId: string | null; traits: Json }
    | { type: "alias"; previousId: string | null }
  );

export type Problem = { path: string[]; message: string };

/** True for a JSON object (not null, not an array). */
export const isPlainObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const absent = (v: unknown) => v === null || v === undefined || v === "";

// Module-level readers (not closures per message): they run for every field of every message.
function fail(problems: Problem[], field: string, message: string) {
  problems.push({ path: [field], message });
}

function readId(raw: Json, field: string, problems: Problem[]): string | null {
  const v = raw[field];
  if (absent(v)) return null;
  if (typeof v === "number" && Number.isFinite(v)) return String(v); // some clients send numeric ids
  if (typeof v !== "string") fail(problems, field, `${field} must be a string`);
  else if (v.length > MAX_ID_LENGTH) fail(problems, field, `${field} is longer than ${MAX_ID_LENGTH} characters`);
  else return v;
  return null;
}

function readObject(raw: Json, field: string, problems: Problem[]): Json {
  const v = raw[field];
  if (v === null || v === undefined) return {};
  if (isPlainObject(v)) return v;
  fail(problems, field, `${field} must be a JSON object`);
  return {};
}

function readTime(raw: Json, field: string, problems: Problem[]): Date | null {
  const v = raw[field];
  if (absent(v)) return null;
  const date = typeof v === "string" ? parseTimestamp(v) : null;
  if (!date) fail(problems, field, `${field} must be an ISO 8601 date-time such as 2024-05-01T12:00:00.000Z, between 1970 and 9999`);
  return date;
}

function readName(raw: Json, field: string, required: boolean, problems: Problem[]): string | null {
  const v = raw[field];
  if (v === null || v === undefined || (v === "" && !required)) {
    if (required) fail(problems, field, `${field} is required`);
    return null;
  }
  if (typeof v !== "string") fail(problems, field, `${field} must be a string`);
  else if (v === "") fail(problems, field, `${field} must not be empty`);
  else if (v.length > MAX_NAME_LENGTH) fail(problems, field, `${field} is longer than ${MAX_NAME_LENGTH} characters`);
  else return v;
  return null;
}

function requireValue(field: string, value: unknown, problems: Problem[]) {
  if (value === null) fail(problems, field, `${field} is required`);
}

/** Reads a message of a known type; returns null when anything is wrong (see `problems`). */
export function readMessage(raw: Json, type: MessageType, problems: Problem[]): ParsedMessage | null {
  const p = problems;
  const common: Common = {
    messageId: readId(raw, "messageId", p),
    userId: readId(raw, "userId", p),
    anonymousId: readId(raw, "anonymousId", p),
    context: readObject(raw, "context", p),
    timestamp: readTime(raw, "timestamp", p),
    originalTimestamp: readTime(raw, "originalTimestamp", p),
    sentAt: readTime(raw, "sentAt", p),
  };
  readObject(raw, "integrations", p); // accepted (Segment clients send it) but unused: Tailor is no router
  let message: ParsedMessage;
  switch (type) {
    case "track":
      message = { ...common, type, event: readName(raw, "event", true, p) ?? "", properties: readObject(raw, "properties", p) };
      break;
    case "page":
    case "screen":
      message = { ...common, type, name: readName(raw, "name", false, p), category: readName(raw, "category", false, p), properties: readObject(raw, "properties", p) };
      break;
    case "identify":
      message = { ...common, type, traits: readObject(raw, "traits", p) };
      break;
    case "group":
      message = { ...common, type, groupId: readId(raw, "groupId", p), traits: readObject(raw, "traits", p) };
      requireValue("groupId", message.groupId, p);
      break;
    case "alias":
      message = { ...common, type, previousId: readId(raw, "previousId", p) };
      requireValue("previousId", message.previousId, p);
      requireValue("userId", message.userId, p);
      break;
    default: {
      const never: never = type;
      throw new Error(`Unhandled message type ${String(never)}`);
    }
  }
  if (type !== "alias" && common.userId === null && common.anonymousId === null && absent(raw.userId) && absent(raw.anonymousId)) {
    fail(p, "userId", "Either userId or anonymousId is required");
  }
  return problems.length ? null : message;
}

import type { z } from "zod";
import { consentProblems } from "./consent";
import { inspectJson } from "./inspect-json";
import { MAX_MESSAGE_BYTES } from "./limits";
import { normalizeMessage } from "./normalize";
import { isPlainObject, readMessage, type ParsedMessage } from "./read-message";
import { batchEnvelopeSchema } from "./schemas";
import { MESSAGE_TYPES, type IngestMessage, type Json, type MessageType, type ValidationIssue, type ValidationResult } from "./types";

/** At most this many problems are listed; a batch of 10,000 bad messages needs no 10,000-line answer. */
const MAX_ISSUES = 100;

const zodIssues = (index: number | null, error: z.ZodError): ValidationIssue[] =>
  error.issues.map((i) => ({ index, path: i.path.map(String), message: i.message }));

/**
 * Validates a `/batch` body (or, with `type`, the body of a single-message endpoint such as
 * `/track`). All or nothing: any bad message rejects the whole request with every problem listed
 * by index and path; 413 when a message is larger than 32 KB, else 400.
 */
export function validateBatch(json: unknown, options: { type?: MessageType } = {}): ValidationResult {
  const envelope = options.type ? singleEnvelope(json, options.type) : batchEnvelope(json);
  if (!envelope.ok) return { ok: false, status: 400, errors: envelope.errors };

  const issues: ValidationIssue[] = [];
  let tooLarge = false;
  const messages: IngestMessage[] = [];
  for (const [index, raw] of envelope.batch.entries()) {
    if (issues.length >= MAX_ISSUES) break;
    const result = validateMessage(raw, index, options.type);
    if (result.tooLarge) tooLarge = true;
    if (result.issues.length) issues.push(...result.issues);
    else if (result.message) messages.push(normalizeMessage(result.message, envelope));
  }
  if (issues.length) return { ok: false, status: tooLarge ? 413 : 400, errors: issues.slice(0, MAX_ISSUES) };
  return { ok: true, messages, writeKey: envelope.writeKey };
}

type Envelope =
  | { ok: true; batch: unknown[]; context: Json; sentAt: Date | null; writeKey: string | null }
  | { ok: false; errors: ValidationIssue[] };

function batchEnvelope(json: unknown): Envelope {
  if (!isPlainObject(json)) return { ok: false, errors: [{ index: null, path: [], message: "The body must be an object such as { \"batch\": [ … ] }" }] };
  const { batch, ...rest } = json;
  const problems = inspectJson(rest).problems.map((p) => ({ index: null, ...p }));
  if (problems.length) return { ok: false, errors: problems };
  const parsed = batchEnvelopeSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: zodIssues(null, parsed.error) };
  return { ok: true, batch: parsed.data.batch, context: parsed.data.context, sentAt: parsed.data.sentAt, writeKey: parsed.data.writeKey ?? null };
}

function singleEnvelope(json: unknown, type: MessageType): Envelope {
  if (!isPlainObject(json)) return { ok: false, errors: [{ index: 0, path: [], message: "The body must be a JSON object" }] };
  const message: Json = json.type === undefined ? { ...json, type } : json;
  const writeKey = typeof json.writeKey === "string" ? json.writeKey : null;
  return { ok: true, batch: [message], context: {}, sentAt: null, writeKey };
}

function validateMessage(raw: unknown, index: number, expected?: MessageType): { issues: ValidationIssue[]; tooLarge?: boolean; message?: ParsedMessage } {
  const at = (path: string[], message: string): ValidationIssue => ({ index, path, message });
  if (!isPlainObject(raw)) return { issues: [at([], "Each message must be a JSON object")] };

  const inspection = inspectJson(raw);
  if (inspection.problems.length) return { issues: inspection.problems.map((p) => at(p.path, p.message)) };
  // Exact size only when the cheap upper bound is too high, and only after the depth check:
  // serializing a hostile 100k-level document would overflow the stack.
  const bytes = inspection.maxBytes <= MAX_MESSAGE_BYTES ? 0 : Buffer.byteLength(JSON.stringify(raw));
  if (bytes > MAX_MESSAGE_BYTES) {
    return { tooLarge: true, issues: [at([], `The message is ${Math.ceil(bytes / 1024)} KB; the limit is ${MAX_MESSAGE_BYTES / 1024} KB`)] };
  }

  const type = raw.type;
  if (typeof type !== "string" || !(MESSAGE_TYPES as readonly string[]).includes(type)) {
    return { issues: [at(["type"], `Unknown type ${JSON.stringify(type ?? null)}; expected one of ${MESSAGE_TYPES.join(", ")}`)] };
  }
  if (expected && type !== expected) {
    return { issues: [at(["type"], `This endpoint accepts "${expected}" messages; send "${type}" messages to /api/v1/${type} or /api/v1/batch`)] };
  }
  const problems: { path: string[]; message: string }[] = [];
  const message = readMessage(raw, type as MessageType, problems);
  if (!message) return { issues: problems.map((p) => at(p.path, p.message)) };

  const issues = semanticIssues(message).map((p) => at(p.path, p.message));
  return issues.length ? { issues } : { issues: [], message };
}

/** Problems inside objects the profile reads from: context.traits and consent values. */
function semanticIssues(m: ParsedMessage): { path: string[]; message: string }[] {
  const contextTraits = m.context.traits;
  if (contextTraits !== undefined && contextTraits !== null && !isPlainObject(contextTraits)) {
    return [{ path: ["context", "traits"], message: "context.traits must be a JSON object" }];
  }
  const under = (prefix: string[], value: unknown) => consentProblems(value).map((p) => ({ path: [...prefix, ...p.path], message: p.message }));
  return [
    ...under(["context", "consent"], m.context.consent),
    ...under(["context", "traits", "consent"], (contextTraits as Json | undefined)?.consent),
    ...(m.type === "identify" ? under(["traits", "consent"], m.traits.consent) : []),
  ];
}

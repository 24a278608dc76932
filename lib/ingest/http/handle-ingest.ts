import "server-only";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/api/errors";
import "@/lib/membership/register"; // every accepted batch updates segment memberships after commit
import "@/lib/personalization/register"; // goal events of shown experiences become conversions
import { errorResponse, json } from "@/lib/api/handler";
import { verifyApiKey } from "@/lib/keys/api-keys";
import { ingestBatch } from "../ingest-batch";
import { MAX_BATCH_BYTES, MAX_MESSAGE_BYTES } from "../limits";
import { validateBatch } from "../validate";
import type { MessageType, ValidationIssue } from "../types";
import { corsHeaders, originAllowed, preflightResponse } from "./cors";
import { readBodyText } from "./read-body";
import { countryFrom, writeKeyFrom } from "./write-key";

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body must be valid JSON.");
  }
}

function invalid(status: 400 | 413, errors: ValidationIssue[]): AppError {
  const first = errors[0];
  const where = first ? `${first.index === null ? "" : `message ${first.index}`}${first.path.length ? ` at ${first.path.join(".")}` : ""}` : "";
  const summary = `${where ? `${where}: ` : ""}${first?.message ?? "invalid"}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`;
  const code = status === 413 ? "payload_too_large" : "bad_request";
  return new AppError(code, `Nothing was stored: ${summary}.`, errors);
}

async function handle(request: Request, kind: MessageType | "batch", origin: string | null): Promise<Response> {
  const receivedAt = new Date();
  const body = parseJson(await readBodyText(request, kind === "batch" ? MAX_BATCH_BYTES : MAX_MESSAGE_BYTES));
  const bodyKey = body !== null && typeof body === "object" && typeof (body as { writeKey?: unknown }).writeKey === "string" ? (body as { writeKey: string }).writeKey : null;
  const secret = writeKeyFrom(request, bodyKey);
  if (!secret) throw new AppError("unauthorized", "Send your write key as HTTP Basic auth user name (empty password), or as writeKey in the body.");
  const db = await getDb();
  const key = await verifyApiKey(db, secret, ["write"]);
  if (!key) throw new AppError("unauthorized", "The write key is unknown or revoked. Create one under Settings → API keys.");
  if (origin && !originAllowed(origin, key.workspace.allowedOrigins)) {
    throw new AppError("forbidden", `The origin ${origin} is not in this workspace's allowed origins.`);
  }

  const result = validateBatch(body, kind === "batch" ? {} : { type: kind });
  if (!result.ok) throw invalid(result.status, result.errors);
  // The client needs its data stored, not the memberships updated: those follow right after commit.
  await ingestBatch(db, {
    workspaceId: key.workspace.id,
    messages: result.messages,
    receivedAt,
    fallbackCountry: countryFrom(request),
    afterCommit: "schedule",
    // Group commit is on unless switched off (to compare, or to rule it out when debugging).
    group: process.env.TAILOR_INGEST_GROUP_COMMIT !== "off",
  });
  return json({ success: true }, 200, corsHeaders(origin));
}

/**
 * The POST handler of an ingestion endpoint (`batch` or one message type). Every response,
 * errors included, carries CORS headers so browser code can read why a call failed.
 */
export function ingestRoute(kind: MessageType | "batch"): (request: Request) => Promise<Response> {
  return async (request) => {
    const origin = request.headers.get("origin");
    try {
      return await handle(request, kind, origin);
    } catch (error) {
      return errorResponse(error, corsHeaders(origin));
    }
  };
}

/** The OPTIONS handler of every ingestion endpoint. */
export async function ingestPreflight(request: Request): Promise<Response> {
  return preflightResponse(request);
}

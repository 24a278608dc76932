/**
 * The OpenFeature Remote Evaluation Protocol over HTTP: `POST /ofrep/v1/evaluate/flags/{key}`
 * and the bulk `POST /ofrep/v1/evaluate/flags`, authorized by a workspace `client` key sent as
 * `Authorization: Bearer <key>`, limited to the workspace's allowed origins. Bodies and error
 * codes follow the OFREP spec; a known slot is always a 200 (ERROR + default when Tailor fails).
 */
import "server-only";
import { createHash } from "node:crypto";
import { getDecisionDbs, openedDecisionDbs, type Database, type DecisionDbs } from "@/db/client";
import type { Workspace } from "@/db/schema";
import { originAllowed } from "@/lib/ingest/http/cors";
import { verifyApiKey } from "@/lib/keys/api-keys";
import type { Decision } from "./decide";
import { decideManyWithBudget, decideWithBudget, type BudgetedDecision } from "./decide-with-budget";
import { onChangeNotice } from "./visitor-cache";

type ErrorCode = "PARSE_ERROR" | "TARGETING_KEY_MISSING" | "INVALID_CONTEXT" | "GENERAL" | "FLAG_NOT_FOUND";

const KEY_TTL_MS = 60_000;
interface KeyEntry {
  at: number;
  workspace: Workspace | null;
  checking?: Promise<Workspace | null>;
}
const state = globalThis as unknown as { __tailorClientKeyCache?: Map<string, KeyEntry> };
const keyCache = (state.__tailorClientKeyCache ??= new Map());

/** Forgets cached client keys: on a notification that keys or allowed origins changed (migration 0012), and in tests. */
export function clearClientKeyCache() {
  keyCache.clear();
}
onChangeNotice("keys", () => clearClientKeyCache());

const KEY_CACHE_MAX = 10_000;

function verify(db: Database, secret: string): Promise<Workspace | null> {
  return verifyApiKey(db, secret, ["client"]).then((key) => {
    const workspace = key?.workspace ?? null;
    // Unknown keys are remembered too (as null); a flood of made-up ones cannot grow this without bound.
    if (keyCache.size >= KEY_CACHE_MAX && !keyCache.has(secret)) keyCache.clear();
    keyCache.set(secret, { at: Date.now(), workspace });
    return workspace;
  });
}

/**
 * The workspace of a client key from memory, without a promise (the usual case): undefined when
 * the key was never checked. A known key older than `KEY_TTL_MS` is still answered while one
 * background check re-reads it (so a revoked key stops within about a minute, and no request
 * waits for the periodic check); a cached answer survives a database outage.
 */
function cachedWorkspaceOfKey(db: Database, secret: string): Workspace | null | undefined {
  // Keyed by the presented secret itself (already in memory with the request): no hash per request.
  const hit = keyCache.get(secret);
  if (!hit) return undefined;
  if (Date.now() - hit.at >= KEY_TTL_MS && !hit.checking) {
    hit.checking = verify(db, secret).finally(() => {
      hit.checking = undefined;
    });
    hit.checking.catch((error: unknown) => console.error("[tailor] ofrep: cannot re-check a client key; the cached answer stands", error));
  }
  return hit.workspace;
}

function cors(origin: string | null): Record<string, string> {
  return origin ? { "Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": "ETag", Vary: "Origin" } : {};
}

function respond(body: unknown, status: number, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store", ...headers } });
}

class OfrepFailure extends Error {
  constructor(readonly status: number, readonly errorCode: ErrorCode | null, message: string) {
    super(message);
  }
}

interface Authorized {
  dbs: DecisionDbs;
  workspace: Workspace;
  context: Record<string, unknown> & { targetingKey: string };
}

async function authorize(request: Request, origin: string | null): Promise<Authorized> {
  const header = request.headers.get("authorization") ?? "";
  const secret = /^bearer\s+(.+)$/i.exec(header.trim())?.[1]?.trim();
  if (!secret) throw new OfrepFailure(401, null, "Send a client key as `Authorization: Bearer <key>` (Settings → API keys).");
  let dbs = openedDecisionDbs();
  let workspace = dbs ? cachedWorkspaceOfKey(dbs.db, secret) : undefined;
  if (workspace === undefined) {
    try {
      dbs ??= await getDecisionDbs();
      const cached = cachedWorkspaceOfKey(dbs.db, secret);
      workspace = cached !== undefined ? cached : await verify(dbs.db, secret);
    } catch (error) {
      const cached = keyCache.get(secret);
      if (!cached) {
        console.error("[tailor] ofrep: cannot verify a client key", error);
        throw new OfrepFailure(200, "GENERAL", "Tailor could not verify the key because its database is unavailable.");
      }
      workspace = cached.workspace;
    }
  }
  if (!workspace || !dbs) throw new OfrepFailure(401, null, "The client key is unknown, revoked, or not a client key.");
  if (origin && !originAllowed(origin, workspace.allowedOrigins)) {
    throw new OfrepFailure(403, null, `The origin ${origin} is not in this workspace's allowed origins.`);
  }
  const context = await readContext(request);
  return { dbs, workspace, context };
}

async function readContext(request: Request): Promise<Authorized["context"]> {
  let body: unknown;
  try {
    const text = await request.text();
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new OfrepFailure(400, "PARSE_ERROR", "The request body must be JSON: { \"context\": { \"targetingKey\": \"…\" } }.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new OfrepFailure(400, "PARSE_ERROR", "The request body must be a JSON object.");
  const context = (body as { context?: unknown }).context ?? {};
  if (typeof context !== "object" || context === null || Array.isArray(context)) throw new OfrepFailure(400, "INVALID_CONTEXT", "context must be an object.");
  const targetingKey = (context as { targetingKey?: unknown }).targetingKey;
  if (typeof targetingKey !== "string" || targetingKey.length === 0 || targetingKey.length > 200) {
    throw new OfrepFailure(400, "TARGETING_KEY_MISSING", "context.targetingKey must be the visitor's user id or anonymous id (1–200 characters).");
  }
  return context as Authorized["context"];
}

/** What a decision looks like on the wire (no trace). */
function wire(decision: Decision) {
  const { trace: _trace, ...rest } = decision;
  return rest;
}

function failure(error: unknown, key: string | undefined, origin: string | null): Response {
  if (error instanceof OfrepFailure) {
    if (error.status === 200) return respond({ ...(key ? { key } : {}), value: {}, reason: "ERROR", errorCode: error.errorCode, errorDetails: error.message, metadata: {} }, 200, cors(origin));
    return respond({ ...(key ? { key } : {}), ...(error.errorCode ? { errorCode: error.errorCode } : {}), errorDetails: error.message }, error.status, cors(origin));
  }
  console.error("[tailor] ofrep: unexpected failure", error);
  return respond({ ...(key ? { key } : {}), value: {}, reason: "ERROR", errorCode: "GENERAL", errorDetails: "Tailor failed unexpectedly; the default is served.", metadata: {} }, 200, cors(origin));
}

function single(result: BudgetedDecision, key: string, origin: string | null): Response {
  switch (result.kind) {
    case "decision":
      return respond(wire(result.decision), 200, cors(origin));
    case "unknown_slot":
      return respond({ key, errorCode: "FLAG_NOT_FOUND", errorDetails: `No slot "${key}" in this workspace.` }, 404, cors(origin));
    case "unavailable":
      return respond({ key, value: {}, reason: "ERROR", errorCode: "GENERAL", errorDetails: result.details, metadata: {} }, 200, cors(origin));
  }
}

/** POST /ofrep/v1/evaluate/flags/{key} */
export async function evaluateFlag(request: Request, key: string): Promise<Response> {
  const origin = request.headers.get("origin");
  try {
    const { dbs, workspace, context } = await authorize(request, origin);
    return single(await decideWithBudget(dbs.db, { workspaceId: workspace.id, slotKey: key, context }, { visitorDb: dbs.visitors }), key, origin);
  } catch (error) {
    return failure(error, key, origin);
  }
}

/** A strong ETag over the evaluated flags: same answers, same tag. */
export function etagOf(flags: unknown): string {
  return `"${createHash("sha256").update(JSON.stringify(flags)).digest("base64url").slice(0, 27)}"`;
}

/** POST /ofrep/v1/evaluate/flags */
export async function evaluateAllFlags(request: Request): Promise<Response> {
  const origin = request.headers.get("origin");
  try {
    const { dbs, workspace, context } = await authorize(request, origin);
    const results = await decideManyWithBudget(dbs.db, { workspaceId: workspace.id, slotKeys: null, context }, { visitorDb: dbs.visitors });
    const flags = results.flatMap((r) => (r.kind === "decision" ? [wire(r.decision)] : []));
    const etag = etagOf(flags);
    const headers = { ...cors(origin), ETag: etag };
    const wanted = request.headers.get("if-none-match");
    if (wanted && wanted.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) {
      return new Response(null, { status: 304, headers: { ...headers, "Cache-Control": "private, no-store" } });
    }
    return respond({ flags }, 200, headers);
  } catch (error) {
    if (error instanceof OfrepFailure && error.status === 200) return respond({ flags: [] }, 200, cors(origin));
    if (error instanceof OfrepFailure) return respond({ ...(error.errorCode ? { errorCode: error.errorCode } : {}), errorDetails: error.message }, error.status, cors(origin));
    console.error("[tailor] ofrep bulk: unexpected failure", error);
    return respond({ flags: [] }, 200, cors(origin));
  }
}

/** OPTIONS — CORS preflight. Browsers send no key with it, so every origin passes; the POST is checked. */
export function ofrepPreflight(request: Request): Response {
  const origin = request.headers.get("origin") ?? "*";
  return new Response(null, {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": origin,
      "Access-Control-Allow-Methods": "POST, OPTIONS",
      "Access-Control-Allow-Headers": "Authorization, Content-Type, If-None-Match",
      "Access-Control-Expose-Headers": "ETag",
      "Access-Control-Max-Age": "86400",
      Vary: "Origin",
    },
  });
}

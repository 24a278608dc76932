import "server-only";

const ALLOW_HEADERS = "Authorization, Content-Type";

function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, "").toLowerCase();
}

/**
 * Whether a browser origin may send data to a workspace. An empty list allows every origin:
 * write keys are public by design (they sit in every page's snippet), so the list is a guard
 * against other sites polluting your data, not a secret. `*` in the list also allows all.
 */
export function originAllowed(origin: string, allowedOrigins: readonly string[]): boolean {
  if (!allowedOrigins.length) return true;
  const wanted = normalizeOrigin(origin);
  return allowedOrigins.some((allowed) => allowed === "*" || normalizeOrigin(allowed) === wanted);
}

/** CORS headers for a response to `origin` (none for server-to-server calls without Origin). */
export function corsHeaders(origin: string | null): Record<string, string> {
  if (!origin) return {};
  return { "Access-Control-Allow-Origin": origin, Vary: "Origin" };
}

/**
 * The answer to a preflight. Browsers send no credentials with it, so the workspace (and its
 * allowed origins) is unknown here: every origin passes the preflight and the actual POST is
 * checked against the workspace's list.
 */
export function preflightResponse(request: Request): Response {
  const origin = request.headers.get("origin");
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(origin ?? "*"),
      "Access-Control-Allow-Methods": "POST, OPTIONS",
      "Access-Control-Allow-Headers": ALLOW_HEADERS,
      "Access-Control-Max-Age": "86400",
    },
  });
}

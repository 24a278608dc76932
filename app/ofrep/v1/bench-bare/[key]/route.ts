/**
 * The decision benchmark's baseline (`npm run bench:decide`): a route handler that does only what
 * every framework request costs — route match, read and parse the same OFREP body — and answers
 * constant JSON. It exists only when the server was started with `TAILOR_BENCH=1`; otherwise it is
 * a plain 404, so production servers expose nothing.
 */
const CONSTANT = JSON.stringify({ key: "bench", value: {}, reason: "DEFAULT", variant: "default", metadata: {} });
const HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" };

// POST /ofrep/v1/bench-bare/{key} — benchmark baseline: parse the body, answer constant JSON (only with TAILOR_BENCH=1)
export const POST = async (request: Request, context: { params: Promise<{ key: string }> }) => {
  if (process.env.TAILOR_BENCH !== "1") return new Response("Not found", { status: 404 });
  await context.params;
  let body: { context?: { targetingKey?: unknown } };
  try {
    body = JSON.parse(await request.text());
  } catch {
    return new Response(JSON.stringify({ errorCode: "PARSE_ERROR" }), { status: 400, headers: HEADERS });
  }
  if (typeof body?.context?.targetingKey !== "string") return new Response(JSON.stringify({ errorCode: "TARGETING_KEY_MISSING" }), { status: 400, headers: HEADERS });
  return new Response(CONSTANT, { status: 200, headers: HEADERS });
};

// GET /ofrep/v1/bench-bare/cache — benchmark only: the visitor cache's counters (only with TAILOR_BENCH=1)
export const GET = async () => {
  if (process.env.TAILOR_BENCH !== "1") return new Response("Not found", { status: 404 });
  const { getDecisionDbs } = await import("@/db/client");
  const { visitorCacheStats } = await import("@/lib/personalization/visitor-cache");
  return new Response(JSON.stringify(visitorCacheStats((await getDecisionDbs()).db)), { status: 200, headers: HEADERS });
};

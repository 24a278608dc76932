import "@/lib/personalization/register";
import { evaluateFlag, ofrepPreflight } from "@/lib/personalization/ofrep-http";

// POST /ofrep/v1/evaluate/flags/{key} — OFREP evaluation of one slot for one visitor (client key)
export const POST = async (request: Request, context: { params: Promise<{ key: string }> }) => evaluateFlag(request, (await context.params).key);

// OPTIONS /ofrep/v1/evaluate/flags/{key} — CORS preflight
export const OPTIONS = (request: Request) => ofrepPreflight(request);

import "@/lib/personalization/register";
import { evaluateAllFlags, ofrepPreflight } from "@/lib/personalization/ofrep-http";

// POST /ofrep/v1/evaluate/flags — OFREP bulk evaluation: every slot for one visitor (client key; ETag / If-None-Match)
export const POST = (request: Request) => evaluateAllFlags(request);

// OPTIONS /ofrep/v1/evaluate/flags — CORS preflight
export const OPTIONS = (request: Request) => ofrepPreflight(request);

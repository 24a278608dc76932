import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { z, ZodError } from "zod";
import { AppError, type ErrorBody } from "./errors";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wraps a route handler so every failure leaves in one shape: zod errors become 422 with
 * the path of each problem, AppError its own status, anything else a 500 with a logged id.
 */
export function route<C = unknown>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Turns any thrown value into the standard error response. */
export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  if (error instanceof AppError) return NextResponse.json(error.toBody(), { status: error.status, headers });
  if (error instanceof ZodError) {
    return NextResponse.json(
      validationBody(error),
      { status: 422, headers },
    );
  }
  const id = randomUUID();
  console.error(`[tailor] unhandled error ${id}`, error);
  const body: ErrorBody = { error: { code: "internal", message: `Something went wrong on our side (error id ${id}). It has been logged.` } };
  return NextResponse.json(body, { status: 500, headers });
}

/** The 422 body for a zod error: one entry per problem with its path. */
export function validationBody(error: ZodError): ErrorBody {
  const details = error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
  const first = details[0];
  const where = first && first.path.length ? ` at ${first.path.join(".")}` : "";
  return {
    error: {
      code: "validation_failed",
      message: `The request is not valid${where}: ${first?.message ?? "unknown problem"}${details.length > 1 ? ` (and ${details.length - 1} more)` : ""}.`,
      details,
    },
  };
}

/** Reads and validates a JSON body; a body that is not JSON is a 400 that says so. */
export async function parseBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    throw new AppError("bad_request", "The request body must be valid JSON (Content-Type: application/json).");
  }
  return schema.parse(json);
}

/** Validates the query string against a schema of string fields. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams.entries());
  return schema.parse(params);
}

/** Validates dynamic route params (they arrive as a promise in Next 16). */
export async function parseParams<S extends z.ZodType>(params: Promise<unknown>, schema: S): Promise<z.output<S>> {
  const value = await params;
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("not_found", "No such resource: the id in the URL is not valid.");
  return result.data;
}

/** A JSON response with an optional status. */
export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  return NextResponse.json(data, { status, headers });
}

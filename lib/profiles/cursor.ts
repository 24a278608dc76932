import { z } from "zod";
import { AppError } from "@/lib/api/errors";

// A keyset position: the exact timestamp text from PostgreSQL (microseconds, which a JS Date
// would truncate and so skip rows) and the row id as a tie-breaker.
const cursorSchema = z.tuple([z.string().max(64).refine((s) => !Number.isNaN(Date.parse(s))), z.string().max(64)]);

/** Shapes a cursor's row id may have, checked before it reaches SQL as a bigint or uuid. */
export const ID_PATTERNS = {
  bigint: /^\d{1,19}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
};

/** Encodes a keyset position as an opaque URL-safe string. */
export function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString("base64url");
}

/** Decodes a cursor from `encodeCursor` whose id has the given shape; anything else is a 400. */
export function decodeCursor(cursor: string, idPattern: RegExp): { at: string; id: string } {
  const parsed = (() => {
    try {
      return cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    } catch {
      return null;
    }
  })();
  if (!parsed?.success || !idPattern.test(parsed.data[1])) {
    throw new AppError("bad_request", "The cursor is not valid; pass the nextCursor of a previous page unchanged.");
  }
  return { at: parsed.data[0], id: parsed.data[1] };
}

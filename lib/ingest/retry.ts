/** Thrown inside an ingestion transaction when a concurrent batch claimed an identity first. */
export class IngestConflict extends Error {
  constructor(message = "A concurrent batch claimed one of this batch's identities") {
    super(message);
    this.name = "IngestConflict";
  }
}

// Deadlock, serialization failure and unique violation (two batches creating one userId) all
// mean "another transaction got there first": re-reading and re-planning resolves them.
const RETRYABLE_CODES = new Set(["40001", "40P01", "23505"]);

function isRetryable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof IngestConflict) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && RETRYABLE_CODES.has(code)) return true;
  }
  return false;
}

/**
 * Runs a transaction function again (after a short jittered pause) when it lost a race. The
 * attempt number lets the function switch to locking: the first attempt is optimistic.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

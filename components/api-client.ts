/** Browser-side helpers for calling Tailor's JSON API and reading its standard error shape. */

export interface FieldProblem {
  path: string[];
  message: string;
}

/** A failed API call: the HTTP status plus the `{ error: { code, message, details } }` body. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string | null;
  readonly details: FieldProblem[];

  constructor(status: number, message: string, code: string | null, details: FieldProblem[]) {
    super(message);
    this.name = "ApiRequestError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The first message for each top-level field, e.g. `{ email: "Enter a valid email address" }`. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const problem of this.details) {
      const key = problem.path[0];
      if (key && !(key in out)) out[key] = problem.message;
    }
    return out;
  }
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return typeof value === "object" && value !== null && Array.isArray((value as FieldProblem).path) && typeof (value as FieldProblem).message === "string";
}

/** Reads an error response into an ApiRequestError, whatever shape (Tailor's or better-auth's) it has. */
export async function toApiError(response: Response): Promise<ApiRequestError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, an empty body): fall back to the status text below.
  }
  const record = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  // Tailor answers `{ error: { code, message, details } }`; better-auth answers `{ code, message }`.
  const error = typeof record.error === "object" && record.error !== null ? (record.error as Record<string, unknown>) : record;
  const message =
    typeof error.message === "string" && error.message
      ? error.message
      : `The request failed (${response.status}${response.statusText ? ` ${response.statusText}` : ""}). Try again.`;
  const details = Array.isArray(error.details) ? error.details.filter(isFieldProblem) : [];
  return new ApiRequestError(response.status, message, typeof error.code === "string" ? error.code : null, details);
}

export interface ApiFetchInit {
  method?: string;
  body?: unknown;
  /** Workspace slug, sent as `x-tailor-workspace` so a request can never land in another workspace. */
  workspace?: string;
  /** Cancels the request (TanStack Query passes one to every queryFn); the server stops work too. */
  signal?: AbortSignal;
}

/** `fetch` for JSON endpoints: sends and parses JSON and throws ApiRequestError on a non-2xx status. */
export async function apiFetch<T>(url: string, init: ApiFetchInit = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.workspace) headers["x-tailor-workspace"] = init.workspace;
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
      signal: init.signal,
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiRequestError(0, "Could not reach the server. Check your connection and try again.", null, []);
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Signs in through better-auth's email endpoint; better-auth sets the session cookie. */
export async function signInWithEmail(email: string, password: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiRequestError(0, "Could not reach the server. Check your connection and try again.", null, []);
  }
  if (response.ok) return;
  if (response.status === 401) throw new ApiRequestError(401, "Wrong email or password", "unauthorized", []);
  if (response.status === 429) {
    throw new ApiRequestError(429, "Too many sign-in attempts. Wait a minute and try again.", "rate_limited", []);
  }
  throw await toApiError(response);
}

/** Ends the session and leaves for the sign-in page. */
export async function signOut(): Promise<void> {
  try {
    await fetch("/api/auth/sign-out", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
      credentials: "same-origin",
    });
  } finally {
    window.location.assign("/sign-in");
  }
}

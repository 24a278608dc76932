import { getAuth } from "@/lib/auth/auth";

// GET|POST /api/auth/* — better-auth's sign-in, sign-out and session endpoints
async function handle(request: Request): Promise<Response> {
  const auth = await getAuth();
  return auth.handler(request);
}

export const GET = handle;
export const POST = handle;

import { connection } from "next/server";
import { getDb } from "@/db/client";
import { renderDemo } from "@/lib/demo/site/render-demo";

type Context = { params: Promise<{ path?: string[] }> };

// GET /demo/… — the demo site "Acme News & Shop": plain HTML wired to Tailor only through /tailor.js
export async function GET(request: Request, { params }: Context) {
  await connection();
  const { path = [] } = await params;
  return renderDemo(await getDb(), path.map((p) => decodeURIComponent(p)), new URL(request.url).searchParams);
}

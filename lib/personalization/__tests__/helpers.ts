import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { segmentMembers } from "@/db/schema";
import { ingest, newWorkspace } from "@/lib/ingest/__tests__/helpers";
import { addSegment } from "@/lib/membership/__tests__/helpers";
import { createExperience, publishExperience } from "../experiences";
import { createSlot } from "../slots";

export const actor = { id: "user:test", label: "test@tailor.test" };
const T0 = "2025-03-01T10:00:00.000Z";

export const HERO_FIELDS = [
  { key: "headline", label: "Headline", type: "text", required: true },
  { key: "body", type: "rich_text", required: false },
  { key: "cta", type: "link", required: false },
  { key: "image", type: "image_url", required: false },
  { key: "products", type: "product_list", required: false },
] as const;

/** A workspace with: u-vip (stored member of segment vip, plan pro, searched Hanoi), u-pro (plan pro), u-free. */
export async function seedWorkspace(db: Database) {
  const workspaceId = await newWorkspace(db, "Personalization");
  await ingest(db, workspaceId, [
    { type: "identify", userId: "u-vip", anonymousId: "a-vip", traits: { first_name: "<Ann>", plan: "pro" }, timestamp: T0 },
    { type: "track", userId: "u-vip", event: "Flight Searched", properties: { destination: "Rome" }, timestamp: "2025-03-01T10:01:00.000Z" },
    { type: "track", userId: "u-vip", event: "Flight Searched", properties: { destination: "Hanoi" }, timestamp: "2025-03-01T10:02:00.000Z" },
    { type: "identify", userId: "u-pro", traits: { first_name: "Bo", plan: "pro" }, timestamp: T0 },
    { type: "identify", userId: "u-free", traits: { first_name: "Cy", plan: "free" }, timestamp: T0 },
  ]);
  const vip = await addSegment(db, workspaceId, "vip", { type: "trait", field: "traits.first_name", operator: "equals", value: "<Ann>" });
  await addSegment(db, workspaceId, "travellers", { type: "event", event: "Flight Searched" });
  const profileId = await profileOf(db, workspaceId, "u-vip");
  await db.insert(segmentMembers).values({ workspaceId, profileId, segmentId: vip.id, enteredAt: new Date(T0) });
  await createSlot(db, { workspaceId, actor }, { key: "home-hero", name: "Home hero", channel: "web", fields: HERO_FIELDS.map((f) => ({ ...f })) });
  return workspaceId;
}

export async function profileOf(db: Database, workspaceId: string, userId: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(db, sql`select id::text from profiles where workspace_id = ${workspaceId}::uuid and user_id = ${userId}`);
  return row.id;
}

export const variant = (headline: string, extra: Record<string, unknown> = {}) => ({ name: headline, content: { headline, ...extra } });

/** Creates and publishes an experience on home-hero; returns the publish result. */
export async function liveExperience(db: Database, workspaceId: string, body: Record<string, unknown>) {
  await createExperience(db, { workspaceId, actor }, { slot: "home-hero", name: String(body.key), ...body });
  return publishExperience(db, { workspaceId, actor }, String(body.key));
}

import "server-only";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/audit/record-audit";
import type { CreateSegmentInput } from "./schemas";
import { createSegment } from "./save-segment";

const pageViews = (category: string, times: number, days: number) => ({
  type: "event",
  event: "Page Viewed",
  filters: [{ property: "category", operator: "equals", value: category }],
  measure: { kind: "count" },
  comparison: { op: "at_least", value: times },
  window: { kind: "last", amount: days, unit: "days" },
});

const did = (event: string, days: number | null, filters: object[] = [], atLeast = 1) => ({
  type: "event",
  event,
  filters,
  measure: { kind: "count" },
  comparison: { op: "at_least", value: atLeast },
  window: days === null ? { kind: "ever" } : { kind: "last", amount: days, unit: "days" },
});

const never = (event: string, days: number) => ({ ...did(event, days), comparison: { op: "exactly", value: 0 } });
const all = (...children: object[]) => ({ type: "group", op: "and", children });

/** The segments of the articles Tailor is built from, for the demo workspace. */
export const DEMO_SEGMENTS: CreateSegmentInput[] = [
  { key: "sports-readers", name: "Sports readers", tags: ["content"], description: "Read sports at least 3 times in the last 30 days.", rule: all(pageViews("sports", 3, 30)) },
  { key: "finance-readers", name: "Finance readers", tags: ["content"], description: "Read finance at least 3 times in the last 30 days.", rule: all(pageViews("finance", 3, 30)) },
  { key: "recent-buyers", name: "Recent buyers", tags: ["commerce"], description: "Completed an order in the last 30 days.", rule: all(did("Order Completed", 30)) },
  { key: "recent-flight-bookers", name: "Recent flight bookers", tags: ["travel"], description: "Booked a flight in the last 30 days: stop showing them flight offers.", rule: all(did("Flight Booked", 30)) },
  {
    key: "investing-savers",
    name: "Credit-worthy savers interested in investing",
    tags: ["bank"],
    description: "Good credit, and looked at savings or mutual funds in the last 60 days.",
    rule: all(
      { type: "trait", field: "traits.credit_score", operator: "gte", value: 700 },
      did("Product Viewed", 60, [{ property: "product_type", operator: "one_of", value: ["savings", "mutual_fund"] }]),
    ),
  },
  {
    key: "young-fashion-buyers",
    name: "Young fashion buyers",
    tags: ["commerce", "fashion"],
    description: "18–29 year olds who added fashion to their cart and ordered in the last 90 days.",
    rule: all(
      { type: "trait", field: "traits.age", operator: "between", value: [18, 29] },
      did("Product Added", 90, [{ property: "category", operator: "equals", value: "fashion" }]),
      did("Order Completed", 90),
    ),
  },
  {
    key: "lapsed-customers",
    name: "Lapsed customers",
    tags: ["commerce", "retention"],
    description: "Ordered before, but not in the last 60 days.",
    rule: all(did("Order Completed", null), never("Order Completed", 60)),
  },
  {
    key: "sports-readers-not-buying",
    name: "Sports readers who have not bought lately",
    tags: ["content", "commerce"],
    description: "Sports readers outside recent buyers: a segment built from segments.",
    rule: all({ type: "segment", op: "in", segment: "sports-readers" }, { type: "segment", op: "not_in", segment: "recent-buyers" }),
  },
];

/** Creates the demo segments in a workspace that has the demo data. */
export async function createDemoSegments(db: Database, workspaceId: string, actor: Actor) {
  for (const input of DEMO_SEGMENTS) await createSegment(db, { workspaceId, actor }, input);
}

import { z } from "zod";
import type { Operation } from "@/lib/api/openapi";
import { createWebhookSchema, deliverySchema, updateWebhookSchema, webhookSchema } from "./schemas";

export const deliveriesQuerySchema = z.object({ webhookId: z.uuid().optional() });
const idParams = z.object({ id: z.uuid() });

/** Webhook routes for the OpenAPI document. */
export const WEBHOOK_OPERATIONS: Operation[] = [
  { method: "get", path: "/api/v1/webhooks", summary: "List webhooks", tag: "Webhooks", auth: "viewer", responses: { 200: { description: "Webhooks", schema: z.object({ data: z.array(webhookSchema) }) } } },
  { method: "post", path: "/api/v1/webhooks", summary: "Create a webhook (the signing secret is returned once)", tag: "Webhooks", auth: "admin", body: createWebhookSchema, responses: { 201: { description: "Created", schema: z.object({ webhook: webhookSchema, secret: z.string() }) } } },
  { method: "patch", path: "/api/v1/webhooks/{id}", summary: "Pause or resume a webhook", tag: "Webhooks", auth: "admin", params: idParams, body: updateWebhookSchema, responses: { 200: { description: "Updated", schema: z.object({ webhook: webhookSchema }) } } },
  { method: "delete", path: "/api/v1/webhooks/{id}", summary: "Delete a webhook and its deliveries", tag: "Webhooks", auth: "admin", params: idParams, responses: { 200: { description: "Deleted", schema: z.object({ deleted: z.string() }) } } },
  { method: "get", path: "/api/v1/webhooks/deliveries", summary: "The last 50 deliveries with status", tag: "Webhooks", auth: "viewer", query: deliveriesQuerySchema, responses: { 200: { description: "Deliveries, newest first", schema: z.object({ data: z.array(deliverySchema) }) } } },
];
